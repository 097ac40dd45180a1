package io.jenkins.plugins.packer.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Packer's basic multistep runner with its {@code -on-error} handling: runs the steps in order until one halts or
 * the run is cancelled, then cleans up the steps that ran in reverse order. With {@code abort} a failed or cancelled
 * run skips the cleanups ({@code Step "X" failed, aborting...}, {@code aborted: skipping cleanup of step "Y"});
 * {@code run-cleanup-provisioner} does the same except for the provisioning step, so that the error-cleanup
 * provisioner still runs.
 */
public final class StepRunner {

    /** The step whose cleanup {@code run-cleanup-provisioner} keeps. */
    public static final String PROVISION_STEP = "StepProvision";

    private StepRunner() {
    }

    /** Runs {@code steps}; the state holds the error when one failed. */
    public static void run(List<Step> steps, StepState state) {
        BuildContext ctx = state.build();
        Deque<Step> ran = new ArrayDeque<>();
        for (Step step : steps) {
            if (ctx.cancellation().isCancelled()) {
                state.halt();
                break;
            }
            ran.push(step);
            if (!step.run(state)) {
                state.halt();
                break;
            }
        }
        boolean logged = false;
        OnError mode = ctx.options().onError();
        boolean failed = state.halted() || ctx.cancellation().isCancelled();
        for (Step step : ran) {
            boolean abort = failed && (mode == OnError.ABORT || mode == OnError.RUN_CLEANUP_PROVISIONER);
            if (abort && !(mode == OnError.RUN_CLEANUP_PROVISIONER && step.name().equals(PROVISION_STEP))) {
                if (!logged) {
                    if (state.error() != null) {
                        ctx.ui().error(state.error());
                    }
                    ctx.ui().error(ctx.cancellation().isCancelled() ? "Interrupted, aborting..."
                            : "Step \"" + step.name() + "\" failed, aborting...");
                    logged = true;
                } else {
                    ctx.ui().error("aborted: skipping cleanup of step \"" + step.name() + "\"");
                }
                continue;
            }
            try {
                step.cleanup(state);
            } catch (RuntimeException e) {
                ctx.ui().error("Error cleaning up " + step.name() + ": " + e);
            }
        }
    }
}
