package io.jenkins.plugins.packer.jenkins;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a build on the agent sends back: its exit code, whether it was cancelled, the step's result for Groovy, the
 * files to archive (relative to the workspace), and why it failed (null when it did not).
 */
record BuildOutcome(int exitCode, boolean cancelled, LinkedHashMap<String, Object> result, List<String> archive,
                    String failureMessage) implements Serializable {

    private static final long serialVersionUID = 1L;

    BuildOutcome {
        archive = new ArrayList<>(archive);
    }

    boolean succeeded() {
        return exitCode == 0 && !cancelled;
    }

    /** The archive as Jenkins' artifact manager takes it: path in the archive to path in the workspace. */
    Map<String, String> archiveMap() {
        Map<String, String> m = new LinkedHashMap<>();
        archive.forEach(p -> m.put(p, p));
        return m;
    }
}
