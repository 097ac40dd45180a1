package io.jenkins.plugins.packer.run;

/** A build, provisioner or post-processor that failed; the message is what Packer prints as the error. */
public final class BuildFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public BuildFailure(String message) {
        super(message, null, false, false);
    }
}
