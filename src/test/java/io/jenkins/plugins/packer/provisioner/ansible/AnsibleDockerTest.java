package io.jenkins.plugins.packer.provisioner.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.docker.DockerBuilds;
import io.jenkins.plugins.packer.docker.DockerDaemon;
import io.jenkins.plugins.packer.provisioner.ansible.AnsibleTestBed.Built;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.CollectedOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ansible against a container of the docker builder: the proxy relays its sessions through the docker communicator
 * (the image has a shell and no Python, so the play uses {@code raw}).
 */
class AnsibleDockerTest {

    @TempDir
    Path work;

    @Test
    void aPlayReachesTheContainerThroughTheProxy() throws Exception {
        AnsibleTestBed.assumeInstalled("ansible-playbook");
        DockerDaemon daemon = DockerDaemon.shared();
        Files.writeString(work.resolve("play.yml"), """
                - hosts: default
                  gather_facts: false
                  tasks:
                    - name: write in the container
                      raw: echo "made by ansible in $(hostname)" > /tmp/ansible-made
                """);
        Built b = AnsibleTestBed.build(work, DockerBuilds.source("discard = true") + DockerBuilds.buildBlock("""
                  provisioner "ansible" {
                    playbook_file = "play.yml"
                  }
                  provisioner "shell" {
                    inline = ["cat /tmp/ansible-made"]
                  }
                """), Map.of(), daemon.env(), new Cancellation(), new CollectedOutput());
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).contains("==> docker.c: Executing Ansible: ansible-playbook -e packer_build_name=\"c\""
                        + " -e packer_builder_type=docker -e ansible_ssh_private_key_file=")
                .contains("    docker.c: TASK [write in the container] ****")
                .containsPattern("    docker.c: made by ansible in [0-9a-f]{12}\n");
    }
}
