package io.jenkins.plugins.packer.jenkins;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What a build on the agent sends back: its exit code, whether it was cancelled, the step's result for Groovy, the
 * manifests and the artifacts' files that could be archived (inside the workspace, relative to it; the files with
 * their sizes), why it failed (null when it did not), and the debug log to archive (relative to the workspace; null:
 * none).
 */
record BuildOutcome(int exitCode, boolean cancelled, LinkedHashMap<String, Object> result, List<String> manifests,
                    LinkedHashMap<String, Long> files, String failureMessage, String debugLog) implements Serializable {

    private static final long serialVersionUID = 3L;

    /** An outcome without a debug log. */
    BuildOutcome(int exitCode, boolean cancelled, LinkedHashMap<String, Object> result, List<String> manifests,
                 LinkedHashMap<String, Long> files, String failureMessage) {
        this(exitCode, cancelled, result, manifests, files, failureMessage, null);
    }

    BuildOutcome {
        manifests = new ArrayList<>(manifests);
        files = new LinkedHashMap<>(files);
    }

    /** An outcome without anything to archive. */
    static BuildOutcome failed(int exitCode, boolean cancelled, String failureMessage) {
        return new BuildOutcome(exitCode, cancelled, new LinkedHashMap<>(), List.of(), new LinkedHashMap<>(),
                failureMessage);
    }

    boolean succeeded() {
        return exitCode == 0 && !cancelled;
    }
}
