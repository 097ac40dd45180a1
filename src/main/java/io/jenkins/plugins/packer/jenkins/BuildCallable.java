package io.jenkins.plugins.packer.jenkins;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;

/**
 * Starts {@code packerBuild} on the agent that holds the workspace, detached from this call ({@link DetachedBuild}):
 * templates, scripts and artifacts are read and written there, and the build goes on if the call's channel closes.
 * Returns once the build runs; {@link PollCallable} follows it, {@link CancelCallable} stops it.
 */
final class BuildCallable extends MasterToSlaveFileCallable<Boolean> {

    private static final long serialVersionUID = 1L;

    private final BuildRequest request;

    BuildCallable(BuildRequest request) {
        this.request = request;
    }

    @Override
    public Boolean invoke(File workspace, VirtualChannel channel) throws IOException {
        DetachedBuild.start(workspace.toPath(), request);
        return true;
    }
}
