package org.jenkinsci.plugins.workflow.steps;

import hudson.model.AbstractDescribableImpl;

/** Mirrors workflow-step-api {@code org.jenkinsci.plugins.workflow.steps.Step}: a Pipeline step's arguments. */
@SuppressWarnings("deprecation") // the real Step still extends the deprecated AbstractDescribableImpl
public abstract class Step extends AbstractDescribableImpl<Step> implements hudson.ExtensionPoint {

    public abstract StepExecution start(StepContext context) throws Exception;
}
