package io.jenkins.plugins.packer.jenkins;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.model.Run;

/**
 * Looks up the SSH private key credential a build names, in the context of the run (so the job's permissions apply),
 * and records its use on the run, as credentials-binding does ({@code findCredentialById} does not track).
 */
final class SshCredentials {

    private SshCredentials() {
    }

    /** The key of {@code id}, or null when no id is given. */
    static BuildRequest.SshKey lookup(Run<?, ?> run, String id) throws AbortException {
        if (id == null || id.isBlank()) {
            return null;
        }
        SSHUserPrivateKey c = run == null ? null
                : CredentialsProvider.findCredentialById(id, SSHUserPrivateKey.class, run);
        if (c == null) {
            throw new AbortException("sshCredentialsId: no SSH private key credentials with the id " + id
                    + " are available to this build");
        }
        CredentialsProvider.track(run, c);
        if (c.getPrivateKeys().isEmpty()) {
            throw new AbortException("sshCredentialsId: the credentials " + id + " hold no private key");
        }
        return new BuildRequest.SshKey(c.getUsername(), c.getPrivateKeys().get(0),
                c.getPassphrase() == null ? "" : c.getPassphrase().getPlainText());
    }
}
