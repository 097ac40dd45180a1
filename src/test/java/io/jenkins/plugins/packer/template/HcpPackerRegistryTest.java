package io.jenkins.plugins.packer.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hcp_packer_registry} blocks are accepted, at the top level and in a build, each with a warning. */
class HcpPackerRegistryTest {

    @TempDir
    Path dir;

    @Test
    void registryBlocksAreReadAndEachGetsAWarningThatItIsIgnored() throws IOException {
        Files.writeString(dir.resolve("t.pkr.hcl"), """
                hcp_packer_registry {
                  bucket_name = "top"
                }

                source "null" "a" {
                  communicator = "none"
                }

                build {
                  hcp_packer_registry {
                    bucket_name = "in-build"
                  }
                  sources = ["source.null.a"]
                }
                """);
        Diagnostics diags = new Diagnostics();
        HclConfig cfg = HclConfig.load(LoadRequest.of(dir, "t.pkr.hcl", Map.of()), diags);
        cfg.initialize(diags);
        assertThat(diags.hasErrors()).as(diags.toString()).isFalse();
        assertThat(diags.list()).extracting(Diagnostic::summary)
                .containsExactly("hcp_packer_registry is ignored", "hcp_packer_registry is ignored");
        assertThat(diags.list()).extracting(d -> d.subject().start().line()).containsExactly(1, 10);
        assertThat(cfg.builds()).hasSize(1);
    }
}
