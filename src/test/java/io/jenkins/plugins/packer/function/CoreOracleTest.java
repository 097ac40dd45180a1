package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.SharedCorpus;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fn-* case of the handmade corpus for the numeric, string, collection and encoding functions, called directly
 * and compared with packer 1.6.6's console output, except where we differ on purpose (listed with the reason).
 */
class CoreOracleTest {

    private static final Path DIR = SharedCorpus.dir().resolve("handmade/expressions");

    private static final Set<String> OURS = Set.of("abs", "ceil", "floor", "log", "max", "min", "parseint", "pow",
            "signum", "chomp", "format", "formatlist", "indent", "join", "lower", "upper", "replace", "regex_replace",
            "split", "strrev", "substr", "title", "trim", "trimprefix", "trimsuffix", "trimspace", "chunklist",
            "coalesce", "coalescelist", "compact", "concat", "contains", "distinct", "element", "flatten", "index",
            "keys", "length", "lookup", "merge", "range", "reverse", "setintersection", "setproduct", "setunion",
            "slice", "sort", "values", "zipmap", "base64decode", "base64encode", "csvdecode", "jsondecode",
            "jsonencode", "urlencode", "yamldecode", "yamlencode", "convert");

    /** Cases where we deliberately differ from packer 1.6.6: our output and why. */
    private static final Map<String, String> DEVIATIONS = Map.ofEntries(
            // 1.6.6 went through int64 and overflowed; later cty (Packer 1.16) works on the exact number.
            Map.entry("fn-ceil-06", "1e+30"),
            // Packer 1.7.4 (#11008) fixed index to return the position of a value, as documented.
            Map.entry("fn-index-01", "1"),
            Map.entry("fn-index-02", "2"),
            Map.entry("fn-index-03", "Error in function call | Call to function \"index\" failed: item not found."),
            Map.entry("fn-index-04", "Error in function call | Call to function \"index\" failed: cannot search an empty list."),
            Map.entry("fn-index-05", "Error in function call | Call to function \"index\" failed: argument must be a list or tuple."),
            Map.entry("fn-index-06", "2"),
            Map.entry("fn-index-07", "Error in function call | Call to function \"index\" failed: item not found."),
            Map.entry("fn-index-08", "Error in function call | Call to function \"index\" failed: argument must be a list or tuple."),
            Map.entry("fn-index-09", "Error in function call | Call to function \"index\" failed: argument must be a list or tuple."),
            Map.entry("fn-index-10", "2"));

    /** Cases decided before a function runs: the type expression is decoded by the evaluator. */
    private static final Set<String> EVALUATOR_ONLY = Set.of("fn-convert-06");

    static Stream<Arguments> cases() throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve("cases.tsv"), StandardCharsets.UTF_8);
        return lines.stream().skip(1).map(l -> l.split("\t", -1))
                .filter(f -> f[0].startsWith("fn-"))
                .filter(f -> OURS.contains(f[0].substring(3, f[0].lastIndexOf('-'))))
                .filter(f -> !EVALUATOR_ONLY.contains(f[0]))
                .map(f -> Arguments.of(f[0], f[1]));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void matchesPacker(String id, String expression) throws IOException {
        String expected = DEVIATIONS.getOrDefault(id,
                CoreCalls.oracleText(Files.readString(DIR.resolve("out/" + id + ".txt"), StandardCharsets.UTF_8)));
        assertThat(CoreCalls.run(CoreLiterals.parseCall(expression))).isEqualTo(expected);
    }
}
