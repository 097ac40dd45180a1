package io.jenkins.plugins.packer.communicator;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.LocalFiles;
import io.jenkins.plugins.packer.component.PrepareContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks Packer's SDK makes on a builder's communicator options ({@code communicator.Config.Prepare}), shared by
 * every builder that connects to a machine. See
 * <a href="https://developer.hashicorp.com/packer/docs/communicators/ssh">the SSH communicator</a>.
 */
public final class CommunicatorChecks {

    private CommunicatorChecks() {
    }

    /** The communicator type: {@code ssh} unless set. */
    public static String type(ComponentConfig c) {
        String t = c.string("communicator");
        return t.isEmpty() ? "ssh" : t;
    }

    /** The host the communicator connects to, as the SDK's {@code Config.Host()}. */
    public static String host(ComponentConfig c) {
        return switch (type(c)) {
            case "ssh" -> c.string("ssh_host");
            case "winrm" -> c.string("winrm_host");
            default -> "";
        };
    }

    public static String user(ComponentConfig c) {
        return switch (type(c)) {
            case "ssh" -> c.string("ssh_username");
            case "winrm" -> c.string("winrm_username");
            default -> "";
        };
    }

    public static String password(ComponentConfig c) {
        return switch (type(c)) {
            case "ssh" -> c.string("ssh_password");
            case "winrm" -> c.string("winrm_password");
            default -> "";
        };
    }

    /** The errors in the communicator options, in Packer's order and words. */
    public static List<String> prepare(ComponentConfig c, PrepareContext ctx) {
        return prepare(c, ctx, type(c));
    }

    /** The same, for a builder whose communicator is {@code defaultType} unless set (docker's is docker). */
    public static List<String> prepare(ComponentConfig c, PrepareContext ctx, String defaultType) {
        String type = c.string("communicator").isEmpty() ? defaultType : c.string("communicator");
        return switch (type) {
            case "ssh" -> ssh(c, ctx);
            case "winrm" -> c.string("winrm_username").isEmpty() ? List.of("winrm_username must be specified.")
                    : List.of();
            case "docker", "dockerWindowsContainer", "none" -> List.of();
            default -> List.of("Communicator type " + type + " is invalid");
        };
    }

    private static List<String> ssh(ComponentConfig c, PrepareContext ctx) {
        List<String> errs = new ArrayList<>();
        if (c.string("ssh_username").isEmpty()) {
            errs.add("An ssh_username must be specified\n  Note: some builders used to default ssh_username to"
                    + " \"root\".");
        }
        String key = c.string("ssh_private_key_file");
        if (!key.isEmpty()) {
            String err = LocalFiles.statError(ctx.workDir(), LocalFiles.expandUser(key, ctx.env()));
            if (err != null) {
                errs.add("ssh_private_key_file is invalid: " + err);
            }
        }
        String bastion = c.string("ssh_bastion_host");
        if (!bastion.isEmpty() && !c.bool("ssh_bastion_agent_auth")) {
            // The bastion inherits the main private key file when it has none of its own.
            String bastionKey = c.string("ssh_bastion_private_key_file");
            if (bastionKey.isEmpty()) {
                bastionKey = key;
            }
            boolean loginKey = bastionKey.isEmpty() && !c.string(io.jenkins.plugins.packer.component.SshLogin.KEY)
                    .isEmpty();
            if (c.string("ssh_bastion_password").isEmpty() && bastionKey.isEmpty() && !loginKey) {
                errs.add("ssh_bastion_password or ssh_bastion_private_key_file must be specified");
            } else if (!bastionKey.isEmpty()) {
                String err = LocalFiles.statError(ctx.workDir(), LocalFiles.expandUser(bastionKey, ctx.env()));
                if (err != null) {
                    errs.add("ssh_bastion_private_key_file is invalid: " + err);
                }
            }
        }
        String method = c.string("ssh_file_transfer_method");
        if (!method.isEmpty() && !method.equals("scp") && !method.equals("sftp")) {
            errs.add("ssh_file_transfer_method ('" + method + "') is invalid, valid methods: sftp, scp");
        }
        if (!bastion.isEmpty() && !c.string("ssh_proxy_host").isEmpty()) {
            errs.add("please specify either ssh_bastion_host or ssh_proxy_host, not both");
        }
        // Only when there are names to check: the SSH library's algorithm tables cost a validate a tenth of a second.
        if (!c.stringList("ssh_ciphers").isEmpty() || !c.stringList("ssh_key_exchange_algorithms").isEmpty()) {
            errs.addAll(io.jenkins.plugins.packer.communicator.ssh.SshCommunicator.algorithmErrors(
                    c.stringList("ssh_ciphers"), c.stringList("ssh_key_exchange_algorithms")));
        }
        return errs;
    }
}
