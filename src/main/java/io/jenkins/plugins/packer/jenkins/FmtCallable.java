package io.jenkins.plugins.packer.jenkins;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;

/** Runs {@code packerFmt} on the agent that holds the workspace, where the files are read and rewritten. */
final class FmtCallable extends MasterToSlaveFileCallable<FmtOutcome> {

    private static final long serialVersionUID = 1L;

    private final FmtRequest request;

    FmtCallable(FmtRequest request) {
        this.request = request;
    }

    @Override
    public FmtOutcome invoke(File workspace, VirtualChannel channel) throws IOException {
        return Deep.call(() -> PackerFormatting.format(workspace.toPath(), request));
    }
}
