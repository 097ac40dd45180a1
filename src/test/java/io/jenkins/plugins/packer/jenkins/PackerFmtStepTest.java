package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code packerFmt} driven through its execution, with a test double of the step context. */
class PackerFmtStepTest {

    private static final String CANONICAL = """
            source "null" "a" {
              communicator = "none"
            }
            """;

    @TempDir
    Path ws;

    @BeforeEach
    void writeFiles() throws Exception {
        Files.createDirectories(ws.resolve("packer/sub"));
        Files.copy(Templates.path("unformatted.pkr.hcl"), ws.resolve("packer/a.pkr.hcl"));
        Files.copy(Templates.path("unformatted.pkr.hcl"), ws.resolve("packer/sub/b.pkr.hcl"));
        Files.copy(Templates.path("valid.pkr.hcl"), ws.resolve("packer/valid.pkr.hcl"));
    }

    private Object run(PackerFmtStep step, FakeStepContext ctx) throws Exception {
        return ((PackerFmtStep.Execution) step.start(ctx)).run();
    }

    private static PackerFmtStep fmt(String path, boolean check, boolean recursive) {
        PackerFmtStep step = new PackerFmtStep();
        step.setPath(path);
        step.setCheck(check);
        step.setRecursive(recursive);
        return step;
    }

    @Test
    void rewritesTheFilesNotInCanonicalFormatAndReturnsThem() throws Exception {
        FakeStepContext ctx = new FakeStepContext(ws, Map.of());
        assertThat(run(fmt("packer", false, true), ctx)).isEqualTo(
                java.util.List.of("packer/a.pkr.hcl", "packer/sub/b.pkr.hcl"));
        assertThat(ws.resolve("packer/a.pkr.hcl")).hasContent(CANONICAL);
        assertThat(ws.resolve("packer/sub/b.pkr.hcl")).hasContent(CANONICAL);
        assertThat(ctx.log()).isEqualTo("Formatted packer/a.pkr.hcl\nFormatted packer/sub/b.pkr.hcl\n");
    }

    @Test
    void withoutRecursiveSubdirectoriesAreLeftAlone() throws Exception {
        assertThat(run(fmt("packer", false, false), new FakeStepContext(ws, Map.of())))
                .isEqualTo(java.util.List.of("packer/a.pkr.hcl"));
        assertThat(Files.readString(ws.resolve("packer/sub/b.pkr.hcl"))).isNotEqualTo(CANONICAL);
    }

    @Test
    void checkFailsListingTheFilesAndChangesNothing() throws Exception {
        String before = Files.readString(ws.resolve("packer/a.pkr.hcl"));
        FakeStepContext ctx = new FakeStepContext(ws, Map.of());
        assertThatThrownBy(() -> run(fmt("packer", true, true), ctx)).isInstanceOf(AbortException.class)
                .hasMessage("2 files are not in canonical format (run packerFmt without check, or pkrj fmt, to"
                        + " rewrite them):\n  packer/a.pkr.hcl\n  packer/sub/b.pkr.hcl");
        assertThat(ws.resolve("packer/a.pkr.hcl")).hasContent(before);
        assertThat(ctx.log()).isEmpty();
    }

    @Test
    void checkPassesOnCanonicalFiles() throws Exception {
        FakeStepContext ctx = new FakeStepContext(ws, Map.of());
        assertThat(run(fmt("packer/valid.pkr.hcl", true, false), ctx)).isEqualTo(java.util.List.of());
        assertThat(ctx.log()).isEqualTo("All Packer files under packer/valid.pkr.hcl are in canonical format.\n");
    }

    @Test
    void theWorkspaceIsTheDefaultPath() throws Exception {
        Files.copy(Templates.path("unformatted.pkr.hcl"), ws.resolve("top.pkr.hcl"));
        assertThat(run(new PackerFmtStep(), new FakeStepContext(ws, Map.of())))
                .isEqualTo(java.util.List.of("top.pkr.hcl"));
    }

    @Test
    void aFileThatDoesNotParseFailsTheStepWithPackersMessage() throws Exception {
        Files.writeString(ws.resolve("packer/broken.pkr.hcl"), "source {\n");
        assertThatThrownBy(() -> run(fmt("packer", false, false), new FakeStepContext(ws, Map.of())))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("Error: encountered an error while formatting packer/broken.pkr.hcl");
    }

    @Test
    void aPathOutsideTheWorkspaceIsRefused() {
        assertThatThrownBy(() -> run(fmt("../elsewhere", false, false), new FakeStepContext(ws, Map.of())))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("Error: path must stay inside the workspace, but ../elsewhere leads to ");
    }

    @Test
    void theDescriptorNamesTheStepAndWhatItNeeds() {
        PackerFmtStep.DescriptorImpl d = new PackerFmtStep.DescriptorImpl();
        assertThat(d.getFunctionName()).isEqualTo("packerFmt");
        assertThat(d.getDisplayName()).isEqualTo("Format Packer templates");
        Set<Object> context = Set.copyOf(d.getRequiredContext());
        assertThat(context).containsExactlyInAnyOrder(FilePath.class, TaskListener.class);
        assertThat(d.argumentsToString(Map.of("path", "packer", "check", true))).isEqualTo("packer");
        assertThat(d.argumentsToString(Map.of("check", true))).isNull();
    }
}
