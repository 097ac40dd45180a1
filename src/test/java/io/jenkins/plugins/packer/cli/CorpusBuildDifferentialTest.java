package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Builds every HCL2 and legacy JSON template of the corpus (real templates and Packer's own fixtures) that uses only
 * components
 * {@code pkrj build} runs today (builders {@code null} with communicator {@code none} and {@code file}; provisioners
 * {@code shell-local} and {@code breakpoint}; post-processors {@code manifest}, {@code checksum}, {@code artifice},
 * {@code shell-local} and {@code compress}) with the real packer 1.6.6 and with pkrj, in a copy of the template's
 * folder each, and compares exit codes, console output and the files left behind, as {@link BuildDifferentialTest};
 * and so every handmade template whose oracle row has a build exit code.
 *
 * <p>Templates where pkrj differs on purpose are listed in {@link #KNOWN} under their reason (docs/differences.md);
 * such a case must still differ, so that the list cannot go stale.
 */
@Tag("differential")
class CorpusBuildDifferentialTest {

    private static final Path CORPUS = CorpusFiles.root();

    private static final Pattern BLOCK = Pattern.compile(
            "(?m)^\\s*(source|provisioner|post-processor|error-cleanup-provisioner)\\s+\"([^\"]+)\"");
    private static final Pattern JSON_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");
    private static final Map<String, Set<String>> RUNNABLE = Map.of(
            "source", Set.of("null", "file"),
            "provisioner", Set.of("shell-local", "breakpoint"),
            "error-cleanup-provisioner", Set.of("shell-local", "breakpoint"),
            "post-processor", Set.of("manifest", "checksum", "artifice", "shell-local", "compress"));

    private static final String NEWER = "deliberate (docs/differences.md, category 1): Packer 1.7+ syntax (data"
            + " sources, local blocks, error-cleanup-provisioner, newer functions) that pkrj runs as Packer 1.16 does;"
            + " 1.6.6 rejects it";
    private static final Map<String, String> KNOWN = known(NEWER,
            "packer-testdata/v1.9.5/command/test-fixtures/hcl/data-source-validation.pkr.hcl",
            "packer-testdata/v1.9.5/command/test-fixtures/hcl/datasource.pkr.hcl",
            "packer-testdata/v1.9.5/command/test-fixtures/hcl2_upgrade/complete-variables-with-template-engine/expected.pkr.hcl",
            "packer-testdata/v1.9.5/command/test-fixtures/hcl2_upgrade/error-cleanup-provisioner/expected.pkr.hcl",
            "packer-testdata/v1.9.5/command/test-fixtures/hcl2_upgrade/escaping/expected.pkr.hcl",
            "packer-testdata/v1.9.5/command/test-fixtures/validate/datasource.pkr.hcl",
            "packer-testdata/v1.9.5/datasource/hcp-packer-iteration/test-fixtures/template.pkr.hcl",
            "packer-testdata/v1.9.5/datasource/http/test-fixtures/404_url.pkr.hcl",
            "packer-testdata/v1.9.5/datasource/http/test-fixtures/basic.pkr.hcl",
            "packer-testdata/v1.9.5/datasource/http/test-fixtures/empty_url.pkr.hcl",
            "packer-testdata/v1.9.5/hcl2template/testdata/datasources/basic.pkr.hcl",
            "packer-testdata/v1.9.5/hcl2template/testdata/datasources/recursive.pkr.hcl",
            "packer-testdata/v1.9.5/hcl2template/testdata/variables/basic.pkr.hcl",
            "templates/hashicorp__packer-plugin-amazon/datasource/parameterstore/test-fixtures/template.pkr.hcl",
            "templates/hashicorp__packer-plugin-amazon/datasource/secretsmanager/test-fixtures/template.pkr.hcl",
            "templates/hashicorp__packer-plugin-azure/datasource/keyvaultsecret/test-fixtures/template.pkr.hcl");

    static {
        KNOWN.putAll(known("deliberate (docs/differences.md, item 15): the unknown-source detail of 1.6.6 prints Go"
                        + " memory addresses and no position",
                "packer-testdata/v1.6.6/command/test-fixtures/validate-invalid/missing_build_block.pkr.hcl",
                "packer-testdata/v1.9.5/command/test-fixtures/validate-invalid/missing_build_block.pkr.hcl"));
        KNOWN.putAll(known("deliberate (docs/differences.md, items 19 and 21): build.name and variables in build"
                        + " names and post-processors, and build.* in post-processors, as Packer 1.16",
                "packer-testdata/v1.9.5/command/test-fixtures/hcl/build-var-in-pp.pkr.hcl",
                "packer-testdata/v1.9.5/command/test-fixtures/hcl/var-in-pp-name.pkr.hcl",
                "packer-testdata/v1.9.5/command/test-fixtures/hcl/vars-in-build-block.pkr.hcl"));
        KNOWN.putAll(known("deliberate (docs/differences.md, category 2 and item 18): packer 1.6.6 crashes on a"
                        + " pause_before without a unit",
                "packer-testdata/v1.9.5/command/test-fixtures/hcl/validation/wrong_pause_before.pkr.hcl"));
        KNOWN.putAll(known("deliberate (docs/differences.md, item 23): the manifest post-processor creates its"
                        + " output's folder, where 1.6.6 fails",
                "handmade/templates/run-manifest-missing-dir.pkr.hcl"));
        KNOWN.putAll(known("deliberate (docs/differences.md, item 2): the version min_packer_version is checked"
                        + " against, and says it uses, is 1.16.0",
                "packer-testdata/v1.6.6/command/test-fixtures/validate/template.json",
                "packer-testdata/v1.6.6/command/test-fixtures/validate/validate_except.json",
                "packer-testdata/v1.9.5/command/test-fixtures/validate/template.json",
                "packer-testdata/v1.9.5/command/test-fixtures/validate/validate_except.json"));
        KNOWN.putAll(known("not yet (issue 3): with several locals that cannot be evaluated, packer 1.6.6 reports"
                        + " one of them and pkrj reports each",
                "templates/gusztavvargadr__packer/src/ubuntu/source.core.pkr.hcl",
                "templates/gusztavvargadr__packer/src/windows/source.core.pkr.hcl"));
    }

    private static Map<String, String> known(String reason, String... paths) {
        Map<String, String> m = new java.util.HashMap<>();
        for (String p : paths) {
            m.put(p, reason);
        }
        return m;
    }

    private static Path packer;

    @TempDir
    static Path scratch;

    @BeforeAll
    static void findPacker() {
        packer = BuildRuns.findPacker();
    }

    /** The corpus's HCL2 templates whose every source, provisioner and post-processor pkrj can run. */
    static Stream<String> templates() throws IOException {
        List<String> out = new ArrayList<>();
        Set<String> runnableTypes = new java.util.HashSet<>();
        RUNNABLE.values().forEach(runnableTypes::addAll);
        for (String[] row : CorpusFiles.tsv(CORPUS.resolve("ORACLE.tsv"))) {
            if (row[1].equals("json")) {
                String text = Files.readString(CORPUS.resolve(row[0]));
                Matcher types = JSON_TYPE.matcher(text);
                boolean any = false;
                boolean runnable = true;
                while (types.find()) {
                    any = true;
                    runnable &= runnableTypes.contains(types.group(1));
                }
                boolean local = !text.contains("\"null\"") || text.contains("\"communicator\": \"none\"");
                if (any && runnable && local) {
                    out.add(row[0]);
                }
                continue;
            }
            if (!row[0].endsWith(".pkr.hcl")) {
                continue;
            }
            String text = Files.readString(CORPUS.resolve(row[0]));
            Matcher m = BLOCK.matcher(text);
            boolean any = false;
            boolean runnable = true;
            boolean nullSource = false;
            while (m.find()) {
                any |= m.group(1).equals("source");
                nullSource |= m.group(1).equals("source") && m.group(2).equals("null");
                runnable &= RUNNABLE.get(m.group(1)).contains(m.group(2));
            }
            boolean localOnly = !nullSource || Pattern.compile("communicator\\s*=\\s*\"none\"").matcher(text).find();
            if (any && runnable && localOnly) {
                out.add(row[0]);
            }
        }
        // The handmade templates packer 1.6.6 built (those with a build exit code in their oracle).
        for (String[] row : CorpusFiles.tsv(CORPUS.resolve("handmade/ORACLE.tsv"))) {
            if (row.length > 5 && !row[5].equals("-") && !row[0].equals("file")) {
                out.add("handmade/templates/" + row[0]);
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void sameAsPacker(String path) throws Exception {
        Path template = CORPUS.resolve(path);
        String key = path.replaceAll("[^A-Za-z0-9._-]", "_");
        Path theirsDir = BuildRuns.copy(template.getParent(), scratch.resolve("packer").resolve(key));
        Path oursDir = BuildRuns.copy(template.getParent(), scratch.resolve("pkrj").resolve(key));
        List<String> args = List.of("build", "-color=false", "-parallel-builds=1",
                template.getFileName().toString());
        BuildRuns runs = new BuildRuns(packer, scratch);
        BuildRuns.Outcome theirs = runs.packer(theirsDir, args);
        BuildRuns.Outcome ours = runs.pkrj(oursDir, args);
        String reason = KNOWN.get(path);
        if (reason != null) {
            assertThat(ours).as("listed as differing (%s) but now equal: remove it from KNOWN", reason)
                    .isNotEqualTo(theirs);
            return;
        }
        assertThat(ours.out()).as("console output of pkrj build %s", path).isEqualTo(theirs.out());
        assertThat(ours.rc()).as("exit code of pkrj build %s", path).isEqualTo(theirs.rc());
        assertThat(BuildRuns.fileDifferences(ours.files(), theirs.files())).as("files left by pkrj build %s", path)
                .isEmpty();
    }
}
