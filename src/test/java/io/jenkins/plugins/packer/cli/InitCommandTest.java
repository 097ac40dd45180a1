package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pkrj init} reports each required plugin as built in or not available, and checks the requirements. */
class InitCommandTest {

    @TempDir
    Path dir;

    @Test
    void amazonIsBuiltIn() throws IOException {
        Files.copy(CorpusFiles.root().resolve("handmade/templates/val-packer-required-plugins.pkr.hcl"),
                dir.resolve("t.pkr.hcl"));
        Run run = Run.pkrj(dir, "", "init", "t.pkr.hcl");
        assertThat(run.out()).isEqualTo("Plugin github.com/hashicorp/amazon >= 0.0.1 is built into pkrj (builders"
                + " amazon-chroot, amazon-ebs, amazon-ebssurrogate, amazon-ebsvolume, amazon-instance; data sources"
                + " amazon-ami, amazon-parameterstore, amazon-secretsmanager)\n");
        assertThat(run.rc()).isZero();
    }

    @Test
    void aPluginPkrjDoesNotCarryIsAnError() throws IOException {
        Files.writeString(dir.resolve("t.pkr.hcl"), """
                packer {
                  required_plugins {
                    qemu = {
                      version = ">= 1.0.0"
                      source  = "github.com/hashicorp/qemu"
                    }
                  }
                }
                """);
        Run run = Run.pkrj(dir, "", "init", "t.pkr.hcl");
        assertThat(run.out()).isEqualTo("Plugin github.com/hashicorp/qemu is not available in pkrj: its components"
                + " are not built in, and pkrj does not install plugins\n");
        assertThat(run.rc()).isEqualTo(1);
    }

    @Test
    void aRequirementWithoutASourceIsPackersError() throws IOException {
        Files.writeString(dir.resolve("t.pkr.hcl"), """
                packer {
                  required_plugins {
                    amazon = {
                      version = ">= 1.0.0"
                    }
                  }
                }
                """);
        Run run = Run.pkrj(dir, "", "init", "t.pkr.hcl");
        assertThat(run.out()).startsWith("Error: No source was set\n");
        assertThat(run.rc()).isEqualTo(1);
    }

    @Test
    void aShortRequirementIsRejectedWithAnExample() throws IOException {
        Files.writeString(dir.resolve("t.pkr.hcl"), """
                packer {
                  required_plugins {
                    amazon = ">= 1.0.0"
                  }
                }
                """);
        Run run = Run.pkrj(dir, "", "init", "t.pkr.hcl");
        assertThat(run.out()).startsWith("Error: Invalid plugin requirement\n")
                .contains("'amazon = \">= 1.0.0\"' plugin requirement calls are not possible.");
        assertThat(run.rc()).isEqualTo(1);
    }

    @Test
    void aTemplateWithoutRequirementsSaysSo() throws IOException {
        Files.writeString(dir.resolve("t.pkr.hcl"), "locals {\n  a = 1\n}\n");
        Run run = Run.pkrj(dir, "", "init", "t.pkr.hcl");
        assertThat(run.out()).contains("No plugins requirement found");
        assertThat(run.rc()).isZero();
    }
}
