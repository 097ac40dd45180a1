package hudson.model;

/** Mirrors jenkins-core {@code hudson.model.AbstractDescribableImpl}, still the superclass of Step. */
@Deprecated
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
}
