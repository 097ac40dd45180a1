package io.jenkins.plugins.packer.run;

/**
 * The options of {@code packer build} that builds and components read: {@code -on-error}, {@code -force},
 * {@code -debug}, {@code -parallel-builds} (0: no limit) and the output options.
 */
public record RunOptions(OnError onError, boolean force, boolean debug, int parallelBuilds, UiOptions ui) {

    public static final RunOptions DEFAULT = new RunOptions(OnError.CLEANUP, false, false, 0, UiOptions.PLAIN);
}
