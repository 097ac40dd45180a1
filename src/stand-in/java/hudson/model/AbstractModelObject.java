package hudson.model;

/** Mirrors jenkins-core {@code hudson.model.AbstractModelObject}, a superclass of {@link Run}. */
public abstract class AbstractModelObject {
}
