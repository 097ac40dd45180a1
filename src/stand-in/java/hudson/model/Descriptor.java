package hudson.model;

/** Mirrors jenkins-core {@code hudson.model.Descriptor}: the metadata and form handling of a describable type. */
public abstract class Descriptor<T extends Describable<T>> {

    protected Descriptor() {
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }
}
