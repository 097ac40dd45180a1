package io.jenkins.plugins.packer.run;

/**
 * One step of a builder, as Packer's multistep: {@link #run} does the work and records what it created in the state;
 * {@link #cleanup} removes it, and is called in reverse order after the run, whether it succeeded, failed or was
 * cancelled (unless {@code -on-error=abort}).
 */
public interface Step {

    /** The step's name in abort messages, as Packer's Go type name ({@code StepProvision}). */
    String name();

    /** Runs the step; on failure it puts the error in the state and returns {@code false} to halt. */
    boolean run(StepState state);

    default void cleanup(StepState state) {
    }
}
