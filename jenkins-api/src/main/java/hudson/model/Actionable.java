package hudson.model;

/** Mirrors jenkins-core {@code hudson.model.Actionable}, a superclass of {@link Run}. */
public abstract class Actionable extends AbstractModelObject {
}
