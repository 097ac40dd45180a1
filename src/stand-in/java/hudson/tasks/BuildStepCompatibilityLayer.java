package hudson.tasks;

/** Mirrors jenkins-core {@code hudson.tasks.BuildStepCompatibilityLayer}, the superclass of {@link Builder}. */
@Deprecated
public abstract class BuildStepCompatibilityLayer implements BuildStep {
}
