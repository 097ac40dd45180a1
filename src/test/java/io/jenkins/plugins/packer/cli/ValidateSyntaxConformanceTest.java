package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pkrj validate -syntax-only} exits as packer 1.6.6 did on every HCL2 row of the corpus, run the same way (same
 * directory, same arguments). Rows that failed on 1.6.6 only because the template uses something newer
 * ({@code note=newer-packer}) must pass: we follow Packer 1.16 there.
 */
class ValidateSyntaxConformanceTest {

    private static final Path CORPUS = CorpusFiles.root();
    private static final Set<String> KINDS = Set.of("hcl2", "hcl2-dir", "pkrvars", "hcl2-json", "json",
            "json-vars");

    /**
     * Rows noted newer-packer that are invalid for Packer 1.16 too, by the file's own content (each checked by hand):
     * path suffix, then why.
     */
    static final java.util.Map<String, String> INVALID_IN_NEWER_PACKER_TOO = java.util.Map.of(
            "command/test-fixtures/version_req/base_failure/version.pkr.hcl", "required_version >= 700000.0.0",
            "command/test-fixtures/validate", "invalid_packer_block.pkr.hcl sets `version` in the packer block",
            "datasource/http/test-fixtures", "two files define the same locals",
            "hcl2template/testdata/build", "invalid_build_name_variable.pkr.hcl: `type = int`",
            "hcl2template/testdata/datasources", "unnamed.pkr.hcl and untyped.pkr.hcl lack data block labels",
            "hcl2template/testdata/datasources/unnamed.pkr.hcl", "a data block without its name label",
            "hcl2template/testdata/datasources/untyped.pkr.hcl", "a data block without labels",
            "hcl2template/testdata/datasources/duplicate.pkr.hcl", "the same data block twice",
            "hcl2template/testdata/variables", "duplicate_variables.pkr.hcl declares variables twice",
            "hcl2template/testdata/variables/duplicate_locals", "the same local in two files");

    /**
     * Handmade rows whose verdict changes under Packer 1.16, with the exit code it gives and why (the handmade
     * oracle carries no newer-packer notes).
     */
    private static final java.util.Map<String, Integer> HANDMADE_NEWER = java.util.Map.of(
            "val-data-block.pkr.hcl", 0, // data blocks exist since 1.7
            "val-packer-required-plugins.pkr.hcl", 0, // required_plugins exists since 1.7
            "val-required-version-fail.pkr.hcl", 0, // ">= 1.7.0" holds for 1.16
            "var-type-any.pkr.hcl", 0, // `type = any`, rejected by a 1.6.6 bug
            "val-dup-local.pkr.hcl", 1); // 1.16 reports a local defined twice while reading the files

    static Stream<Arguments> rows() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String oracle : List.of("ORACLE.tsv", "ORACLE-compat.tsv")) {
            for (String[] r : CorpusFiles.tsv(CORPUS.resolve(oracle))) {
                if (!KINDS.contains(r[1]) || r[3].equals("-")) {
                    continue;
                }
                boolean newer = Arrays.asList(r[5].split(",")).contains("newer-packer");
                Path dirOut = CORPUS.resolve("oracle-output/" + r[0] + "/_dir.validate-syntax.txt");
                Path expectedOut = Files.exists(dirOut) ? dirOut
                        : CORPUS.resolve("oracle-output/" + r[0] + ".validate-syntax.txt");
                out.add(Arguments.of(r[0], r[9], Integer.parseInt(r[3]), newer, r[4], expectedOut));
            }
        }
        for (String[] r : CorpusFiles.tsv(CORPUS.resolve("handmade/ORACLE.tsv"))) {
            if (!r[3].equals("-")) {
                int rc = HANDMADE_NEWER.getOrDefault(r[0], Integer.parseInt(r[3]));
                out.add(Arguments.of("handmade/templates/" + r[0], "cd handmade/templates && packer validate"
                        + " -syntax-only " + r[0], rc, HANDMADE_NEWER.containsKey(r[0]), "",
                        CORPUS.resolve("handmade/oracle/" + r[0] + ".validate-syntax.txt")));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void exitsAsPackerDid(String path, String command, int oracleRc, boolean newerFeature, String firstError,
                          Path expectedOutput) throws IOException {
        // "cd DIR && packer validate -syntax-only ARGS"
        String[] parts = command.split(" && ", 2);
        Path dir = CORPUS.resolve(parts[0].substring(3));
        List<String> args = new ArrayList<>(Arrays.asList(parts[1].split(" ")));
        args.remove(0);
        Run run = Run.pkrj(dir, "", args.toArray(new String[0]));
        boolean stillInvalid = INVALID_IN_NEWER_PACKER_TOO.keySet().stream().anyMatch(path::endsWith);
        int expected = newerFeature && !stillInvalid ? 0 : oracleRc;
        if (path.startsWith("handmade/")) {
            expected = oracleRc;
        }
        assertThat(run.rc()).as("rc of %s (packer 1.6.6: rc %d, %s)%n%s", command, oracleRc, firstError, run.out())
                .isEqualTo(expected);
        if (!newerFeature && Files.exists(expectedOutput)) {
            assertThat(new String(run.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)).as("output of %s", command)
                    .isEqualTo(new String(Files.readAllBytes(expectedOutput), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }
}
