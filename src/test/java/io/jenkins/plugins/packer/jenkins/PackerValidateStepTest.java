package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.TaskListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code packerValidate} driven through its execution, with a test double of the step context. */
class PackerValidateStepTest {

    @TempDir
    Path ws;

    private ArrayList<Map<String, Object>> run(PackerValidateStep step, FakeStepContext ctx) throws Exception {
        return ((PackerValidateStep.Execution) step.start(ctx)).run();
    }

    private void copyTemplate(String name) throws IOException {
        Files.copy(Templates.path(name), ws.resolve(name));
    }

    @Test
    void aValidTemplateReturnsNoWarningsAndSaysItIsValid() throws Exception {
        copyTemplate("valid.pkr.hcl");
        FakeStepContext ctx = new FakeStepContext(ws, Map.of());
        assertThat(run(new PackerValidateStep("valid.pkr.hcl"), ctx)).isEmpty();
        assertThat(ctx.log()).isEqualTo("The configuration is valid.\n");
    }

    @Test
    void anInvalidTemplateFailsWithEveryDiagnosticAndItsFileAndLine() throws Exception {
        copyTemplate("invalid.pkr.hcl");
        FakeStepContext ctx = new FakeStepContext(ws, Map.of());
        assertThatThrownBy(() -> run(new PackerValidateStep("invalid.pkr.hcl"), ctx))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("invalid.pkr.hcl is not valid:\n\nError: Unsupported argument")
                .hasMessageContaining("on invalid.pkr.hcl line 3")
                .hasMessageContaining("An argument named \"bogus\" is not expected here.")
                .hasMessageContaining("Warning: Both source file and contents are blank")
                .hasMessageContaining("* target required")
                .hasMessageContaining("on invalid.pkr.hcl line 6");
        assertThat(ctx.log()).isEmpty();
    }

    @Test
    void warningsOfAValidTemplateAreLoggedAndReturnedAsMaps() throws Exception {
        copyTemplate("valid.pkr.hcl");
        Files.writeString(ws.resolve("extra.pkrvars.hcl"), "undeclared = \"x\"\n");
        PackerValidateStep step = new PackerValidateStep("valid.pkr.hcl");
        step.setVarFiles(List.of("extra.pkrvars.hcl"));
        FakeStepContext ctx = new FakeStepContext(ws, Map.of());
        ArrayList<Map<String, Object>> warnings = run(step, ctx);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).containsEntry("summary", "Undefined variable")
                .containsKey("detail").doesNotContainKey("file");
        assertThat(ctx.log()).startsWith("Warning: Undefined variable").endsWith("The configuration is valid.\n");
    }

    @Test
    void varsAndTheStepEnvironmentSetTheTemplateVariables() throws Exception {
        copyTemplate("needs-vars.pkr.hcl");
        PackerValidateStep step = new PackerValidateStep("needs-vars.pkr.hcl");
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("size", 20);
        step.setVars(vars);
        FakeStepContext ctx = new FakeStepContext(ws, Map.of("PKR_VAR_name", "from-env"));
        assertThat(run(step, ctx)).isEmpty();

        FakeStepContext noEnv = new FakeStepContext(ws, Map.of());
        assertThatThrownBy(() -> run(step, noEnv)).isInstanceOf(AbortException.class)
                .hasMessageContaining("Unset variable \"name\"");
    }

    @Test
    void onlySelectsTheBuildsThatAreValidated() throws Exception {
        copyTemplate("invalid.pkr.hcl");
        PackerValidateStep step = new PackerValidateStep("invalid.pkr.hcl");
        step.setExcept("file.*");
        assertThatThrownBy(() -> run(step, new FakeStepContext(ws, Map.of())))
                .hasMessageContaining("Unsupported argument").hasMessageNotContaining("target required");
        step.setExcept(null);
        step.setOnly("file.b");
        assertThatThrownBy(() -> run(step, new FakeStepContext(ws, Map.of())))
                .hasMessageContaining("target required").hasMessageNotContaining("Unsupported argument");
    }

    @Test
    void syntaxOnlyChecksALegacyJsonTemplate() throws Exception {
        copyTemplate("legacy.json");
        PackerValidateStep step = new PackerValidateStep("legacy.json");
        step.setSyntaxOnly(true);
        FakeStepContext ctx = new FakeStepContext(ws, Map.of());
        assertThat(run(step, ctx)).isEmpty();
        assertThat(ctx.log()).isEqualTo("Syntax-only check passed. Everything looks okay.\n");
    }

    @Test
    void badArgumentsFailBeforeAnythingIsRead() {
        PackerValidateStep step = new PackerValidateStep("/outside.pkr.hcl");
        step.setVarFiles(List.of("/etc/passwd"));
        assertThatThrownBy(() -> run(step, new FakeStepContext(ws, Map.of())))
                .isInstanceOf(AbortException.class)
                .hasMessage("template must be relative to the workspace, but is the absolute path /outside.pkr.hcl\n"
                        + "each of varFiles must be relative to the workspace, but is the absolute path /etc/passwd");
    }

    @Test
    void aTemplateAboveTheWorkspaceIsRefusedOnTheAgent() {
        PackerValidateStep step = new PackerValidateStep("../outside.pkr.hcl");
        assertThatThrownBy(() -> run(step, new FakeStepContext(ws, Map.of())))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("template must stay inside the workspace, but ../outside.pkr.hcl leads to ");
    }

    @Test
    void theDescriptorNamesTheStepAndWhatItNeeds() {
        PackerValidateStep.DescriptorImpl d = new PackerValidateStep.DescriptorImpl();
        assertThat(d.getFunctionName()).isEqualTo("packerValidate");
        assertThat(d.getDisplayName()).isEqualTo("Validate a Packer template");
        Set<Object> context = Set.copyOf(d.getRequiredContext());
        assertThat(context).containsExactlyInAnyOrder(FilePath.class, TaskListener.class,
                EnvVars.class);
        assertThat(d.argumentsToString(Map.of("template", "aws.pkr.hcl", "vars", Map.of("password", "s3cr3t"))))
                .isEqualTo("aws.pkr.hcl");
    }
}
