package io.jenkins.plugins.packer.communicator.ssh;

import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.Communicator;
import io.jenkins.plugins.packer.run.Step;
import io.jenkins.plugins.packer.run.StepProvision;
import io.jenkins.plugins.packer.run.StepState;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Packer's {@code StepCleanupTempKeys} ({@code ssh_clear_authorized_keys}): once provisioned, the temporary key's
 * line is removed from the login user's and root's {@code authorized_keys}, so the image does not carry it. Failures
 * are printed and do not fail the build, as in Packer.
 */
public final class StepCleanupTempKeys implements Step {

    private final boolean enabled;

    public StepCleanupTempKeys(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public String name() {
        return "StepCleanupTempKeys";
    }

    @Override
    public boolean run(StepState state) {
        Map<String, String> connection = state.get(StepProvision.CONNECTION);
        Communicator comm = state.get(StepProvision.COMMUNICATOR);
        String line = connection == null ? "" : connection.getOrDefault("SSHPublicKey", "");
        if (!enabled || comm == null || line.isEmpty()) {
            return true;
        }
        String[] fields = line.strip().split(" ");
        if (fields.length < 2) {
            return true;
        }
        // The key's base64 is the sed pattern; its slashes are escaped so that they do not end it.
        String pattern = fields[1].replace("/", "\\/");
        state.ui().say("Trying to remove ephemeral keys from authorized_keys files");
        run(state, comm, "sed -i.bak '/ " + pattern + "/d' ~/.ssh/authorized_keys; rm ~/.ssh/authorized_keys.bak");
        run(state, comm, "sudo sed -i.bak '/ " + pattern + "/d' /root/.ssh/authorized_keys; sudo rm"
                + " /root/.ssh/authorized_keys.bak");
        return true;
    }

    private static void run(StepState state, Communicator comm, String command) {
        try {
            comm.execute(command, state.ui(), state.build().cancellation());
        } catch (IOException | Cancellation.CancelledException e) {
            // As Packer: the keys are cosmetic leftovers; the build goes on.
        }
    }

    /** The {@code authorized_keys} line of a private key (PEM or OpenSSH), or empty when it cannot be read. */
    static String publicKeyLine(String privateKey) {
        try (var in = new ByteArrayInputStream(privateKey.getBytes(StandardCharsets.UTF_8))) {
            var pairs = org.apache.sshd.common.util.security.SecurityUtils.loadKeyPairIdentities(null,
                    org.apache.sshd.common.NamedResource.ofName("temporary key pair"), in, null);
            if (pairs == null) {
                return "";
            }
            for (java.security.KeyPair pair : pairs) {
                return org.apache.sshd.common.config.keys.PublicKeyEntry.toString(pair.getPublic());
            }
            return "";
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
            return "";
        }
    }
}
