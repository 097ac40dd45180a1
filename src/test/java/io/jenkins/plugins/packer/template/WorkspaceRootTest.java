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

/** A request's workspace root reaches the template's file functions: inside Jenkins they read only the workspace. */
class WorkspaceRootTest {

    @TempDir
    Path tmp;

    private HclConfig load(Path workspaceRoot, Diagnostics diags) {
        HclConfig cfg = HclConfig.load(new LoadRequest(tmp.resolve("ws"), "t.pkr.hcl", List.of(), Map.of(), Map.of(),
                Clock.systemUTC(), workspaceRoot), diags);
        cfg.initialize(diags);
        return cfg;
    }

    private void writeTemplate() throws IOException {
        Files.createDirectories(tmp.resolve("ws"));
        Files.writeString(tmp.resolve("secret.txt"), "outside");
        Files.writeString(tmp.resolve("ws/inside.txt"), "inside");
        Files.writeString(tmp.resolve("ws/t.pkr.hcl"), """
                locals {
                  in  = file("inside.txt")
                  out = file("../secret.txt")
                }
                """);
    }

    @Test
    void fileFunctionsAreConfinedToTheWorkspaceRoot() throws IOException {
        writeTemplate();
        Diagnostics diags = new Diagnostics();
        HclConfig cfg = load(tmp.resolve("ws"), diags);
        assertThat(cfg.locals().get("in").value().asString()).isEqualTo("inside");
        assertThat(diags.list()).hasSize(1);
        Diagnostic d = diags.list().get(0);
        assertThat(d.detail()).contains("refusing to access ../secret.txt: it is outside the workspace");
        assertThat(d.subject().filename()).isEqualTo("t.pkr.hcl");
        assertThat(d.subject().start().line()).isEqualTo(3);
    }

    @Test
    void withoutARootFileFunctionsReadAnyPathAsPackerDoes() throws IOException {
        writeTemplate();
        Diagnostics diags = new Diagnostics();
        HclConfig cfg = load(null, diags);
        assertThat(diags.list()).isEmpty();
        assertThat(cfg.locals().get("out").value().asString()).isEqualTo("outside");
    }
}
