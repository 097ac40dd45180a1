package hudson.model;

/** Mirrors jenkins-core {@code hudson.model.BuildListener}: the listener of a whole build. */
public interface BuildListener extends TaskListener {
}
