package io.jenkins.plugins.packer.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code build.name} in a post-processor's arguments, as Packer 1.16 allows (see docs/differences.md). */
class BuildNameInPostProcessorTest {

    @TempDir
    Path tmp;

    private HclConfig load(String template, Diagnostics diags) throws IOException {
        Files.writeString(tmp.resolve("t.pkr.hcl"), template);
        HclConfig cfg = HclConfig.load(new LoadRequest(tmp, "t.pkr.hcl", List.of(), Map.of(), Map.of(),
                Clock.systemUTC(), null), diags);
        cfg.initialize(diags);
        return cfg;
    }

    @Test
    void postProcessorNameMayBeTheBuildName() throws IOException {
        Diagnostics diags = new Diagnostics();
        HclConfig cfg = load("""
                source "null" "a" {
                  communicator = "none"
                }
                build {
                  name    = "test-build"
                  sources = ["source.null.a"]
                  post-processors {
                    post-processor "manifest" {
                      name = build.name
                    }
                    post-processor "checksum" {
                      name = "${build.name}-sums"
                    }
                  }
                }
                """, diags);

        assertThat(diags.list()).isEmpty();
        assertThat(cfg.builds().get(0).postProcessorChains().get(0)).extracting(PostProcessorBlock::name)
                .containsExactly("test-build", "test-build-sums");
    }

    @Test
    void otherBuildVariablesAreNotKnownThere() throws IOException {
        Diagnostics diags = new Diagnostics();
        HclConfig cfg = load("""
                source "null" "a" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.a"]
                  post-processor "manifest" {
                    name = build.ID
                  }
                }
                """, diags);

        assertThat(diags.list()).extracting(Diagnostic::summary).containsExactly("Unsupported attribute");
        assertThat(diags.list().get(0).subject().start().line()).isEqualTo(7);
        assertThat(cfg.builds()).isEmpty();
    }
}
