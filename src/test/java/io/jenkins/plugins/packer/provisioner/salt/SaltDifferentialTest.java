package io.jenkins.plugins.packer.provisioner.salt;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.communicator.ssh.OpenSshServer;
import io.jenkins.plugins.packer.provisioner.ansible.SideBySide;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same states and pillar applied by the salt-masterless provisioner of the real packer 1.6.6 and of the engine
 * against the same sshd: equal output (durations and Salt's timings aside), exit codes and files made.
 */
@Tag("differential")
class SaltDifferentialTest {

    private static final String TEMPLATE = """
            variable "remote" {
              type = string
            }

            variable "salt_bin" {
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

              provisioner "salt-masterless" {
                local_state_tree    = "states"
                local_pillar_roots  = "pillar"
                remote_state_tree   = "${var.remote}/srv-salt"
                remote_pillar_roots = "${var.remote}/srv-pillar"
                temp_config_dir     = "${var.remote}/salt-tmp"
                skip_bootstrap      = true
                disable_sudo        = true
                salt_bin_dir        = var.salt_bin
                log_level           = "warning"
              }

              provisioner "salt-masterless" {
                local_state_tree  = "states"
                custom_state      = "broken"
                remote_state_tree = "${var.remote}/srv-salt-2"
                temp_config_dir   = "${var.remote}/salt-tmp-2"
                skip_bootstrap    = true
                disable_sudo      = true
                salt_bin_dir      = var.salt_bin
                log_level         = "warning"
              }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void packerAndTheEngineApplyTheSameStates() throws Exception {
        Path packer = SideBySide.packer();
        SaltMasterlessProvisionerTest.assumeSalt();
        try (OpenSshServer server = OpenSshServer.prepare(dir.resolve("sshd"))) {
            server.start();
            String template = TEMPLATE.formatted(server.port, OpenSshServer.user(), server.ed25519Key);
            Path theirs = workspace("packer", template);
            Path ours = workspace("engine", template);
            long t0 = System.nanoTime();
            String theirOut = SideBySide.runPacker(packer, theirs, vars(theirs));
            long t1 = System.nanoTime();
            String ourOut = SideBySide.runEngine(ours, vars(ours));
            long t2 = System.nanoTime();
            assertThat(normalize(ourOut, ours)).isEqualTo(normalize(theirOut, theirs));
            assertThat(theirOut).endsWith("rc=1\n").contains("Error executing salt-call: Bad exit status: 2");
            assertThat(SideBySide.remoteTree(ours)).isEqualTo(SideBySide.remoteTree(theirs))
                    .containsKeys("greeting.txt", "srv-salt/top.sls", "srv-pillar/common.sls", "srv-salt-2/broken.sls");
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/salt-differential.md"), """
                    | salt-masterless: highstate with pillar, then a failing custom_state | %s / %s | same | same \
                    | %d ms | %d ms |
                    """.formatted(SideBySide.exit(theirOut), SideBySide.exit(ourOut), (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000));
        }
    }

    private static Map<String, String> vars(Path ws) {
        return Map.of("remote", ws.resolve("remote").toString(),
                "salt_bin", SaltMasterlessProvisionerTest.SALT_BIN.toString());
    }

    private Path workspace(String name, String template) throws Exception {
        Path ws = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(ws.resolve("remote"));
        Files.writeString(ws.resolve("t.pkr.hcl"), template);
        Files.createDirectories(ws.resolve("states"));
        Files.writeString(ws.resolve("states/top.sls"), "base:\n  '*':\n    - greet\n");
        Files.writeString(ws.resolve("states/greet.sls"), """
                {{ pillar['remote'] }}/greeting.txt:
                  file.managed:
                    - contents: "{{ pillar['greeting'] }}"
                """);
        Files.writeString(ws.resolve("states/broken.sls"), """
                refuse:
                  test.fail_without_changes:
                    - comment: the state gives up
                """);
        Files.createDirectories(ws.resolve("pillar"));
        Files.writeString(ws.resolve("pillar/top.sls"), "base:\n  '*':\n    - common\n");
        Files.writeString(ws.resolve("pillar/common.sls"), "greeting: hello from pillar\nremote: "
                + ws.resolve("remote") + "\n");
        return ws;
    }

    private static String normalize(String out, Path ws) {
        return SideBySide.normalize(out, ws)
                .replaceAll("Started: [0-9:.]+", "Started: <T>")
                .replaceAll("Duration: +[0-9.]+ ms", "Duration: <D> ms")
                .replaceAll("run time: +[0-9.]+ ms", "run time: <D> ms");
    }
}
