package io.jenkins.plugins.packer.run;

/**
 * Where a run's output goes, supplied by the embedder (the command line's standard output, a Jenkins build log):
 * whole formatted text, written in order by one thread at a time. {@link #readLine()} answers questions when the
 * embedder has an input.
 */
public interface UiOutput {

    /** Writes {@code text}, which ends with a line end. */
    void write(String text);

    /** The next line the user typed, or null when there is no input. */
    default String readLine() {
        return null;
    }
}
