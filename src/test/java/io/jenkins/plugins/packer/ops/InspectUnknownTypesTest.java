package io.jenkins.plugins.packer.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.template.HclConfig;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * inspect lists a build whose provisioners or post-processors are of types pkrj does not ship, as packer 1.6.6 and
 * 1.16 do; and a sensitive variable whose value is empty or null prints as it is. The expected text is packer
 * 1.6.6's output for the same template.
 */
class InspectUnknownTypesTest {

    @TempDir
    Path dir;

    @Test
    void aBuildWithUnknownComponentTypesIsStillListed() throws Exception {
        Files.writeString(dir.resolve("a.pkr.hcl"), """
                variable "secret" {
                  type      = string
                  default   = ""
                  sensitive = true
                }
                variable "nothing" {
                  type      = string
                  default   = null
                  sensitive = true
                }
                source "null" "n" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.n"]
                  provisioner "chef-solo" {
                    cookbook_paths = ["x"]
                  }
                  post-processor "vagrant-cloud" {}
                }
                build {
                  name = "second"
                  sources = ["source.null.n"]
                  provisioner "shell-local" {
                    inline = ["echo hi"]
                  }
                }
                """);
        Diagnostics diags = new Diagnostics();
        HclConfig cfg = HclConfig.load(new LoadRequest(dir, "a.pkr.hcl", List.of(), Map.of(), Map.of(),
                Clock.systemUTC()), diags);
        cfg.initialize(diags);
        assertThat(Inspect.hcl(cfg)).isEqualTo("""
                Packer Inspect: HCL2 mode

                > input-variables:

                var.nothing: "null"
                var.secret: ""

                > local-variables:


                > builds:

                  > <unnamed build 0>:

                    sources:

                      null.n

                    provisioners:

                      chef-solo

                    post-processors:

                      0:
                        vagrant-cloud

                  > second:

                    sources:

                      null.n

                    provisioners:

                      shell-local

                    post-processors:

                      <no post-processor>

                """);
        // The build is still not one that runs.
        assertThat(cfg.builds()).hasSize(1);
    }
}
