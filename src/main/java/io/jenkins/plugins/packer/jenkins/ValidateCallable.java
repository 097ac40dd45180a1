package io.jenkins.plugins.packer.jenkins;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs {@code packerValidate} on the agent that holds the workspace, so the template is read there and its file
 * functions see only that workspace. A top-level class, so it carries the request and nothing of the step.
 */
final class ValidateCallable extends MasterToSlaveFileCallable<ValidateOutcome> {

    private static final long serialVersionUID = 1L;

    private final ValidateRequest request;

    ValidateCallable(ValidateRequest request) {
        this.request = request;
    }

    @Override
    public ValidateOutcome invoke(File workspace, VirtualChannel channel) throws IOException {
        return Deep.call(() -> PackerValidation.validate(workspace.toPath(), request, Clock.systemUTC()));
    }
}
