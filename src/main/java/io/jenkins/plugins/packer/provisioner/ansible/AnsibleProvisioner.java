package io.jenkins.plugins.packer.provisioner.ansible;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.gotemplate.GoTemplateException;
import io.jenkins.plugins.packer.gotemplate.Interpolation;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.Communicator;
import io.jenkins.plugins.packer.run.LocalCommand;
import io.jenkins.plugins.packer.run.Provisioner;
import io.jenkins.plugins.packer.run.Ui;
import io.jenkins.plugins.packer.value.GoStrings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The {@code ansible} provisioner: runs {@code ansible-playbook} on the machine running the build against the
 * machine being built, through Packer's SSH proxy ({@link SshProxyAdapter}) or straight to the machine's address
 * ({@code use_proxy = false}), with the inventory, extra variables and environment Packer gives it, Ansible's output
 * streamed line by line.
 */
public final class AnsibleProvisioner implements Provisioner {

    static final String DEFAULT_INVENTORY_V2 =
            "{{ .HostAlias }} ansible_host={{ .Host }} ansible_user={{ .User }} ansible_port={{ .Port }}\n";
    static final String DEFAULT_INVENTORY_V1 =
            "{{ .HostAlias }} ansible_ssh_host={{ .Host }} ansible_ssh_user={{ .User }} ansible_ssh_port={{ .Port }}\n";
    private static final String HTTP_ADDR_NOT_IMPLEMENTED = "ERR_HTTP_ADDR_NOT_IMPLEMENTED_BY_BUILDER";

    @Override
    public String type() {
        return "ansible";
    }

