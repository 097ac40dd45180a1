package io.jenkins.plugins.packer.run;

import java.time.Duration;
import java.util.List;

/** What a run ended with: its exit code (as {@code packer build}'s) and each build's result, in order. */
public record RunResult(int exitCode, boolean cancelled, List<BuildResult> builds) {

    public RunResult {
        builds = List.copyOf(builds);
    }

    /**
     * One build: its name, whether it succeeded, how long it took, its artifacts, its error (null if none) and the
     * manifests it wrote.
     */
    public record BuildResult(String name, boolean succeeded, Duration duration, List<Artifact> artifacts,
                              String error, List<String> manifests) {
        public BuildResult {
            artifacts = List.copyOf(artifacts);
            manifests = List.copyOf(manifests);
        }
    }
}
