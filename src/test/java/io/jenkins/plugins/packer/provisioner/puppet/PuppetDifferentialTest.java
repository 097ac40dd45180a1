package io.jenkins.plugins.packer.provisioner.puppet;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.communicator.ssh.OpenSshServer;
import io.jenkins.plugins.packer.provisioner.ansible.AnsibleTestBed;
import io.jenkins.plugins.packer.provisioner.ansible.SideBySide;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same manifests applied by the puppet-masterless provisioner of the real packer 1.6.6 and of the engine against
 * the same sshd: equal output (durations, Puppet's timings and the order of the facts aside: packer's is a Go map's,
 * random), exit codes and files made.
 */
@Tag("differential")
class PuppetDifferentialTest {

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

              provisioner "puppet-masterless" {
                manifest_file           = "site.pp"
                module_paths            = ["modules"]
                facter                  = { role = "web", remote = var.remote }
                prevent_sudo            = true
                staging_directory       = "${var.remote}/staging"
                clean_staging_directory = true
              }

              provisioner "puppet-masterless" {
                manifest_file     = "manifests"
                prevent_sudo      = true
                staging_directory = "${var.remote}/staging-2"
                extra_arguments   = ["--noop"]
                facter            = { remote = var.remote }
              }

              provisioner "puppet-masterless" {
                manifest_file     = "fail.pp"
                prevent_sudo      = true
                staging_directory = "${var.remote}/staging-3"
              }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void packerAndTheEngineApplyTheSameManifests() throws Exception {
        Path packer = SideBySide.packer();
        AnsibleTestBed.assumeInstalled("puppet");
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
            assertThat(theirOut).endsWith("rc=1\n").contains("Puppet exited with a non-zero exit status: 1");
            assertThat(SideBySide.tree(ours.resolve("remote"))).isEqualTo(SideBySide.tree(theirs.resolve("remote")))
                    .containsKeys("greeting.txt", "staging-2/manifests/a.pp").doesNotContainKey("noop.txt");
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/puppet-differential.md"), """
                    | puppet-masterless: module + facts, a manifest folder with --noop, a failing catalog \
                    | %s / %s | same | same | %d ms | %d ms |
                    """.formatted(SideBySide.exit(theirOut), SideBySide.exit(ourOut), (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000));
        }
    }

    private static Map<String, String> vars(Path ws) {
        return Map.of("remote", ws.resolve("remote").toString());
    }

    private Path workspace(String name, String template) throws Exception {
        Path ws = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(ws.resolve("remote"));
        Files.writeString(ws.resolve("t.pkr.hcl"), template);
        Files.createDirectories(ws.resolve("modules/greet/manifests"));
        Files.writeString(ws.resolve("modules/greet/manifests/init.pp"), """
                class greet {
                  file { "${facts['remote']}/greeting.txt":
                    content => "${facts['role']} by ${facts['packer_builder_type']}\\n",
                    mode    => '0640',
                  }
                }
                """);
        Files.writeString(ws.resolve("site.pp"), "include greet\n");
        Files.createDirectories(ws.resolve("manifests"));
        Files.writeString(ws.resolve("manifests/a.pp"), "file { \"${facts['remote']}/noop.txt\": content => 'x' }\n");
        Files.writeString(ws.resolve("fail.pp"), "fail('the catalog gives up')\n");
        return ws;
    }

    private static final Pattern FACTS = Pattern.compile("&& ((?:FACTER_\\w+='[^']*' )+)");

    private static String normalize(String out, Path ws) {
        String s = SideBySide.normalize(out, ws)
                .replaceAll("in [0-9.]+ seconds", "in <N> seconds")
                .replaceAll("(?m)^==> null\\.s: .*Facter: Permission denied.*\n", "");
        Matcher m = FACTS.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String[] facts = m.group(1).trim().split(" ");
            Arrays.sort(facts);
            m.appendReplacement(sb, Matcher.quoteReplacement("&& " + String.join(" ", facts) + " "));
        }
        return m.appendTail(sb).toString();
    }
}
