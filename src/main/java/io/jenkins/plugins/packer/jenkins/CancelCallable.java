package io.jenkins.plugins.packer.jenkins;

import hudson.remoting.VirtualChannel;
import java.io.File;
import jenkins.MasterToSlaveFileCallable;

/** Cancels a running {@code packerBuild} on the agent; its cleanups run and the build call returns. */
final class CancelCallable extends MasterToSlaveFileCallable<Boolean> {

    private static final long serialVersionUID = 1L;

    private final String id;

    CancelCallable(String id) {
        this.id = id;
    }

    @Override
    public Boolean invoke(File workspace, VirtualChannel channel) {
        return AgentBuilds.cancel(id);
    }
}
