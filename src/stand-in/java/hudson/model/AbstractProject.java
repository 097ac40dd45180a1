package hudson.model;

/** Mirrors jenkins-core {@code hudson.model.AbstractProject}: a freestyle-style project (members unused). */
public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Job<P, R> {
}
