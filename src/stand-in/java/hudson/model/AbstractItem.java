package hudson.model;

/** Mirrors jenkins-core {@code hudson.model.AbstractItem}, the superclass of {@link Job}. */
public abstract class AbstractItem extends Actionable {
}
