package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code validate -machine-readable} and {@code inspect -machine-readable} (the flag anywhere on the command line, as
 * packer takes it) beside the real packer 1.6.6: the same lines, times aside.
 */
@Tag("differential")
class ValidateMachineReadableTest {

    @TempDir
    Path dir;

    /** {@code inspect -machine-readable}: JSON templates (with their template-* facts) and HCL2 ones. */
    @ParameterizedTest
    @ValueSource(strings = {"json-sensitive-vars.json", "json-pp-chain-valid.json", "json-required-var.json",
        "json-dup-builder-name.json", "json-override.json", "json-valid-null.json"})
    void inspectPrintsPackersLines(String template) throws Exception {
        Path packer = BuildRuns.findPacker();
        Path src = CorpusFiles.root().resolve("handmade/templates");
        BuildRuns runs = new BuildRuns(packer, dir);
        List<String> args = List.of("inspect", "-machine-readable", template);
        Path theirs = Files.createDirectories(dir.resolve("packer-" + template));
        Path ours = Files.createDirectories(dir.resolve("pkrj-" + template));
        Files.copy(src.resolve(template), theirs.resolve(template));
        Files.copy(src.resolve(template), ours.resolve(template));
        BuildRuns.Outcome p = runs.packer(theirs, args);
        BuildRuns.Outcome j = runs.pkrj(ours, args);
        assertThat(j.out()).as(template).isEqualTo(p.out());
        assertThat(j.rc()).as("rc of %s", template).isEqualTo(p.rc());
    }

    @ParameterizedTest
    @ValueSource(strings = {"null-shell-local-manifest/template.pkr.hcl", "plan-error-other-build-runs/template.pkr.hcl"})
    void inspectPrintsPackersLinesForHcl2(String template) throws Exception {
        Path packer = BuildRuns.findPacker();
        Path src = Path.of("src/test/resources/build-cases").resolve(template);
        BuildRuns runs = new BuildRuns(packer, dir);
        List<String> args = List.of("-machine-readable", "inspect", src.getFileName().toString());
        Path theirs = BuildRuns.copy(src.getParent(), dir.resolve("packer-" + template.hashCode()));
        Path ours = BuildRuns.copy(src.getParent(), dir.resolve("pkrj-" + template.hashCode()));
        BuildRuns.Outcome p = runs.packer(theirs, args);
        BuildRuns.Outcome j = runs.pkrj(ours, args);
        assertThat(j.out()).as(template).isEqualTo(p.out());
        assertThat(j.rc()).isEqualTo(p.rc());
    }

    @ParameterizedTest
    @ValueSource(strings = {"json-prepare-errors/template.json", "json-variables-and-chains/template.json",
        "plan-error-other-build-runs/template.pkr.hcl", "null-shell-local-manifest/template.pkr.hcl"})
    void sameLinesAsPacker(String template) throws Exception {
        Path packer = BuildRuns.findPacker();
        Path src = Path.of("src/test/resources/build-cases").resolve(template);
        String name = src.getFileName().toString();
        BuildRuns runs = new BuildRuns(packer, dir);
        for (List<String> args : List.of(List.of("-machine-readable", "validate", name),
                List.of("validate", "-syntax-only", name, "-machine-readable"))) {
            Path theirs = BuildRuns.copy(src.getParent(), dir.resolve("packer-" + args.size() + template.hashCode()));
            Path ours = BuildRuns.copy(src.getParent(), dir.resolve("pkrj-" + args.size() + template.hashCode()));
            BuildRuns.Outcome p = runs.packer(theirs, args);
            BuildRuns.Outcome j = runs.pkrj(ours, args);
            assertThat(j.out()).as("%s %s", args, template).isEqualTo(p.out());
            assertThat(j.rc()).as("rc of %s %s", args, template).isEqualTo(p.rc());
            assertThat(Files.exists(ours)).isTrue();
        }
    }
}
