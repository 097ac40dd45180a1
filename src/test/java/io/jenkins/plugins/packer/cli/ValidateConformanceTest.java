package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.component.ComponentSpecs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pkrj validate} (full, not {@code -syntax-only}) against packer 1.6.6 on HCL2 templates.
 *
 * <p>Handmade templates: each run alone in a scratch directory, as the oracle was made; exit code and every byte of
 * output compared. Deliberate differences are data (exit code, reason, our exact output) and must still differ
 * from packer; what is not done yet is listed and must still differ too.
 *
 * <p>Corpus rows: run where the oracle ran them; exit code and first error line compared. Rows whose verdict
 * depends on something we cannot or do not reproduce are checked for what they can say, by their reason.
 */
class ValidateConformanceTest {

    private static final Path CORPUS = CorpusFiles.root();
    private static final Path HANDMADE = CORPUS.resolve("handmade");
    private static final Path DIFFERENCES = Path.of("src/test/resources/validate-differences");

    /** Handmade templates we do not get right yet, so they must still differ from packer; none at present. */
    private static final Set<String> NOT_YET = Set.of();

    /**
     * Corpus rows where we differ from packer 1.6.6 on purpose (see docs/differences.md): path suffix, then why.
     * They must still differ in exit code or first error.
     */
    private static final Map<String, String> CORPUS_DIFFERENCES = withJsonDifferences(Map.of(
            "v1.6.6/command/test-fixtures/hcl/validation/map/definition.pkr.hcl", "a build without sources is an error, as in Packer 1.16",
            "command/test-fixtures/hcl/build_no_source.pkr.hcl", "a build without sources is an error, as in"
                    + " Packer 1.16",
            "hcl2template/testdata/variables/recursive_locals.pkr.hcl", "a cycle of locals is named as one",
            "command/test-fixtures/validate/circular_error.pkr.hcl", "every failing local is reported, as in"
                    + " Packer 1.16",
            "command/test-fixtures/hcl/empty_object/var.pkr.hcl", "a component's diagnostics come in source order;"
                    + " 1.6.6's follow Go's map order",
            "command/test-fixtures/hcl/nil-component-crash.pkr.hcl", "a bad provisioner timeout is an error; 1.6.6"
                    + " dropped the provisioner and went on",
            "command/test-fixtures/hcl/var-in-pp-name.pkr.hcl", "variables are allowed in post-processor"
                    + " meta-arguments, as in Packer 1.16",
            "command/test-fixtures/hcl/vars-in-build-block.pkr.hcl", "variables are allowed in build arguments, as in"
                    + " Packer 1.16",
            "command/test-fixtures/hcl2_upgrade/escaping/expected.pkr.hcl", "legacy_isotime exists since Packer"
                    + " 1.7.1",
            "build/post-processor_build_name_interpolation.pkr.hcl", "build.name is known in a post-processor's"
                    + " arguments, as in Packer 1.16"));

    /** Corpus rows we do not get right yet, so they must still differ: path suffix, then what is missing. */
    private static final Map<String, String> CORPUS_NOT_YET = Map.of();

    @TempDir
    Path scratch;

    static Stream<Arguments> handmade() throws IOException {
        return CorpusFiles.tsv(HANDMADE.resolve("ORACLE.tsv")).stream()
                .filter(r -> r[0].endsWith(".pkr.hcl") && !r[2].equals("-"))
                .map(r -> Arguments.of(r[0], Integer.parseInt(r[2])));
    }

