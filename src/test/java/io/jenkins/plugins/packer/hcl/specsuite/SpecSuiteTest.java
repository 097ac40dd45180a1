package io.jenkins.plugins.packer.hcl.specsuite;

import io.jenkins.plugins.packer.SharedCorpus;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.hcl.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HCL's own language spec suite, run against our parser, evaluator and body decoding: each case's native-syntax input
 * must decode to the expected value and type, or produce exactly the expected diagnostics at the expected ranges.
 * Both copies of the suite run: v2.6.0, the HCL that packer 1.6.6 uses and so our reference, and HCL's current one.
 */
class SpecSuiteTest {

    private static final Path CORPUS = SharedCorpus.dir().resolve("hcl-specsuite");

    /** A copy of the suite: its tests directory and what we call it. */
    enum Suite {
        V2_6_0("v2.6.0/specsuite/tests"),
        HEAD("specsuite/tests");

        final Path dir;

        Suite(String dir) {
            this.dir = CORPUS.resolve(dir);
        }
    }

    /**
     * Where a case cannot pass, the exact problems it has and why: the test fails as soon as they change, so an entry
     * goes when its cause is fixed.
     */
    record KnownDifference(String why, List<String> problems) {}

    private static final String MOD_FRAC = "result.arithmetic.mod_frac: produced 0.8000000000000000002, want ";

    private static final Map<String, KnownDifference> KNOWN = Map.of(
            "V2_6_0 expressions/operators", new KnownDifference("v2.6.0's own hcldec rejects this spec file"
                    + " (type = any inside block_map); HCL fixed the file after v2.6.0 (commit 7887810)",
                    Stream.of("2:24#32", "12:26#273", "33:30#762", "43:29#966").map(at -> "in the case's own files:"
                            + " error at " + at + "-" + at + ": Invalid block_map spec; A block_map spec may not"
                            + " contain attributes with type 'any'.").toList()),
            "HEAD expressions/operators", new KnownDifference("11 % 5.1: cty after v1.4.0 computes the remainder in"
                    + " 512-bit binary floating point; we follow v1.4.0 (packer 1.6.6), which works at 64 bits",
                    List.of(MOD_FRAC + "0.8"
                    + "0".repeat(152) + "24")),
            "HEAD structure/blocks/single_unclosed", new KnownDifference("HCL 2.11 moved the error for an"
                    + " unclosed block from the end of the file to the opening brace; we follow v2.6.0",
                    List.of("unexpected diagnostic: error at 2:1#4-2:1#4: Argument or block definition required;"
                            + " An argument or block definition is required here.",
                            "missing expected error at 1:3#2-1:4#3")));

    /**
     * The summaries HCL v2.6.0 gives the diagnostics of the cases that expect some, in source order: the suite checks
     * only where a diagnostic points, and our messages should read as HCL's do.
     */
    private static final Map<String, List<String>> SUMMARIES = Map.of(
            "structure/attributes/singleline_bad", List.of("Unexpected comma after argument"),
            "structure/attributes/unexpected", List.of("Unsupported argument"),
            "structure/blocks/single_oneline_invalid", List.of("Invalid single-argument block definition",
                    "Invalid single-argument block definition", "Invalid single-argument block definition",
                    "Invalid single-argument block definition", "Argument definition required"),
            "structure/blocks/single_unclosed", List.of("Argument or block definition required"));

    static Stream<Arguments> cases() {
        return Stream.of(Suite.values()).flatMap(s -> SpecSuiteRunner.caseNames(s.dir).stream()
                .map(name -> Arguments.of(s, name)));
    }

    @Test
    void eachSuiteHasItsFifteenCases() {
        List<String> expected = List.of("empty", "comments/hash_comment", "comments/multiline_comment",
                "comments/slash_comment", "expressions/heredoc", "expressions/operators",
                "expressions/primitive_literals", "structure/attributes/expected",
                "structure/attributes/singleline_bad", "structure/attributes/unexpected",
                "structure/blocks/single_empty_oneline", "structure/blocks/single_expected",
                "structure/blocks/single_oneline", "structure/blocks/single_oneline_invalid",
                "structure/blocks/single_unclosed");
        for (Suite s : Suite.values()) {
            assertThat(SpecSuiteRunner.caseNames(s.dir)).as("cases of %s under %s", s, s.dir)
                    .containsExactlyElementsOf(expected);
            assertThat(expected.stream().filter(name -> SpecSuiteRunner.jsonInput(s.dir, name) != null))
                    .as("cases with an input in HCL's JSON syntax, which we cannot parse yet").containsExactly("empty");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void caseHolds(Suite suite, String name) {
        SpecSuiteRunner.Outcome outcome = SpecSuiteRunner.run(suite.dir, name);
        KnownDifference known = KNOWN.get(suite + " " + name);
        if (known == null) {
            assertThat(outcome.problems()).isEmpty();
        } else {
            assertThat(outcome.problems()).as(known.why()).containsExactlyElementsOf(known.problems());
        }
        assertThat(outcome.diagnostics()).extracting(Diagnostic::summary)
                .containsExactlyElementsOf(SUMMARIES.getOrDefault(name, List.of()));
    }

    /**
     * v2.6.0's operators case with the spec file HCL fixed after it, which only narrows {@code any} to {@code bool}:
     * so that what packer 1.6.6 computes is still checked.
     */
    @Test
    void v2_6_0OperatorsWithTheFixedSpecFile() {
        assertThat(SpecSuiteRunner.run(Suite.V2_6_0.dir, "expressions/operators",
                Suite.HEAD.dir.resolve("expressions/operators.hcldec")).problems())
                .as("cty v1.4.0 multiplies and subtracts at 64-bit precision in its modulo").isEmpty();
    }
}
