package io.jenkins.plugins.packer.provisioner.ansible;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.packer.communicator.ssh.OpenSshServer;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.CollectedOutput;
import io.jenkins.plugins.packer.run.PackerBuild;
import io.jenkins.plugins.packer.run.RunOptions;
import io.jenkins.plugins.packer.run.RunRequest;
import io.jenkins.plugins.packer.run.RunResult;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds with configuration-management provisioners against a real sshd, with the real tools. */
public final class AnsibleTestBed {

    private AnsibleTestBed() {
    }

    /** Skips the test outside CI when {@code tool} is not installed; fails it in CI, which installs it. */
    public static void assumeInstalled(String tool) {
        boolean found = Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/bin", tool));
        if (!found) {
            if ("true".equals(System.getenv("CI"))) {
                fail(tool + " is not installed (.ci/run installs it)");
            }
            assumeTrue(false, tool + " is not installed: skipped outside CI");
        }
    }

    /** The environment builds run with: a HOME and TMPDIR of the test's own. */
    public static Map<String, String> env(Path work) {
        try {
            Map<String, String> env = new HashMap<>();
            env.put("PATH", "/usr/bin:/bin");
            env.put("HOME", Files.createDirectories(work.resolve("home")).toString());
            env.put("TMPDIR", Files.createDirectories(work.resolve("tmp")).toString());
            env.put("CHECKPOINT_DISABLE", "1");
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Built(RunResult result, String output) {}

    public static Built build(Path work, String template, Map<String, String> vars, Cancellation cancellation,
                       CollectedOutput out) {
        return build(work, template, vars, Map.of(), cancellation, out);
    }

    /** A build with {@code extraEnv} (a Docker daemon's {@code DOCKER_HOST}) added to {@link #env}. */
    static Built build(Path work, String template, Map<String, String> vars, Map<String, String> extraEnv,
                       Cancellation cancellation, CollectedOutput out) {
        try {
            Files.writeString(work.resolve("t.pkr.hcl"), template);
            Map<String, String> env = env(work);
            env.putAll(extraEnv);
            LoadRequest load = new LoadRequest(work, "t.pkr.hcl", List.of(), vars, env, Clock.systemUTC());
            RunResult r = PackerBuild.run(new RunRequest(load, List.of(), List.of(), RunOptions.DEFAULT, out,
                    cancellation, List.of(), UUID.randomUUID().toString()));
            return new Built(r, out.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Built build(Path work, String template) {
        return build(work, template, Map.of(), new Cancellation(), new CollectedOutput());
    }

    /** A null source that logs in to {@code server} with its ed25519 key, plus {@code extra} options. */
    public static String keySource(OpenSshServer server, String extra) {
        return """
                source "null" "s" {
                  ssh_host             = "127.0.0.1"
                  ssh_port             = %d
                  ssh_username         = "%s"
                  ssh_private_key_file = "%s"
                  %s
                }
                """.formatted(server.port, OpenSshServer.user(), server.ed25519Key, extra);
    }

    /** The user .ci/run creates for password logins: OpenSSH signals the sessions of logins other than root. */
    public static void assumePasswordUser() throws Exception {
        boolean exists = new ProcessBuilder("id", "pkrj-ssh").start().waitFor() == 0;
        if (!exists && "true".equals(System.getenv("CI"))) {
            fail("CI creates the user pkrj-ssh");
        }
        assumeTrue(exists, "the user pkrj-ssh (.ci/run creates it)");
    }

    /** A null source that logs in to the sshd on {@code port} as pkrj-ssh with its password. */
    public static String passwordSource(int port) {
        return """
                source "null" "s" {
                  ssh_host     = "127.0.0.1"
                  ssh_port     = %d
                  ssh_username = "pkrj-ssh"
                  ssh_password = "pkrj-ssh-password-1"
                }
                """.formatted(port);
    }

    /** {@code pgrep -f PATTERN}'s exit status: 0 when a process matches, 1 when none does. */
    public static int pgrep(String pattern) throws Exception {
        Process p = new ProcessBuilder("pgrep", "-f", pattern).start();
        p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        return p.exitValue();
    }

    /** The build block of the null source with {@code provisioners}. */
    public static String buildBlock(String provisioners) {
        return "build {\n  sources = [\"source.null.s\"]\n" + provisioners + "\n}\n";
    }

    /** The temporary files the provisioners leave in the build's TMPDIR. */
    public static List<String> leftovers(Path work) {
        try (var s = Files.list(work.resolve("tmp"))) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("ansible-key") || n.startsWith("packer-provisioner-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