    @Override
    public void provision(BuildContext ctx, ComponentConfig c, Communicator comm, Map<String, String> data)
            throws BuildFailure {
        Ui ui = ctx.ui();
        ui.say("Provisioning with Ansible...");
        Interpolation.Context ictx = ctx.interpolation().withData(new HashMap<String, Object>(data));
        List<String> envVars = new ArrayList<>();
        for (String v : c.stringList("ansible_env_vars")) {
            envVars.add(render(v, ictx));
        }
        if (c.string("ssh_host_key_file").isEmpty()) {
            envVars.add("ANSIBLE_HOST_KEY_CHECKING=False");
        }
        if (!c.bool("use_sftp")) {
            envVars.add("ANSIBLE_SCP_IF_SSH=True");
        }
        List<String> extraArguments = new ArrayList<>();
        for (String a : c.stringList("extra_arguments")) {
            extraArguments.add(render(a, ictx));
        }
        String connType = data.getOrDefault("ConnType", "");
        boolean proxy = !Boolean.FALSE.equals(c.trilean("use_proxy"));
        if (!proxy && data.getOrDefault("Host", "").isEmpty()) {
            ui.error("Warning: use_proxy is false, but instance does not have an IP address to give to Ansible."
                    + " Falling back to use localhost proxy.");
            proxy = true;
        }
        if (!proxy && !connType.equals("ssh") && !connType.equals("winrm")) {
            ui.error("Warning: use_proxy is false, but communicator is neither ssh nor winrm, so without the proxy"
                    + " ansible will not function. Falling back to localhost proxy.");
            proxy = true;
        }
        String user = c.string("user");
        boolean userWasEmpty = user.isEmpty();
        if (userWasEmpty) {
            user = System.getProperty("user.name", "");
        }
        Path tmp = Path.of(ctx.env().getOrDefault("TMPDIR", System.getProperty("java.io.tmpdir")));
        List<Path> temporary = new ArrayList<>();
        SshProxyAdapter adapter = null;
        try {
            String privateKeyFile = "";
            Map<String, Object> host = new LinkedHashMap<>(data);
            if (proxy) {
                ui.message("Setting up proxy adapter for Ansible....");
                Communicator.required(comm, "ansible");
                PublicKey authorized;
                String authorizedFile = c.string("ssh_authorized_key_file");
                if (!authorizedFile.isEmpty()) {
                    authorized = authorizedKey(ctx.resolve(authorizedFile));
                } else {
                    KeyPair pair = oneTimeKeyPair();
                    authorized = pair.getPublic();
                    Path keyFile = Files.createTempFile(tmp, "ansible-key", "");
                    temporary.add(keyFile);
                    Files.writeString(keyFile, pem(pair));
                    privateKeyFile = keyFile.toString();
                }
                KeyPair hostKey = hostKey(ctx, c.string("ssh_host_key_file"));
                adapter = SshProxyAdapter.start((int) c.number("local_port"), user, authorized, hostKey,
                        c.string("sftp_command"), comm, ui);
                host.put("Host", "127.0.0.1");
                host.put("Port", adapter.port());
            } else if (connType.equals("ssh")) {
                ui.message("Not using Proxy adapter for Ansible run:\n\tUsing ssh keys from Packer communicator...");
                String keyFile = data.getOrDefault("SSHPrivateKeyFile", "");
                if (!keyFile.isEmpty() || "true".equals(data.get("SSHAgentAuth"))) {
                    privateKeyFile = keyFile.isEmpty() ? "" : ctx.resolve(keyFile).toString();
                } else {
                    Path file = Files.createTempFile(tmp, "ansible-key", "");
                    temporary.add(file);
                    Files.writeString(file, data.getOrDefault("SSHPrivateKey", ""));
                    privateKeyFile = file.toString();
                }
                if (userWasEmpty) {
                    user = data.getOrDefault("User", "");
                }
            }
            String inventory = c.string("inventory_file");
            if (inventory.isEmpty()) {
                host.put("HostAlias", c.string("host_alias").isEmpty() ? "default" : c.string("host_alias"));
                host.put("User", user);
                String command = AnsibleConfig.command(c);
                String template = c.string("inventory_file_template");
                if (template.isEmpty()) {
                    template = AnsibleConfig.majorVersion(command, c.bool("skip_version_check")) < 2
                            ? DEFAULT_INVENTORY_V1 : DEFAULT_INVENTORY_V2;
                }
                Path file = inventoryFile(ctx, c, render(template, ictx.withData(host)), tmp);
                if (!c.bool("keep_inventory_file")) {
                    temporary.add(file);
                }
                inventory = file.toString();
            }
            try {
                if (!c.string("galaxy_file").isEmpty()) {
                    galaxy(ctx, c);
                }
                List<String> args = commandArgs(ctx, c, data, extraArguments, privateKeyFile, inventory);
                run(ctx, c, args, envVars, data);
            } catch (BuildFailure e) {
                throw new BuildFailure("Error executing Ansible: " + e.getMessage());
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new BuildFailure(e.getMessage());
        } finally {
            if (adapter != null) {
                adapter.close();
            }
            for (Path p : temporary) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // Packer ignores a temporary file it cannot remove.
                }
            }
        }
    }

    private static Path inventoryFile(BuildContext ctx, ComponentConfig c, String host, Path tmp)
            throws BuildFailure {
        StringBuilder sb = new StringBuilder(host);
        for (String group : c.stringList("groups")) {
            sb.append('[').append(group).append("]\n").append(host);
        }
        for (String group : c.stringList("empty_groups")) {
            sb.append('[').append(group).append("]\n");
        }
        String dir = c.string("inventory_directory");
        try {
            Path file = Files.createTempFile(dir.isEmpty() ? tmp : ctx.resolve(dir), "packer-provisioner-ansible", "");
            Files.writeString(file, sb);
            return file;
        } catch (IOException e) {
            throw new BuildFailure("Error preparing inventory file: " + e.getMessage());
        }
    }

    /** {@code ansible-playbook}'s arguments, in Packer's order. */
    static List<String> commandArgs(BuildContext ctx, ComponentConfig c, Map<String, String> data,
                                    List<String> extraArguments, String privateKeyFile, String inventory) {
        List<String> args = new ArrayList<>();
        if (!ctx.packerBuildName().isEmpty()) {
            args.addAll(List.of("-e", "packer_build_name=" + GoStrings.quote(ctx.packerBuildName())));
        }
        args.addAll(List.of("-e", "packer_builder_type=" + ctx.builderType()));
        String httpAddr = data.getOrDefault("PackerHTTPAddr", HTTP_ADDR_NOT_IMPLEMENTED);
        if (!httpAddr.equals(HTTP_ADDR_NOT_IMPLEMENTED)) {
            args.addAll(List.of("-e", "packer_http_addr=" + httpAddr));
        }
        boolean ssh = "ssh".equals(data.get("ConnType"));
        if (ssh && !privateKeyFile.isEmpty()) {
            List<String> sshExtra = c.stringList("ansible_ssh_extra_args");
            args.addAll(List.of("--ssh-extra-args",
                    sshExtra.isEmpty() ? "'-o IdentitiesOnly=yes'" : "'" + String.join("", sshExtra) + "'"));
        }
        args.addAll(extraArguments);
        if (!hasArg("ansible_password", args) && !privateKeyFile.isEmpty()) {
            args.addAll(List.of("-e", "ansible_ssh_private_key_file=" + privateKeyFile));
        }
        if (hasArg("ansible_password", args) && ssh && !hasArg("ansible_host_key_checking", args)
                && !hasArg("ANSIBLE_HOST_KEY_CHECKING", c.stringList("ansible_env_vars"))
                && !c.string("ssh_host_key_file").isEmpty()) {
            args.addAll(List.of("-e", "ansible_host_key_checking=False"));
        }
        args.add("-i");
        args.add(inventory);
        args.add(ctx.resolve(c.string("playbook_file")).toAbsolutePath().normalize().toString());
        return args;
    }

    /** Packer's {@code checkArg}: whether a word of {@code args} split at {@code =} is {@code name}. */
    static boolean hasArg(String name, List<String> args) {
        for (String arg : args) {
            for (String part : arg.split("=", -1)) {
                if (part.equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void run(BuildContext ctx, ComponentConfig c, List<String> args, List<String> envVars,
                            Map<String, String> data) throws BuildFailure {
        String command = AnsibleConfig.command(c);
        String shown = command + " " + String.join(" ", args);
        String password = data.getOrDefault("Password", "");
        if (hasArg("ansible_password", args) && !password.isEmpty()) {
            shown = shown.replace(password, "*****");
        }
        ctx.ui().say("Executing Ansible: " + shown);
        Map<String, String> env = new LinkedHashMap<>(ctx.env());
        for (String kv : envVars) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        runLocal(ctx, command, args, env);
    }

    /** Runs a local command as Packer's provisioner does, both its output streams going to the build's messages. */
    private static void runLocal(BuildContext ctx, String command, List<String> args, Map<String, String> env)
            throws BuildFailure {
        Path exe = LocalCommand.lookPath(command, ctx.workDir(), env);
        if (exe == null) {
            throw new BuildFailure("exec: \"" + command + "\": executable file not found in $PATH");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(args);
        Ui ui = ctx.ui();
        Ui messages = new Ui() {
            @Override
            public void say(String message) {
                ui.say(message);
            }

            @Override
            public void message(String message) {
                ui.message(message.stripTrailing());
            }

            @Override
            public void error(String message) {
                ui.message(message.stripTrailing());
            }

            @Override
            public String ask(String query) throws UiException {
                return ui.ask(query);
            }
        };
        int status;
        try {
            status = LocalCommand.run(cmd, ctx.workDir(), env, messages, ctx.cancellation());
        } catch (IOException e) {
            throw new BuildFailure(e.getMessage());
        } catch (Cancellation.CancelledException e) {
            throw new BuildFailure("Non-zero exit status: signal: killed");
        }
        if (status != 0) {
            throw new BuildFailure("Non-zero exit status: exit status " + status);
        }
    }

    /** Installs the galaxy file's roles and collections with {@code ansible-galaxy}, as Packer does. */
    private static void galaxy(BuildContext ctx, ComponentConfig c) throws BuildFailure {
        String file = c.string("galaxy_file");
        List<String> roleArgs = new ArrayList<>(List.of("install", "-r", file));
        List<String> collectionArgs = new ArrayList<>(List.of("collection", "install", "-r", file));
        if (c.bool("galaxy_force_install")) {
            roleArgs.add("-f");
            collectionArgs.add("-f");
        }
        if (!c.string("roles_path").isEmpty()) {
            roleArgs.addAll(List.of("-p", c.string("roles_path")));
        }
        if (!c.string("collections_path").isEmpty()) {
            collectionArgs.addAll(List.of("-p", c.string("collections_path")));
        }
        String text;
        try {
            text = Files.readString(ctx.resolve(file));
        } catch (IOException e) {
            throw new BuildFailure("Error executing Ansible Galaxy: open " + file + ": " + e.getMessage());
        }
        boolean roles = Pattern.compile("(?m)^roles:").matcher(text).find();
        boolean collections = Pattern.compile("(?m)^collections:").matcher(text).find();
        String command = c.string("galaxy_command").isEmpty() ? "ansible-galaxy" : c.string("galaxy_command");
        try {
            if (roles || !collections) {
                ctx.ui().message("Executing Ansible Galaxy");
                runLocal(ctx, command, roleArgs, ctx.env());
            }
            if (collections) {
                ctx.ui().message("Executing Ansible Galaxy");
                runLocal(ctx, command, collectionArgs, ctx.env());
            }
        } catch (BuildFailure e) {
            throw new BuildFailure("Error executing Ansible Galaxy: " + e.getMessage());
        }
    }

    private static String render(String text, Interpolation.Context ictx) throws BuildFailure {
        try {
            return Interpolation.render(text, ictx);
        } catch (GoTemplateException e) {
            throw new BuildFailure("Could not interpolate ansible env vars: " + e.getMessage());
        }
    }

    /**
     * A one-time key pair: ECDSA on P-256, which OpenSSH takes for host and user keys alike and which is made in
     * milliseconds (a 2048-bit RSA pair, Packer's, takes a tenth of a second or more, twice per provisioner).
     */
    private static KeyPair oneTimeKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** A private key as PEM (PKCS #8), which {@code ssh} reads. */
    static String pem(KeyPair pair) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n";
    }

    private static PublicKey authorizedKey(Path file) throws BuildFailure {
        try {
            List<AuthorizedKeyEntry> entries = AuthorizedKeyEntry.readAuthorizedKeys(file);
            if (entries.isEmpty()) {
                throw new BuildFailure("Failed to parse authorized key");
            }
            return entries.get(0).resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new BuildFailure(Files.isReadable(file) ? "Failed to parse authorized key"
                    : "Failed to read public key");
        }
    }

    private static KeyPair hostKey(BuildContext ctx, String file) throws BuildFailure, GeneralSecurityException {
        if (file.isEmpty()) {
            return oneTimeKeyPair();
        }
        Path path = ctx.resolve(file);
        try (InputStream in = Files.newInputStream(path)) {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, new PathResource(path), in, null);
            Iterator<KeyPair> it = keys == null ? null : keys.iterator();
            if (it == null || !it.hasNext()) {
                throw new BuildFailure("error creating host signer: Failed to parse private host key");
            }
            return it.next();
        } catch (IOException e) {
            throw new BuildFailure("error creating host signer: Failed to load private host key");
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new BuildFailure("error creating host signer: Failed to parse private host key");
        }
    }
}
