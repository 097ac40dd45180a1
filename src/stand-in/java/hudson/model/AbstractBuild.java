package hudson.model;

/** Mirrors jenkins-core {@code hudson.model.AbstractBuild}: a build of an {@link AbstractProject} (members unused). */
public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R> {
}
