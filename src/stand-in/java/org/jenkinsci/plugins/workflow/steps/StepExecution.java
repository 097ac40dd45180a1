package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/** Mirrors workflow-step-api {@code org.jenkinsci.plugins.workflow.steps.StepExecution}: a step while it runs. */
public abstract class StepExecution implements Serializable {

    private static final long serialVersionUID = 1L;

    private StepContext context;

    protected StepExecution(StepContext context) {
        this.context = context;
    }

    public StepContext getContext() {
        return context;
    }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {
        getContext().onFailure(cause);
    }

    public void onResume() {
    }

    /** What the step is doing, for the thread dump of a Pipeline; null when it has nothing to say. */
    public String getStatus() {
        return null;
    }

    /** Whether a safe restart waits for this step: not for one that survives restarts. */
    public boolean blocksRestart() {
        return false;
    }
}
