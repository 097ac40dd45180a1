package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.ListenableFuture;
import java.io.IOException;
import java.io.Serializable;

/**
 * Mirrors workflow-step-api {@code org.jenkinsci.plugins.workflow.steps.StepContext}: what a running step can reach
 * ({@code get}), how it reports its end ({@code onSuccess}, and {@code onFailure} from {@link FutureCallback}), and how
 * it saves its execution's state ({@code saveState}).
 */
public abstract class StepContext implements FutureCallback<Object>, Serializable {

    private static final long serialVersionUID = 1L;

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    @Override
    public abstract void onSuccess(Object result);

    /** Saves the running step's state (its execution's fields) with the Pipeline. */
    public abstract ListenableFuture<Void> saveState();
}
