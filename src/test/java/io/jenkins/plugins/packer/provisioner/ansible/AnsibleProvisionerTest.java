package io.jenkins.plugins.packer.provisioner.ansible;

import static io.jenkins.plugins.packer.provisioner.ansible.AnsibleTestBed.build;
import static io.jenkins.plugins.packer.provisioner.ansible.AnsibleTestBed.buildBlock;
import static io.jenkins.plugins.packer.provisioner.ansible.AnsibleTestBed.keySource;
import static io.jenkins.plugins.packer.provisioner.ansible.AnsibleTestBed.leftovers;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.communicator.ssh.OpenSshServer;
import io.jenkins.plugins.packer.provisioner.ansible.AnsibleTestBed.Built;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.CollectedOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ansible provisioner with the real {@code ansible-playbook} (Debian's ansible-core) against a real OpenSSH sshd
 * on 127.0.0.1: through the proxy (exec, sftp, scp both ways), over a bastion, straight to the machine, the
 * inventory Packer writes, galaxy, a failing play, a cancellation and secrets.
 */
class AnsibleProvisionerTest {

    @TempDir
    static Path shared;

    static OpenSshServer server;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        AnsibleTestBed.assumeInstalled("ansible-playbook");
        server = OpenSshServer.prepare(shared.resolve("sshd")).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private Path playbook(String name, String tasks) throws Exception {
        return Files.writeString(work.resolve(name), """
                - hosts: default
                  gather_facts: false
                  tasks:
                %s""".formatted(tasks.indent(4)));
    }

    @Test
    void aPlaybookThroughTheProxyChangesTheMachineAndLeavesNothingBehind() throws Exception {
        Path out = work.resolve("remote/out.txt");
        playbook("play.yml", """
                - name: write a file
                  copy:
                    content: "hello {{ packer_builder_type }} {{ packer_build_name }}\\n"
                    dest: %s
                - name: run a command
                  command: echo from the machine
                """.formatted(out));
        Files.createDirectories(out.getParent());
        Built b = build(work, keySource(server, "") + buildBlock("""
                  provisioner "ansible" {
                    playbook_file = "play.yml"
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(out).hasContent("hello null s");
        String tmp = work.resolve("tmp").toString();
        assertThat(b.output()).contains("""
                ==> null.s: Provisioning with Ansible...
                    null.s: Setting up proxy adapter for Ansible....
                ==> null.s: Executing Ansible: ansible-playbook -e packer_build_name="s" -e packer_builder_type=null \
                --ssh-extra-args '-o IdentitiesOnly=yes' -e ansible_ssh_private_key_file=%s/ansible-key""".formatted(tmp))
                .contains(" -i " + tmp + "/packer-provisioner-ansible")
                .contains(" " + work.resolve("play.yml") + "\n    null.s:\n    null.s: PLAY [default] ****")
                .contains("    null.s: TASK [write a file] ****")
                .contains("    null.s: changed: [default]\n")
                .containsPattern("null.s: default +: ok=2 +changed=2 +unreachable=0 +failed=0")
                .contains("Build 'null.s' finished after ");
        assertThat(leftovers(work)).as("the key and inventory are removed").isEmpty();
    }

    @Test
    void filesGoBothWaysWithScpAndWithSftp() throws Exception {
        Path remote = Files.createDirectories(work.resolve("remote"));
        playbook("play.yml", """
                - copy:
                    content: "payload {{ mode }}\\n"
                    dest: %s/src-{{ mode }}.txt
                - fetch:
                    src: %s/src-{{ mode }}.txt
                    dest: %s/fetched/{{ mode }}.txt
                    flat: true
                """.formatted(remote, remote, work));
        Built b = build(work, keySource(server, "") + buildBlock("""
                  provisioner "ansible" {
                    playbook_file   = "play.yml"
                    extra_arguments = ["-e", "mode=scp", "-e", "ansible_scp_extra_args=-O"]
                  }
                  provisioner "ansible" {
                    playbook_file   = "play.yml"
                    use_sftp        = true
                    extra_arguments = ["-e", "mode=sftp"]
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(work.resolve("fetched/scp.txt")).hasContent("payload scp");
        assertThat(work.resolve("fetched/sftp.txt")).hasContent("payload sftp");
        assertThat(b.output()).contains("-e mode=scp -e ansible_scp_extra_args=-O -e ansible_ssh_private_key_file=");
    }

    @Test
    void withoutTheProxyAnsibleLogsInWithTheBuildsUserAndKey() throws Exception {
        Path out = Files.createDirectories(work.resolve("remote")).resolve("direct.txt");
        playbook("play.yml", """
                - shell: echo "$SSH_CONNECTION" > %s
                """.formatted(out));
        Built b = build(work, keySource(server, "") + buildBlock("""
                  provisioner "ansible" {
                    playbook_file    = "play.yml"
                    use_proxy        = false
                    ansible_env_vars = ["ANSIBLE_SSH_ARGS=-o ControlMaster=no"]
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).contains("""
                    null.s: Not using Proxy adapter for Ansible run:
                    null.s: 	Using ssh keys from Packer communicator...
                """).contains("-e ansible_ssh_private_key_file=" + server.ed25519Key + " -i ");
        // Ansible's session reached the real sshd's own port.
        assertThat(Files.readString(out).trim()).endsWith(" 127.0.0.1 " + server.port);
    }

    @Test
    void theInventoryIsWrittenAsPackerWritesIt() throws Exception {
        Path inventories = Files.createDirectories(work.resolve("inventories"));
        Files.writeString(work.resolve("play.yml"), """
                - hosts: web:db
                  gather_facts: false
                  tasks:
                    - copy:
                        content: "{{ groups | dictsort | list | to_json }}"
                        dest: %s/groups.json
                """.formatted(work));
        Built b = build(work, keySource(server, "") + buildBlock("""
                  provisioner "ansible" {
                    playbook_file       = "play.yml"
                    host_alias          = "box"
                    groups              = ["web", "db"]
                    empty_groups        = ["spare"]
                    inventory_directory = "inventories"
                    keep_inventory_file = true
                    user                = "%s"
                    local_port          = %d
                  }
                """.formatted(OpenSshServer.user(), freePort())));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        List<Path> kept;
        try (var s = Files.list(inventories)) {
            kept = s.toList();
        }
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).getFileName().toString()).startsWith("packer-provisioner-ansible");
        String line = Files.readString(kept.get(0)).lines().findFirst().orElseThrow();
        assertThat(line).matches("box ansible_host=127\\.0\\.0\\.1 ansible_user=" + OpenSshServer.user()
                + " ansible_port=\\d+");
        assertThat(Files.readString(kept.get(0))).isEqualTo(line + "\n[web]\n" + line + "\n[db]\n" + line
                + "\n[spare]\n");
        assertThat(work.resolve("groups.json")).hasContent(
                "[[\"all\", [\"box\"]], [\"db\", [\"box\"]], [\"spare\", []], [\"ungrouped\", []], [\"web\", [\"box\"]]]");
    }

    private static int freePort() throws Exception {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aFailingPlayFailsTheBuildAndTheCleanupProvisionerRuns() throws Exception {
        Path cleaned = work.resolve("cleaned");
        playbook("play.yml", """
                - fail:
                    msg: the play says no
                """);
        Built b = build(work, keySource(server, "") + buildBlock("""
                  provisioner "ansible" {
                    playbook_file = "play.yml"
                  }
                  error-cleanup-provisioner "shell-local" {
                    inline = ["touch %s"]
                  }
                """.formatted(cleaned)));
        assertThat(b.result().exitCode()).isEqualTo(1);
        assertThat(b.output()).contains("the play says no")
                .contains("==> null.s: Provisioning step had errors: Running the cleanup provisioner, if present...")
                .contains("Build 'null.s' errored after ")
                .contains("--> null.s: Error executing Ansible: Non-zero exit status: exit status 2\n");
        assertThat(cleaned).exists();
        assertThat(leftovers(work)).isEmpty();
    }

    @Test
    void cancellingStopsAnsibleAndWhatItRunsOnTheMachine() throws Exception {
        // OpenSSH delivers the "signal" to the session's processes when the login is not root.
        AnsibleTestBed.assumePasswordUser();
        String unique = "8" + (System.nanoTime() % 100000) + ".5";
        playbook("play.yml", """
                - name: sleep
                  command: sleep %s
                """.formatted(unique));
        work.toFile().setExecutable(true, false);
        work.resolve("play.yml").toFile().setReadable(true, false);
        String source = AnsibleTestBed.passwordSource(server.port);
        Cancellation cancellation = new Cancellation();
        CollectedOutput out = new CollectedOutput();
        Built[] built = new Built[1];
        Thread t = new Thread(() -> built[0] = build(work, source + buildBlock("""
                  provisioner "ansible" {
                    playbook_file = "play.yml"
                    user          = "pkrj-ssh"
                  }
                """), Map.of(), cancellation, out));
        t.start();
        boolean sleeping = false;
        for (int i = 0; i < 600 && !sleeping; i++) {
            sleeping = AnsibleTestBed.pgrep("^sleep " + unique + "$") == 0;
            Thread.sleep(100);
        }
        assertThat(sleeping).as(out.text()).isTrue();
        cancellation.cancel();
        t.join(30_000);
        assertThat(t.isAlive()).as("the build ended after the cancellation").isFalse();
        assertThat(built[0].result().cancelled()).isTrue();
        assertThat(out.text()).endsWith("Cleanly cancelled builds after being interrupted.\n");
        int remote = 0;
        int local = 0;
        for (int i = 0; i < 100 && (remote != 1 || local != 1); i++) {
            remote = AnsibleTestBed.pgrep("^sleep " + unique + "$");
            local = AnsibleTestBed.pgrep("ansible-playbook .*" + work.resolve("play.yml"));
            Thread.sleep(100);
        }
        assertThat(remote).as("pgrep of the remote sleep (1: none)").isEqualTo(1);
        assertThat(local).as("pgrep of ansible-playbook (1: none)").isEqualTo(1);
        assertThat(leftovers(work)).isEmpty();
    }

    @Test
    void secretsInExtraArgumentsAndEnvironmentAreMasked() throws Exception {
        playbook("play.yml", """
                - debug:
                    msg: "token {{ token }} and {{ lookup('env', 'DEPLOY_KEY') }}"
                """);
        Built b = build(work, """
                variable "token" {
                  type      = string
                  default   = "t0ken-Value-8812"
                  sensitive = true
                }
                variable "deploy_key" {
                  type      = string
                  default   = "deploy-Key-5531"
                  sensitive = true
                }
                """ + keySource(server, "") + buildBlock("""
                  provisioner "ansible" {
                    playbook_file    = "play.yml"
                    extra_arguments  = ["-e", "token=${var.token}"]
                    ansible_env_vars = ["DEPLOY_KEY=${var.deploy_key}"]
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).doesNotContain("t0ken-Value-8812").doesNotContain("deploy-Key-5531")
                .contains("-e token=<sensitive>")
                .contains("\"msg\": \"token <sensitive> and <sensitive>\"");
    }

    @Test
    void overABastionWithRolesFromGalaxy() throws Exception {
        Path role = Files.createDirectories(work.resolve("role-src/greet"));
        Files.createDirectories(role.resolve("tasks"));
        Files.createDirectories(role.resolve("meta"));
        Files.writeString(role.resolve("tasks/main.yml"), """
                - copy:
                    content: "greetings from a role\\n"
                    dest: "{{ greet_dest }}"
                """);
        Files.writeString(role.resolve("meta/main.yml"), """
                galaxy_info:
                  author: tests
                  description: greets
                  license: MIT
                  min_ansible_version: "2.9"
                  platforms: []
                dependencies: []
                """);
        Process tar = new ProcessBuilder("tar", "-czf", work.resolve("greet.tar.gz").toString(), "-C",
                work.resolve("role-src").toString(), "greet").inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        Files.writeString(work.resolve("requirements.yml"), """
                - src: file://%s
                  name: greet
                """.formatted(work.resolve("greet.tar.gz")));
        Path dest = Files.createDirectories(work.resolve("remote")).resolve("greeting.txt");
        Files.writeString(work.resolve("play.yml"), """
                - hosts: default
                  gather_facts: false
                  roles:
                    - role: greet
                      greet_dest: %s
                """.formatted(dest));
        Built b = build(work, keySource(server, """
                ssh_bastion_host             = "127.0.0.1"
                  ssh_bastion_port             = %d
                  ssh_bastion_username         = "%s"
                  ssh_bastion_private_key_file = "%s"
                """.formatted(server.port, OpenSshServer.user(), server.ed25519Key)) + buildBlock("""
                  provisioner "ansible" {
                    playbook_file = "play.yml"
                    galaxy_file   = "requirements.yml"
                    roles_path    = "roles"
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).contains("    null.s: Executing Ansible Galaxy\n")
                .contains("greet was installed successfully");
        assertThat(work.resolve("roles/greet/tasks/main.yml")).exists();
        assertThat(dest).hasContent("greetings from a role");
    }
}
