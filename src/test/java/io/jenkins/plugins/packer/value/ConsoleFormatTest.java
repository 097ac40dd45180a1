package io.jenkins.plugins.packer.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleFormatTest {

    private static Value str(String s) {
        return Value.string(s);
    }

    private static void assertPrintsLike(Value v, String id) {
        assertThat(ConsoleFormat.format(v)).isEqualTo(Corpus.output(id));
    }

    @Test
    void aSensitiveEmptyStringOrNullPrintsAsItIs() {
        // Packer masks a secret's text in what it prints: an empty or null one has none to mask.
        assertThat(ConsoleFormat.format(str("").mark(Mark.SENSITIVE))).isEmpty();
        assertThat(ConsoleFormat.format(Value.nullOf(Type.STRING).mark(Mark.SENSITIVE))).isEqualTo("null");
        assertThat(ConsoleFormat.format(str("s3cr3t").mark(Mark.SENSITIVE))).isEqualTo("<sensitive>");
    }

    @Test
    void topLevelStringIsRaw() {
        assertPrintsLike(str("packer"), "refs-01");
        assertPrintsLike(str("日本語"), "unicode-01");
    }

    @Test
    void multiLineStringIsPrintedAsIs() {
        assertPrintsLike(str("first packer\n  second\n"), "refs-23");
    }

    @Test
    void listOfStringsIsQuotedOnePerLine() {
        assertPrintsLike(Value.list(List.of(str("web"), str("db"), str("cache"))), "refs-04");
    }

    @Test
    void mapEntriesAreSortedAndAssigned() {
        assertPrintsLike(Value.map(Map.of("team", str("core"), "env", str("dev"))), "refs-05");
    }

    @Test
    void nestedStructuresIndentByTwoSpaces() {
        Value server = Value.object(Map.of("name", str("alpha"), "port", Value.number(8080),
                "tags", Value.list(List.of(str("a"), str("b")))));
        assertPrintsLike(server, "refs-06");
    }

    @Test
    void listOfObjectsInsideObjects() {
        Value items = Value.list(List.of(
                Value.object(Map.of("id", Value.number(1), "label", str("one"))),
                Value.object(Map.of("id", Value.number(2), "label", str("two")))));
        Value nested = Value.object(Map.of("level1", Value.object(Map.of("items", items))));
        assertPrintsLike(nested, "refs-07");
    }

    @Test
    void tupleMixesKinds() {
        assertPrintsLike(Value.tuple(List.of(str("x"), Value.number(1), Value.TRUE)), "refs-17");
    }

    @Test
    void nullPrintsAsNull() {
        assertPrintsLike(Value.DYNAMIC_NULL, "null-01");
        assertPrintsLike(Value.tuple(List.of(Value.DYNAMIC_NULL)), "null-05");
    }

    @Test
    void nullAttributesAreLeftOut() {
        assertPrintsLike(Value.object(Map.of("a", Value.DYNAMIC_NULL)), "null-06");
    }

    @Test
    void emptyCollectionsAreBrackets() {
        assertPrintsLike(Value.EMPTY_TUPLE, "refs-35");
        assertPrintsLike(Value.EMPTY_OBJECT, "refs-36");
    }

    @Test
    void unknownPrintsAsUnknown() {
        assertPrintsLike(Value.unknown(Type.STRING), "refs-29");
    }

    @Test
    void collectionHoldingAnUnknownPrintsAsUnknown() {
        assertThat(ConsoleFormat.format(Value.tuple(List.of(Value.TRUE, Value.DYNAMIC_UNKNOWN)))).isEqualTo("<unknown>");
    }

    @Test
    void sensitiveValuePrintsMasked() {
        assertPrintsLike(str("s3cr3t-value").mark(Mark.SENSITIVE), "refs-08");
    }

    @Test
    void sensitiveElementIsMaskedInPlace() {
        Value l = Value.list(List.of(str("s3cr3t").mark(Mark.SENSITIVE), str("open")));
        assertThat(ConsoleFormat.format(l)).isEqualTo("[\n  \"<sensitive>\",\n  \"open\",\n]");
    }

    @Test
    void toStringNeverShowsASensitiveValue() {
        assertThat(Value.object(Map.of("k", str("s3cr3t").mark(Mark.SENSITIVE))).toString()).doesNotContain("s3cr3t");
    }

    @Test
    void nestedStringsAreGoQuoted() {
        Value l = Value.list(List.of(str("tab\there \"q\" \\ \u0001 \u00e9 \u200b")));
        assertThat(ConsoleFormat.format(l)).isEqualTo("[\n  \"tab\\there \\\"q\\\" \\\\ \\x01 \u00e9 \\u200b\",\n]");
    }
}
