package io.jenkins.plugins.packer.jenkins;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.packer.run.Cancellation;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs {@code packerBuild} on the agent that holds the workspace: templates, scripts and artifacts are read and
 * written there, and the log goes to the build's listener. The build is registered under the request's id while it
 * runs so that {@link CancelCallable} can stop it; an interrupt of this thread cancels it too.
 */
final class BuildCallable extends MasterToSlaveFileCallable<BuildOutcome> {

    private static final long serialVersionUID = 1L;

    private final BuildRequest request;
    private final TaskListener listener;

    BuildCallable(BuildRequest request, TaskListener listener) {
        this.request = request;
        this.listener = listener;
    }

    @Override
    public BuildOutcome invoke(File workspace, VirtualChannel channel) throws IOException {
        Cancellation cancellation = new Cancellation();
        AgentBuilds.started(request.id(), cancellation);
        try {
            return PackerBuilding.build(workspace.toPath(), request, listener.getLogger(), cancellation,
                    Clock.systemDefaultZone());
        } finally {
            AgentBuilds.finished(request.id());
        }
    }
}
