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

    /** Packer's {@code -on-error=ask} prompt: c(leanup), a(bort) or r(etry); no answer means clean up. */
    static char askOnError(Ui ui) {
        while (true) {
            String line;
            try {
                line = ui.ask("[c] Clean up and exit, [a] abort without cleanup, or [r] retry step (build may fail"
                        + " even if retry succeeds)?");
            } catch (Ui.UiException e) {
                line = "";
            }
            char c = (line.toLowerCase(java.util.Locale.ROOT) + "c").charAt(0);
            if (c == 'c' || c == 'a' || c == 'r') {
                return c;
            }
            ui.say("Incorrect input: " + io.jenkins.plugins.packer.value.GoStrings.quote(line));
        }
    }

    /** A {@code -debug} pause: waits for enter when someone can press it. */
    static void pause(Ui ui, String message) {
        try {
            ui.ask(message);
        } catch (Ui.UiException e) {
            // Packer goes on when it cannot ask.
        }
    }

    /** Runs {@code steps}; the state holds the error when one failed. */
    public static void run(List<Step> steps, StepState state) {
        BuildContext ctx = state.build();
        Deque<Step> ran = new ArrayDeque<>();
        OnError mode = ctx.options().onError();
        boolean aborted = false;
        for (Step step : steps) {
            if (ctx.cancellation().isCancelled()) {
                state.halt();
                break;
            }
            ran.push(step);
            ctx.log().log("[INFO] " + ctx.name() + ": step \"" + step.name() + "\" started");
            long started = System.nanoTime();
            boolean ok = step.run(state);
            ctx.log().log("[INFO] " + ctx.name() + ": step \"" + step.name() + "\" "
                    + (ok ? "ended" : "failed" + (state.error() == null ? "" : ": " + state.error())) + " after "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
            while (!ok && mode == OnError.ASK && !ctx.cancellation().isCancelled()) {
                if (state.error() != null) {
                    ctx.ui().error(state.error());
                }
                ctx.ui().say("Step \"" + step.name() + "\" failed");
                char answer = askOnError(ctx.ui());
                if (answer == 'r') {
                    ok = step.run(state);
                    continue;
                }
                aborted = answer == 'a';
                break;
            }
            if (!ok) {
                state.halt();
                break;
            }
            if (ctx.options().debug()) {
                pause(ctx.ui(), "Pausing after run of step '" + step.name() + "'. Press enter to continue.");
            }
        }
        if (aborted) {
            for (Step step : ran) {
                ctx.ui().error("aborted: skipping cleanup of step \"" + step.name() + "\"");
            }
            return;
        }
        boolean logged = false;
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
            if (ctx.options().debug()) {
                pause(ctx.ui(), "Pausing before cleanup of step '" + step.name() + "'. Press enter to continue.");
            }
            ctx.log().log("[INFO] " + ctx.name() + ": cleaning up step \"" + step.name() + "\"");
            try {
                step.cleanup(state);
            } catch (RuntimeException e) {
                ctx.ui().error("Error cleaning up " + step.name() + ": " + e);
            }
        }
    }
}
