package io.jenkins.plugins.packer.communicator.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.PackerBuild;
import io.jenkins.plugins.packer.run.RunOptions;
import io.jenkins.plugins.packer.run.RunRequest;
import io.jenkins.plugins.packer.run.RunResult;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same null + SSH template built by the real packer 1.6.6 and by the engine against the same OpenSSH sshd:
 * equal console output (temporary names and durations aside), exit codes and remote effects.
 */
@Tag("differential")
class SshDifferentialTest {

    private static final String TEMPLATE = """
            variable "remote" {
              type = string
            }

            source "null" "s" {
              ssh_host             = "127.0.0.1"
              ssh_port             = %d
              ssh_username         = "%s"
              ssh_private_key_file = "%s"
            }

            build {
              sources = ["source.null.s"]

              provisioner "shell" {
                environment_vars = ["GREETING=hello there"]
                inline           = ["mkdir -p ${var.remote}", "echo \\"$GREETING\\" > ${var.remote}/greeting.txt",
                                    "cat ${var.remote}/greeting.txt", "printf 'a\\\\nb\\\\n\\\\nprogress 50 pct\\\\rprogress 100 pct\\\\n'"]
              }

              provisioner "shell" {
                use_env_var_file = true
                environment_vars = ["QUOTED=it's here", "PLAIN=plain"]
                remote_folder    = "${var.remote}"
                inline           = ["echo \\"$QUOTED / $PLAIN\\"", "ls ${var.remote} | grep -c '^varfile_'"]
              }

              provisioner "file" {
                source      = "up.txt"
                destination = "${var.remote}/up.txt"
              }

              provisioner "file" {
                source      = "tree"
                destination = "${var.remote}"
              }

              provisioner "file" {
                source      = "${var.remote}/greeting.txt"
                destination = "down/greeting.txt"
                direction   = "download"
              }

              provisioner "shell" {
                inline           = ["ls -R ${var.remote}", "exit 4"]
                valid_exit_codes = [4]
              }

              provisioner "shell" {
                inline        = ["echo failing now", "exit 9"]
                remote_folder = "${var.remote}"
                remote_file   = "failing.sh"
              }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void packerAndTheEngineDoTheSameOverSsh() throws Exception {
        Path packer = Stream.of("/usr/bin/packer", "/usr/local/bin/packer").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        if (packer == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("the real packer is not installed (apt-get install packer)");
            }
            assumeTrue(false, "no packer: skipped outside CI");
        }
        try (OpenSshServer server = OpenSshServer.prepare(dir.resolve("sshd"))) {
            server.start();
            String template = TEMPLATE.formatted(server.port, OpenSshServer.user(), server.ed25519Key);
            Path theirs = workspace("packer", template);
            Path ours = workspace("engine", template);
            String theirOut = runPacker(packer, theirs);
            String ourOut = runEngine(ours);
            assertThat(normalize(ourOut, ours)).isEqualTo(normalize(theirOut, theirs));
            assertThat(tree(ours.resolve("remote"))).isEqualTo(tree(theirs.resolve("remote")))
                    .containsKeys("greeting.txt", "up.txt", "tree/a.txt", "tree/sub/b.txt");
            assertThat(ours.resolve("down/greeting.txt")).hasSameTextualContentAs(theirs.resolve("down/greeting.txt"));
        }
    }

    private Path workspace(String name, String template) throws IOException {
        Path ws = Files.createDirectories(dir.resolve(name));
        Files.writeString(ws.resolve("t.pkr.hcl"), template);
        Files.writeString(ws.resolve("up.txt"), "uploaded\n");
        Files.createDirectories(ws.resolve("tree/sub"));
        Files.writeString(ws.resolve("tree/a.txt"), "a\n");
        Files.writeString(ws.resolve("tree/sub/b.txt"), "b\n");
        Files.createDirectories(ws.resolve("tmp"));
        return ws;
    }

    private static Map<String, String> env(Path ws) {
        return Map.of("PATH", "/usr/bin:/bin", "CHECKPOINT_DISABLE", "1", "HOME", ws.toString(),
                "TMPDIR", ws.resolve("tmp").toString());
    }

    private static String runPacker(Path packer, Path ws) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(packer.toString(), "build", "-color=false", "-var",
                "remote=" + ws.resolve("remote"), "t.pkr.hcl").directory(ws.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env(ws));
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("packer did not finish in 120 s");
        }
        return new String(out, StandardCharsets.UTF_8) + "rc=" + p.exitValue() + "\n";
    }

    private static String runEngine(Path ws) {
        StringBuilder out = new StringBuilder();
        LoadRequest load = new LoadRequest(ws, "t.pkr.hcl", List.of(), Map.of("remote", ws.resolve("remote")
                .toString()), env(ws), Clock.systemUTC());
        RunResult r = PackerBuild.run(new RunRequest(load, List.of(), List.of(), RunOptions.DEFAULT,
                t -> {
                    synchronized (out) {
                        out.append(t);
                    }
                }, new Cancellation(), List.of(), UUID.randomUUID().toString()));
        return out + "rc=" + r.exitCode() + "\n";
    }

    private static String normalize(String out, Path ws) {
        return out.replace(ws.toString(), "$WS")
                .replaceAll("packer-shell\\d+", "packer-shell<N>")
                .replaceAll("script_\\d+\\.sh", "script_<N>.sh")
                .replaceAll("after \\d+ [a-z]+( \\d+ [a-z]+)?", "after <duration>");
    }

    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return m;
    }
}
