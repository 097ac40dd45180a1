package hudson.model;

/** Mirrors jenkins-core {@code hudson.model.Describable}: configured through a descriptor (members unused). */
public interface Describable<T extends Describable<T>> {
}
