package io.jenkins.plugins.packer.jenkins;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;

/** Removes a detached build's files once its step has its outcome. */
final class ForgetCallable extends MasterToSlaveFileCallable<Boolean> {

    private static final long serialVersionUID = 1L;

    private final String id;

    ForgetCallable(String id) {
        this.id = id;
    }

    @Override
    public Boolean invoke(File workspace, VirtualChannel channel) throws IOException {
        DetachedBuild.forget(workspace.toPath(), id);
        return true;
    }
}
