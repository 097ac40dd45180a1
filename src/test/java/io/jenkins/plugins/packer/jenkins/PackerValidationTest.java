package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validate callable run directly on a temporary workspace, as the agent runs it. */
class PackerValidationTest {

    @TempDir
    Path tmp;

    Path ws;

    @BeforeEach
    void workspace() throws Exception {
        ws = Files.createDirectories(tmp.resolve("ws"));
        Files.writeString(tmp.resolve("outside.txt"), "s3cr3t");
    }

    private ValidateOutcome validate(String template, List<String> varFiles) throws Exception {
        return new ValidateCallable(ValidateRequest.of(template, null, varFiles, null, null, false, Map.of()))
                .invoke(ws.toFile(), null);
    }

    @Test
    void templateFunctionsCannotReadOutsideTheWorkspace() throws Exception {
        Files.copy(Templates.path("reads-outside.pkr.hcl"), ws.resolve("t.pkr.hcl"));
        ValidateOutcome out = validate("t.pkr.hcl", List.of());
        assertThat(out.valid()).isFalse();
        assertThat(out.failureMessage()).startsWith("t.pkr.hcl is not valid:\n\nError: Error in function call")
                .contains("on t.pkr.hcl line 2:")
                .contains("refusing to access ../outside.txt: it is outside\nthe workspace")
                .doesNotContain("s3cr3t");
    }

    @Test
    void aTemplateLinkedFromOutsideIsNotRead() throws Exception {
        Files.copy(Templates.path("valid.pkr.hcl"), tmp.resolve("elsewhere.pkr.hcl"));
        Files.createSymbolicLink(ws.resolve("t.pkr.hcl"), tmp.resolve("elsewhere.pkr.hcl"));
        ValidateOutcome out = validate("t.pkr.hcl", List.of());
        assertThat(out.valid()).isFalse();
        assertThat(out.failureMessage()).startsWith("template must stay inside the workspace, but t.pkr.hcl leads to ");
    }

    @Test
    void aVarFileLinkedFromOutsideIsNotRead() throws Exception {
        Files.copy(Templates.path("valid.pkr.hcl"), ws.resolve("t.pkr.hcl"));
        Files.createSymbolicLink(ws.resolve("v.pkrvars.hcl"), tmp.resolve("outside.txt"));
        assertThat(validate("t.pkr.hcl", List.of("v.pkrvars.hcl")).failureMessage())
                .startsWith("each of varFiles must stay inside the workspace, but v.pkrvars.hcl leads to ");
    }

    @Test
    void aDirectoryTemplateIsValidatedWithItsAutoVarFiles() throws Exception {
        Files.createDirectories(ws.resolve("packer"));
        Files.copy(Templates.path("needs-vars.pkr.hcl"), ws.resolve("packer/build.pkr.hcl"));
        Files.writeString(ws.resolve("packer/vars.auto.pkrvars.hcl"), "name = \"web\"\nsize = 8\n");
        ValidateOutcome out = validate("packer", List.of());
        assertThat(out.valid()).as(out.output()).isTrue();
        assertThat(out.result()).isEmpty();
    }

    @Test
    void aMissingTemplateSaysSoAsPackerDoes() throws Exception {
        ValidateOutcome out = validate("missing.pkr.hcl", List.of());
        assertThat(out.valid()).isFalse();
        assertThat(out.failureMessage()).contains("stat missing.pkr.hcl: no such file or directory");
    }
}
