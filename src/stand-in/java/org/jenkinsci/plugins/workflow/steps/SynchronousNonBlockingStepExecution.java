package org.jenkinsci.plugins.workflow.steps;

/**
 * Mirrors workflow-step-api {@code SynchronousNonBlockingStepExecution}: {@code run()} on a pool thread, off the CPS VM
 * thread, its return value the step's result. Jenkins' executor pool is not here: {@link #start} is not available.
 */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {

    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        throw new UnsupportedOperationException();
    }
}
