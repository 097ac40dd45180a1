package io.jenkins.plugins.packer.value;

/**
 * Thrown where evaluation notices that its thread was interrupted (Ctrl-C, a Jenkins abort): an expression that would
 * run for minutes on hostile input (nested {@code for} expressions over large ranges, {@code setproduct} of many
 * sets) stops at its next step. Not a mistake of the template: callers report the run as cancelled.
 */
public final class EvaluationCancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EvaluationCancelled() {
        super("evaluation cancelled", null, false, false);
    }

    /** Throws when the current thread was interrupted, leaving its interrupt flag set; costs a field read. */
    public static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new EvaluationCancelled();
        }
    }
}
