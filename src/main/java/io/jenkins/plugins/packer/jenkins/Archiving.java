package io.jenkins.plugins.packer.jenkins;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jenkins.util.BuildListenerAdapter;

/** Archives a build's artifact files and manifests on the Jenkins run, for the step and the builder alike. */
final class Archiving {

    private Archiving() {
    }

    /** Archives what the outcome lists (nothing without a run); returns the paths archived. */
    static List<String> archive(Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener,
                                BuildOutcome outcome) throws IOException, InterruptedException {
        if (run == null || outcome.archive().isEmpty()) {
            return List.of();
        }
        run.pickArtifactManager().archive(workspace, launcher, BuildListenerAdapter.wrap(listener),
                outcome.archiveMap());
        listener.getLogger().println("Archived " + String.join(", ", outcome.archive()));
        return new ArrayList<>(outcome.archive());
    }
}
