package hudson.tasks;

import hudson.ExtensionPoint;
import hudson.model.Describable;

/** Mirrors jenkins-core {@code hudson.tasks.Builder}: a build step of a freestyle project. */
@SuppressWarnings("deprecation")
public abstract class Builder extends BuildStepCompatibilityLayer implements Describable<Builder>, ExtensionPoint {
}