    static Map<String, String[]> differences() throws IOException {
        Map<String, String[]> m = new HashMap<>();
        for (String[] r : CorpusFiles.tsv(DIFFERENCES.resolve("differences.tsv"))) {
            m.put(r[0], r);
        }
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handmade")
    void handmadeTemplatePrintsWhatPackerPrinted(String name, int rc) throws IOException {
        Files.copy(HANDMADE.resolve("templates").resolve(name), scratch.resolve(name));
        Run run = Run.pkrj(scratch, "", "validate", name);
        String expected = latin1(Files.readAllBytes(HANDMADE.resolve("oracle/" + name + ".validate.txt")));
        String out = latin1(run.bytes());
        String[] difference = differences().get(name);
        if (difference != null) {
            assertThat(out).as("deliberate difference: %s", difference[2])
                    .isEqualTo(latin1(Files.readAllBytes(DIFFERENCES.resolve(name + ".txt"))))
                    .isNotEqualTo(expected);
            assertThat(run.rc()).isEqualTo(Integer.parseInt(difference[1]));
            return;
        }
        if (NOT_YET.contains(name)) {
            assertThat(List.of(run.rc(), out)).as("%s now matches packer: remove it from NOT_YET", name)
                    .isNotEqualTo(List.of(rc, expected));
            return;
        }
        assertThat(out).isEqualTo(expected);
        assertThat(run.rc()).isEqualTo(rc);
    }

    // ---- corpus -------------------------------------------------------------------------------------------------

    /** Why a corpus row is not compared as it is, and what is checked instead. */
    enum Reason {
        /** Compared as is: exit code and first error line. */
        NONE,
        /** Uses a builder, provisioner or post-processor packer 1.6.6 does not know either: both must fail. */
        UNKNOWN_PLUGIN,
        /** Refers to files left out of the corpus: both must fail. */
        MISSING_FILE,
        /** Packer printed its diagnostics in a different order on re-runs: same exit code, first line among its. */
        UNSTABLE_ORDER,
        /**
         * Fails on 1.6.6 only for a version reason (a block, argument or function added later): we follow Packer
         * 1.16, so that reason must not be ours.
         */
        NEWER_PACKER,
        /** Packer 1.6.6 panicked: we must exit 1 with a diagnostic instead. */
        PACKER_PANIC,
        /** A deliberate difference (see CORPUS_DIFFERENCES): the outcome must differ from packer's. */
        DIFFERENCE,
        /** Not done yet (see CORPUS_NOT_YET): the outcome must still differ from packer's. */
        NOT_YET,
        /**
         * Uses a component packer 1.6.6 bundles but we do not ship: we must say so, naming it.
         */
        FOREIGN_COMPONENT
    }

    static Stream<Arguments> corpus() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String[] r : CorpusFiles.tsv(CORPUS.resolve("ORACLE.tsv"))) {
            if (!(r[1].equals("hcl2") || r[1].equals("hcl2-dir") || r[1].equals("json")) || r[7].equals("-")) {
                continue;
            }
            List<String> notes = Arrays.asList(r[5].split(","));
            Reason reason = Reason.NONE;
            if (CORPUS_DIFFERENCES.keySet().stream().anyMatch(r[0]::endsWith)) {
                reason = Reason.DIFFERENCE;
            } else if (CORPUS_NOT_YET.keySet().stream().anyMatch(r[0]::endsWith)) {
                reason = Reason.NOT_YET;
            } else if (notes.contains("newer-packer") || notes.contains("full:newer-packer")) {
                reason = Reason.NEWER_PACKER;
            } else if (notes.contains("full:unknown-plugin") || notes.contains("unknown-plugin")) {
                reason = Reason.UNKNOWN_PLUGIN;
            } else if (notes.contains("full:missing-file") || notes.contains("missing-file")) {
                reason = Reason.MISSING_FILE;
            } else if (notes.contains("full:unstable-order")) {
                reason = Reason.UNSTABLE_ORDER;
            } else if (r[7].equals("2")) {
                reason = Reason.PACKER_PANIC;
            } else if (r[1].equals("json") && foreignJsonType(CORPUS.resolve(r[0]))) {
                reason = Reason.FOREIGN_COMPONENT;
            }
            out.add(Arguments.of(r[0], reason, r[9], Integer.parseInt(r[7]), r[8]));
        }
        return out.stream();
    }

    private static final Pattern UNKNOWN_TYPE = Pattern.compile(
            "Error: Unknown (source|provisioner|post-processor) type \"?([^\"\\s]+)\"?");

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("corpus")
    void corpusRowExitsAsPackerDid(String path, Reason reason, String command, int oracleRc, String oracleFirst)
            throws IOException {
        // "cd DIR && packer validate -syntax-only ARGS", run without -syntax-only
        String[] parts = command.split(" && ", 2);
        Path dir = CORPUS.resolve(parts[0].substring(3));
        List<String> args = new ArrayList<>(Arrays.asList(parts[1].split(" ")));
        args.remove(0);
        args.remove("-syntax-only");
        Run run = Run.pkrj(dir, "", args.toArray(new String[0]));
        String first = firstErrorLine(run.out(), run.rc());
        Matcher unknown = UNKNOWN_TYPE.matcher(first);
        if (reason == Reason.NONE && unknown.find() && !shipped(unknown.group(1), unknown.group(2))
                && !oracleFirst.startsWith("Error: Unknown")) {
            reason = Reason.FOREIGN_COMPONENT;
        }
        String what = String.format("%s (packer 1.6.6: rc %d, %s)%n%s", command, oracleRc, oracleFirst, run.out());
        switch (reason) {
            case NONE -> {
                assertThat(run.rc()).as("rc of %s", what).isEqualTo(oracleRc);
                assertThat(first).as("first error of %s", what).isEqualTo(oracleFirst);
            }
            case UNKNOWN_PLUGIN, MISSING_FILE -> assertThat(run.rc()).as("rc of %s", what).isEqualTo(1);
            case UNSTABLE_ORDER -> {
                assertThat(run.rc()).as("rc of %s", what).isEqualTo(oracleRc);
                Path output = oracleOutput(path);
                assertThat(lines(latin1(Files.readAllBytes(output)))).as("first error of %s", what)
                        .contains(first.split(" \\| ")[0]);
            }
            case NEWER_PACKER -> {
                if (ValidateSyntaxConformanceTest.INVALID_IN_NEWER_PACKER_TOO.keySet().stream()
                        .anyMatch(path::endsWith)) {
                    assertThat(run.rc()).as("rc of %s, invalid for Packer 1.16 too", what).isEqualTo(oracleRc);
                } else {
                    assertThat(first).as("%s fails for the version reason packer 1.6.6 gave", what)
                            .isNotEqualTo(oracleFirst);
                }
            }
            case DIFFERENCE, NOT_YET -> assertThat(List.of(run.rc(), first)).as("%s: %s now matches packer", reason,
                    what).isNotEqualTo(List.of(oracleRc, oracleFirst));
            case PACKER_PANIC -> {
                assertThat(run.rc()).as("rc of %s", what).isEqualTo(1);
                assertThat(first).as("diagnostic of %s", what).startsWith("Error: ");
            }
            case FOREIGN_COMPONENT -> assertThat(run.rc()).as("rc of %s", what).isEqualTo(1);
        }
    }

    /**
     * Legacy JSON templates that differ on purpose: min_packer_version is checked against 1.16.0, and options newer
     * than 1.6.6 are known.
     */
    private static Map<String, String> withJsonDifferences(Map<String, String> hcl) {
        Map<String, String> all = new java.util.HashMap<>(hcl);
        for (String f : List.of("template.json", "validate_except.json")) {
            all.put("command/test-fixtures/validate/" + f, "min_packer_version is checked against 1.16.0 (docs/"
                    + "differences.md, item 2)");
        }
        all.put("example/instance-metadata/ubuntu-imdsv2-enabled.json", "amazon-ebs options newer than 1.6.6"
                + " (metadata_options, imds_support) are known, as in Packer 1.16's amazon plugin");
        return Map.copyOf(all);
    }

    private static final Pattern JSON_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");

    /** A legacy JSON template naming a component type we do not ship (of any kind). */
    private static boolean foreignJsonType(Path template) throws IOException {
        Matcher m = JSON_TYPE.matcher(Files.readString(template, StandardCharsets.ISO_8859_1));
        while (m.find()) {
            String type = m.group(1);
            if (!shipped("source", type) && !shipped("provisioner", type) && !shipped("post-processor", type)) {
                return true;
            }
        }
        return false;
    }

    private static boolean shipped(String kind, String type) {
        return switch (kind) {
            case "source" -> ComponentSpecs.builder(type) != null;
            case "provisioner" -> ComponentSpecs.provisioner(type) != null;
            default -> ComponentSpecs.postProcessor(type) != null;
        };
    }

    private static Path oracleOutput(String path) {
        Path dirOut = CORPUS.resolve("oracle-output/" + path + "/_dir.validate-full.txt");
        return Files.exists(dirOut) ? dirOut : CORPUS.resolve("oracle-output/" + path + ".validate-full.txt");
    }

    private static List<String> lines(String text) {
        return text.lines().map(l -> l.trim().replace('\t', ' ')).toList();
    }

    /**
     * The oracle's {@code first_error_line}: the first line holding "Error", trimmed, tabs as spaces; a heading
     * ending in ':' takes the next non-empty lines after " | " (three pieces at most) while the last piece still
     * ends in ':'; without such a line on failure, the first holding "error" in any case, else the first non-empty.
     */
    static String firstErrorLine(String out, int rc) {
        if (rc == 0) {
            return "";
        }
        List<String> lines = lines(out);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("Error")) {
                List<String> pieces = new ArrayList<>(List.of(lines.get(i)));
                for (int j = i + 1; j < lines.size() && pieces.size() < 3
                        && pieces.get(pieces.size() - 1).endsWith(":"); j++) {
                    if (!lines.get(j).isEmpty()) {
                        pieces.add(lines.get(j));
                    }
                }
                return String.join(" | ", pieces);
            }
        }
        return lines.stream().filter(l -> l.toLowerCase(java.util.Locale.ROOT).contains("error")).findFirst()
                .orElse(lines.stream().filter(l -> !l.isEmpty()).findFirst().orElse(""));
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
