package io.jenkins.plugins.packer.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.value.Value;
import org.junit.jupiter.api.Test;

/**
 * Inputs that would make a function run without end or without bound, or fail inside (packer panics), which a
 * template from any branch may hold: each ends with a clear error instead (docs/differences.md).
 */
class RunawayInputTest {

    private static Value str(String s) {
        return Value.string(s);
    }

    @Test
    void aRegexThatBacktracksWithoutEndGivesUp() {
        String out = ExtOracle.actual("regex", str("(.*a){8}b"), str("a".repeat(60)));

        assertThat(out).startsWith("Error: Error in function call")
                .contains("the regular expression takes too long to match a text of 60 characters");
        assertThat(ExtOracle.actual("regexall", str("(.*a){8}b"), str("a".repeat(60))))
                .contains("takes too long");
        assertThat(ExtOracle.actual("regex_replace", str("a".repeat(60)), str("(.*a){8}b"), str("x")))
                .contains("takes too long");
    }

    @Test
    void anOrdinaryRegexOnALongTextStillMatches() {
        String text = "x".repeat(200_000) + "needle-42";

        assertThat(ExtOracle.actual("regex", str("needle-([0-9]+)"), str(text))).contains("\"42\"");
    }

    @Test
    void aYamlAliasBombIsRefused() {
        StringBuilder doc = new StringBuilder("a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n");
        String previous = "a";
        for (String name : new String[] {"b", "c", "d", "e", "f", "g", "h", "i"}) {
            doc.append(name).append(": &").append(name).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, "*" + previous))).append("]\n");
            previous = name;
        }

        String out = ExtOracle.actual("yamldecode", str(doc.toString()));

        assertThat(out).contains("document contains excessive aliasing");
        assertThat(ExtOracle.actual("yamldecode", str("a: &a [1, 2]\nb: *a\n"))).contains("b").contains("2");
    }

    @Test
    void mergeChecksEveryArgumentEvenAfterANull() {
        assertThat(ExtOracle.actual("merge", Value.DYNAMIC_NULL, str("x")))
                .contains("arguments must be maps or objects, got \"string\"");
    }

    @Test
    void aFormatWidthPastWhatGoAcceptsIsAnErrorAndNotAGigabyteString() {
        assertThat(ExtOracle.actual("format", str("%0999999999d"), Value.number(1)))
                .contains("a width or precision of more than a million characters");
        assertThat(ExtOracle.actual("format", str("%.99999999f"), Value.number(1)))
                .contains("a width or precision of more than a million characters");
        assertThat(ExtOracle.actual("format", str("%01000001d"), Value.number(1)))
                .as("what Go still accepts is formatted as packer does").hasSize(1_000_002).startsWith("0000");
    }

    @Test
    void aSetproductOfMoreThanTenMillionElementsIsRefusedBeforeItIsMade() {
        Value range1024 = Value.list(java.util.stream.IntStream.range(0, 1024).mapToObj(i -> Value.number((long) i)).toList());

        assertThat(ExtOracle.actual("setproduct", range1024, range1024, range1024))
                .startsWith("Error: Error in function call")
                .contains("the product would have more than 10000000 elements: use fewer or smaller sets");
    }
}
