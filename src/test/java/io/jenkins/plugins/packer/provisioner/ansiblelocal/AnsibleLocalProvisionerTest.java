package io.jenkins.plugins.packer.provisioner.ansiblelocal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.communicator.ssh.OpenSshServer;
import io.jenkins.plugins.packer.provisioner.ansible.AnsibleTestBed;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.CollectedOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ansible-local provisioner against a real sshd whose machine (this one) has Debian's ansible-core: the staged
 * playbook, roles and variables, a failing play, a missing {@code ansible-playbook}, a cancellation and secrets.
 */
class AnsibleLocalProvisionerTest {

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

    private String template(String provisioner) {
        return AnsibleTestBed.keySource(server, "") + AnsibleTestBed.buildBlock(provisioner);
    }

    @Test
    void stagesThePlaybookRolesAndVariablesAndRunsThemOnTheMachine() throws Exception {
        Path out = work.resolve("made.txt");
        Files.createDirectories(work.resolve("roles/greet/tasks"));
        Files.writeString(work.resolve("roles/greet/tasks/main.yml"), """
                - copy:
                    content: "{{ greeting }} on {{ packer_builder_type }} in {{ inventory_hostname }}\\n"
                    dest: %s
                """.formatted(out));
        Files.createDirectories(work.resolve("vars"));
        Files.writeString(work.resolve("vars/all.yml"), "greeting: hello from group_vars\n");
        Files.writeString(work.resolve("site.yml"), "- hosts: web\n  gather_facts: false\n  roles:\n    - greet\n");
        Path staging = work.resolve("staging");
        AnsibleTestBed.Built b = AnsibleTestBed.build(work, template("""
                  provisioner "ansible-local" {
                    playbook_file           = "site.yml"
                    role_paths              = ["roles/greet"]
                    group_vars              = "vars"
                    inventory_groups        = ["web"]
                    staging_directory       = "%s"
                    clean_staging_directory = true
                  }
                """.formatted(staging)));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(out).hasContent("hello from group_vars on null in 127.0.0.1");
        assertThat(b.output()).contains("""
                ==> null.s: Provisioning with Ansible...
                    null.s: Creating Ansible staging directory...
                    null.s: Creating directory: %1$s
                    null.s: Uploading main Playbook file...
                    null.s: Uploading inventory file...
                    null.s: Uploading group_vars directory...
                    null.s: Creating directory: %1$s/group_vars
                    null.s: Uploading role directories...
                    null.s: Creating directory: %1$s/roles/greet
                    null.s: Executing Ansible: cd %1$s && ANSIBLE_FORCE_COLOR=1 PYTHONUNBUFFERED=1 ansible-playbook \
                %1$s/site.yml --extra-vars "packer_build_name=s packer_builder_type=null \
                packer_http_addr=ERR_HTTP_ADDR_NOT_IMPLEMENTED_BY_BUILDER -o IdentitiesOnly=yes"  -c local -i \
                %1$s/packer-provisioner-ansible-local""".formatted(staging))
                .contains("    null.s: Removing staging directory...\n    null.s: Removing directory: " + staging);
        assertThat(staging).doesNotExist();
        assertThat(AnsibleTestBed.leftovers(work)).isEmpty();
    }

    @Test
    void aFailingPlayAndAMissingAnsibleFailInPackersWords() throws Exception {
        Files.writeString(work.resolve("fail.yml"), """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - fail:
                        msg: no thanks
                """);
        AnsibleTestBed.Built failed = AnsibleTestBed.build(work, template("""
                  provisioner "ansible-local" {
                    playbook_file = "fail.yml"
                  }
                """));
        assertThat(failed.result().exitCode()).isEqualTo(1);
        assertThat(failed.output()).contains("no thanks")
                .contains("--> null.s: Error executing Ansible: Non-zero exit status: 2\n");
        AnsibleTestBed.Built missing = AnsibleTestBed.build(work, template("""
                  provisioner "ansible-local" {
                    playbook_file = "fail.yml"
                    command       = "no-such-ansible-playbook"
                  }
                """));
        assertThat(missing.result().exitCode()).isEqualTo(1);
        assertThat(missing.output()).contains("--> null.s: Error executing Ansible: no-such-ansible-playbook could not"
                + " be found. Verify that it is available on the\nPATH after connecting to the machine.\n");
    }

    @Test
    void cancellingStopsThePlayOnTheMachine() throws Exception {
        // OpenSSH delivers the "signal" to the session's processes when the login is not root.
        AnsibleTestBed.assumePasswordUser();
        String unique = "7" + (System.nanoTime() % 100000) + ".5";
        Files.writeString(work.resolve("sleep.yml"), """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - command: sleep %s
                """.formatted(unique));
        String source = AnsibleTestBed.passwordSource(server.port);
        Cancellation cancellation = new Cancellation();
        CollectedOutput out = new CollectedOutput();
        AnsibleTestBed.Built[] built = new AnsibleTestBed.Built[1];
        Thread t = new Thread(() -> built[0] = AnsibleTestBed.build(work, source + AnsibleTestBed.buildBlock("""
                  provisioner "ansible-local" {
                    playbook_file = "sleep.yml"
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
        assertThat(t.isAlive()).isFalse();
        assertThat(built[0].result().cancelled()).isTrue();
        int status = 0;
        for (int i = 0; i < 100 && status != 1; i++) {
            status = AnsibleTestBed.pgrep("^sleep " + unique + "$");
            Thread.sleep(100);
        }
        assertThat(status).as("pgrep of the remote sleep (1: none)").isEqualTo(1);
    }

    @Test
    void secretsInExtraArgumentsAreMasked() throws Exception {
        Files.writeString(work.resolve("show.yml"), """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - debug:
                        msg: "the key is {{ api_key }}"
                """);
        AnsibleTestBed.Built b = AnsibleTestBed.build(work, """
                variable "api_key" {
                  type      = string
                  default   = "k3y-Local-7781"
                  sensitive = true
                }
                """ + template("""
                  provisioner "ansible-local" {
                    playbook_file   = "show.yml"
                    extra_arguments = ["--extra-vars", "api_key=${var.api_key}"]
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).doesNotContain("k3y-Local-7781").contains("api_key=<sensitive>")
                .contains("the key is <sensitive>");
    }
}
