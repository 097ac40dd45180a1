package io.jenkins.plugins.packer.jenkins;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;

/** Reads what a detached build wrote since the last poll, and its outcome once it ended (see {@link DetachedBuild}). */
final class PollCallable extends MasterToSlaveFileCallable<DetachedBuild.Poll> {

    private static final long serialVersionUID = 1L;

    private final String id;
    private final long offset;

    PollCallable(String id, long offset) {
        this.id = id;
        this.offset = offset;
    }

    @Override
    public DetachedBuild.Poll invoke(File workspace, VirtualChannel channel) throws IOException {
        return DetachedBuild.poll(workspace.toPath(), id, offset);
    }
}
