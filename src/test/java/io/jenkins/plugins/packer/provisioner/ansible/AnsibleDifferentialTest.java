package io.jenkins.plugins.packer.provisioner.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.communicator.ssh.OpenSshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same playbooks run by the ansible provisioner of the real packer 1.6.6 and of the engine against the same
 * OpenSSH sshd, through each one's SSH proxy: equal console output (temporary names, ports and durations aside),
 * exit codes, files made on the machine and files fetched from it. Packer 1.6.6's proxy offers only the
 * {@code ssh-rsa} host key signature, which OpenSSH 8.8 and later refuse unless told otherwise: the template tells
 * the client so, for both. Its proxy also loses the exit status of an sftp session, so OpenSSH 9's {@code scp} (sftp
 * underneath), which Ansible uses by default, fails with it: the playbooks here use {@code use_sftp} and
 * {@code scp -O}, which it serves (the default is covered by {@link AnsibleProvisionerTest}).
 */
@Tag("differential")
class AnsibleDifferentialTest {

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

              provisioner "ansible" {
                playbook_file          = "play.yml"
                use_sftp               = true
                groups                 = ["web"]
                extra_arguments        = ["-e", "remote=${var.remote}", "-e", "mode=sftp"]
                ansible_ssh_extra_args = ["-o HostKeyAlgorithms=+ssh-rsa -o PubkeyAcceptedKeyTypes=+ssh-rsa"]
              }

              provisioner "ansible" {
                playbook_file          = "play.yml"
                extra_arguments        = ["-e", "remote=${var.remote}", "-e", "mode=scp",
                                          "-e", "ansible_scp_extra_args=-O"]
                ansible_ssh_extra_args = ["-o HostKeyAlgorithms=+ssh-rsa -o PubkeyAcceptedKeyTypes=+ssh-rsa"]
              }

