package hudson.tasks;

/** Mirrors jenkins-core {@code hudson.tasks.BuildStep}: a step of a freestyle build (members unused). */
public interface BuildStep {
}
