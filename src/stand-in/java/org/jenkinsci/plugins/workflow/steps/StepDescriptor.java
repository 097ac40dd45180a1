package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Map;
import java.util.Set;

/** Mirrors workflow-step-api {@code org.jenkinsci.plugins.workflow.steps.StepDescriptor}: a step's name and needs. */
public abstract class StepDescriptor extends Descriptor<Step> {

    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();

    public String argumentsToString(Map<String, Object> namedArgs) {
        throw new UnsupportedOperationException();
    }
}