              provisioner "ansible" {
                playbook_file          = "fail.yml"
                use_sftp               = true
                ansible_ssh_extra_args = ["-o HostKeyAlgorithms=+ssh-rsa -o PubkeyAcceptedKeyTypes=+ssh-rsa"]
              }
            }
            """;

    private static final String PLAY = """
            - hosts: web:default
              gather_facts: false
              tasks:
                - name: make a folder
                  file:
                    path: "{{ remote }}/{{ mode }}"
                    state: directory
                - name: write a file
                  copy:
                    content: "written with {{ mode }} by {{ packer_builder_type }}\\n"
                    dest: "{{ remote }}/{{ mode }}/written.txt"
                    mode: "0640"
                - name: run a command
                  shell: echo "ran on $(uname -s)" > {{ remote }}/{{ mode }}/ran.txt
                - name: fetch it back
                  fetch:
                    src: "{{ remote }}/{{ mode }}/written.txt"
                    dest: "fetched/{{ mode }}.txt"
                    flat: true
            """;

    private static final String FAIL = """
            - hosts: default
              gather_facts: false
              tasks:
                - name: give up
                  fail:
                    msg: the play gives up
            """;

    @TempDir
    Path dir;

    @Test
    void packerAndTheEngineRunTheSamePlaybooks() throws Exception {
        Path packer = SideBySide.packer();
        AnsibleTestBed.assumeInstalled("ansible-playbook");
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
            assertThat(theirOut).endsWith("rc=1\n").contains("PLAY RECAP");
            Map<String, String> theirFiles = SideBySide.tree(theirs.resolve("remote"));
            assertThat(SideBySide.tree(ours.resolve("remote"))).isEqualTo(theirFiles)
                    .containsKeys("sftp/written.txt", "sftp/ran.txt", "scp/written.txt");
            assertThat(SideBySide.tree(ours.resolve("fetched")))
                    .isEqualTo(SideBySide.tree(theirs.resolve("fetched"))).hasSize(2);
            assertThat(Files.getPosixFilePermissions(ours.resolve("remote/scp/written.txt")))
                    .isEqualTo(Files.getPosixFilePermissions(theirs.resolve("remote/scp/written.txt")));
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/ansible-differential.md"), """
                    | case | exit (packer / pkrj) | output | effects | packer | pkrj |
                    | --- | --- | --- | --- | --- | --- |
                    | 2 playbooks (sftp, scp -O) + a failing one | %s / %s | same | same | %d ms | %d ms |
                    """.formatted(SideBySide.exit(theirOut), SideBySide.exit(ourOut), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000));
        }
    }

    private static final String LOCAL_TEMPLATE = """
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

              provisioner "ansible-local" {
                playbook_file           = "local.yml"
                role_paths              = ["roles/greet"]
                group_vars              = "vars"
                inventory_groups        = ["web", "db"]
                extra_arguments         = ["--extra-vars", "remote=${var.remote}"]
                staging_directory       = "${var.remote}/staging"
                clean_staging_directory = true
              }

              provisioner "ansible-local" {
                playbook_file     = "fail.yml"
                staging_directory = "${var.remote}/staging-2"
              }
            }
            """;

    @Test
    void packerAndTheEngineRunTheSameAnsibleLocalPlays() throws Exception {
        Path packer = SideBySide.packer();
        AnsibleTestBed.assumeInstalled("ansible-playbook");
        try (OpenSshServer server = OpenSshServer.prepare(dir.resolve("sshd"))) {
            server.start();
            String template = LOCAL_TEMPLATE.formatted(server.port, OpenSshServer.user(), server.ed25519Key);
            Path theirs = localWorkspace("packer", template);
            Path ours = localWorkspace("engine", template);
            long t0 = System.nanoTime();
            String theirOut = SideBySide.runPacker(packer, theirs, vars(theirs));
            long t1 = System.nanoTime();
            String ourOut = SideBySide.runEngine(ours, vars(ours));
            long t2 = System.nanoTime();
            assertThat(normalize(ourOut, ours)).isEqualTo(normalize(theirOut, theirs));
            assertThat(theirOut).endsWith("rc=1\n").contains("Removing directory: ");
            assertThat(SideBySide.tree(ours.resolve("remote"))).isEqualTo(SideBySide.tree(theirs.resolve("remote")))
                    .containsKeys("greeting.txt", "staging-2/fail.yml").doesNotContainKey("staging/local.yml");
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/ansible-local-differential.md"), """
                    | ansible-local: a role, group_vars, groups, then a failing play | %s / %s | same | same | %d ms | %d ms |
                    """.formatted(SideBySide.exit(theirOut), SideBySide.exit(ourOut), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000));
        }
    }

    private Path localWorkspace(String name, String template) throws IOException {
        Path ws = workspace(name, template);
        Files.createDirectories(ws.resolve("roles/greet/tasks"));
        Files.writeString(ws.resolve("roles/greet/tasks/main.yml"), """
                - copy:
                    content: "{{ greeting }} for {{ groups['db'] | join(',') }} by {{ packer_builder_type }}\\n"
                    dest: "{{ remote }}/greeting.txt"
                """);
        Files.createDirectories(ws.resolve("vars"));
        Files.writeString(ws.resolve("vars/all.yml"), "greeting: hello from group_vars\n");
        Files.writeString(ws.resolve("local.yml"), "- hosts: web\n  gather_facts: false\n  roles:\n    - greet\n");
        Files.writeString(ws.resolve("fail.yml"), FAIL.replace("hosts: default", "hosts: all"));
        return ws;
    }

    private Path workspace(String name, String template) throws IOException {
        Path ws = Files.createDirectories(dir.resolve(name));
        Files.writeString(ws.resolve("t.pkr.hcl"), template);
        Files.writeString(ws.resolve("play.yml"), PLAY);
        Files.writeString(ws.resolve("fail.yml"), FAIL);
        Files.createDirectories(ws.resolve("tmp"));
        Files.createDirectories(ws.resolve("remote"));
        return ws;
    }

    private static Map<String, String> vars(Path ws) {
        return Map.of("remote", ws.resolve("remote").toString());
    }

    private static String normalize(String out, Path ws) {
        return SideBySide.normalize(out, ws)
                .replaceAll("ansible-key\\d+", "ansible-key<N>")
                .replaceAll("packer-provisioner-ansible\\d+", "packer-provisioner-ansible<N>")
                .replaceAll("packer-provisioner-ansible-local\\d+", "packer-provisioner-ansible-local<N>");
    }

}
