package hudson.model;

/** Mirrors jenkins-core {@code hudson.model.Describable}: an object configured through its descriptor. */
public interface Describable<T extends Describable<T>> {

    default Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException();
    }
}
