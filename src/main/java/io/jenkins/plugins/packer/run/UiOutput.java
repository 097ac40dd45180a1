package io.jenkins.plugins.packer.run;

/**
 * Where a run's output goes, supplied by the embedder (the command line's standard output, a Jenkins build log):
 * whole formatted text, written in order by one thread at a time. {@link #readLine()} answers questions when the
 * embedder has an input.
 */
public interface UiOutput {

    /** Writes {@code text}: whole lines, or a question's prompt. */
    void write(String text);

    /** Whether a user can answer questions (a terminal); Packer asks nothing otherwise. */
    default boolean interactive() {
        return false;
    }

    /** The next line the user typed, or null at the end of the input. */
    default String readLine() {
        return null;
    }
}
