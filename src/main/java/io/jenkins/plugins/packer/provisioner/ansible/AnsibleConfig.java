package io.jenkins.plugins.packer.provisioner.ansible;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.LocalFiles;
import io.jenkins.plugins.packer.component.MultiError;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;
import io.jenkins.plugins.packer.run.LocalCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ansible provisioner's Prepare, as Packer's: a playbook (and galaxy file, authorized key, host key) that is a
 * file, an inventory directory that is one, a valid {@code local_port}, and {@code ansible-playbook --version} run
 * to learn the version unless {@code skip_version_check}. See
 * <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/ansible/latest/components/provisioner/ansible">
 * the ansible provisioner</a>.
 */
public final class AnsibleConfig implements Preparer {

    private static final Pattern VERSION = Pattern.compile("\\w (\\d+\\.\\d+[.\\d+]*)");

    /** The major versions learned by Prepare, by command, for the inventory line the run writes. */
    private static final Map<String, Integer> MAJOR_VERSIONS = new ConcurrentHashMap<>();

    @Override
    public String kind() {
        return "provisioner";
    }

    @Override
    public String type() {
        return "ansible";
    }

    @Override
    public List<String> renderExcluded() {
        return List.of("inventory_file_template");
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        MultiError errs = new MultiError();
        addIfError(errs, LocalFiles.fileOptionError(ctx.workDir(), c.string("playbook_file"), "playbook_file"));
        for (String option : List.of("galaxy_file", "ssh_authorized_key_file", "ssh_host_key_file")) {
            if (!c.string(option).isEmpty()) {
                addIfError(errs, LocalFiles.fileOptionError(ctx.workDir(), c.string(option), option));
            }
        }
        if (c.number("local_port") > 65535) {
            errs.add("local_port: " + c.number("local_port") + " must be a valid port");
        }
        String inventoryDir = c.string("inventory_directory");
        if (!inventoryDir.isEmpty()) {
            addIfError(errs, LocalFiles.dirOptionError(ctx.workDir(), inventoryDir, "inventory_directory"));
        }
        if (!c.bool("skip_version_check")) {
            addIfError(errs, checkVersion(command(c), ctx));
        }
        return Prepared.of(errs);
    }

    private static void addIfError(MultiError errs, String err) {
        if (err != null) {
            errs.add(err);
        }
    }

    /** The configured {@code command}, {@code ansible-playbook} by default. */
    static String command(ComponentConfig c) {
        String command = c.string("command");
        return command.isEmpty() ? "ansible-playbook" : command;
    }

    /**
     * Runs {@code COMMAND --version} and remembers its major version; the error Packer gives when it cannot run or
     * its output names no version, else null.
     */
    static String checkVersion(String command, PrepareContext ctx) {
        String out;
        try {
            out = versionOutput(command, ctx.workDir(), ctx.env());
        } catch (IOException e) {
            return "Error running \"" + command + " --version\": " + e.getMessage();
        }
        Matcher m = VERSION.matcher(out);
        if (!m.find()) {
            return "Could not find " + command + " version in output:\n" + out;
        }
        String version = m.group(1);
        try {
            MAJOR_VERSIONS.put(command, Integer.parseInt(version.split("\\.")[0]));
        } catch (NumberFormatException e) {
            return "Could not parse major version from \"" + version + "\".";
        }
        return null;
    }

    /**
     * The major version Prepare learned for {@code command}; 0 when the check was skipped, which makes Packer write
     * the inventory line of Ansible 1.
     */
    static int majorVersion(String command, boolean skipped) {
        return skipped ? 0 : MAJOR_VERSIONS.getOrDefault(command, 2);
    }

    private static String versionOutput(String command, Path workDir, Map<String, String> env) throws IOException {
        Path found = LocalCommand.lookPath(command, workDir, env);
        if (found == null) {
            throw new IOException("exec: \"" + command + "\": executable file not found in $PATH");
        }
        ProcessBuilder pb = new ProcessBuilder(found.toString(), "--version").directory(workDir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("signal: killed");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("signal: killed", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("exit status " + p.exitValue());
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
