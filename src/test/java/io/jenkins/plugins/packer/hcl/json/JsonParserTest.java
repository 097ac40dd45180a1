package io.jenkins.plugins.packer.hcl.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.Pos;
import io.jenkins.plugins.packer.hcl.json.JsonValue.ArrayValue;
import io.jenkins.plugins.packer.hcl.json.JsonValue.NumberValue;
import io.jenkins.plugins.packer.hcl.json.JsonValue.ObjectValue;
import io.jenkins.plugins.packer.hcl.json.JsonValue.StringValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scanner and parser of HCL's JSON syntax: values, positions, and each error with HCL's message and range. */
class JsonParserTest {

    private static final String FILE = "t.pkr.json";

    private static JsonValue parse(String src, Diagnostics diags) {
        return JsonParser.parseValue(src.getBytes(StandardCharsets.UTF_8), FILE, diags);
    }

    private static JsonValue parseClean(String src) {
        Diagnostics diags = new Diagnostics();
        JsonValue v = parse(src, diags);
        assertThat(diags.list()).isEmpty();
        return v;
    }

    /** The diagnostics of parsing {@code src} as a file, as "summary @ subject". */
    private static List<String> errors(String src) {
        Diagnostics diags = new Diagnostics();
        JsonParser.parse(src.getBytes(StandardCharsets.UTF_8), FILE, diags);
        return diags.list().stream().map(d -> d.summary() + " @ " + d.subject()).toList();
    }

    private static Diagnostic onlyError(String src) {
        Diagnostics diags = new Diagnostics();
        parse(src, diags);
        assertThat(diags.list()).hasSize(1);
        return diags.list().get(0);
    }

    // ---- values and positions --------------------------------------------------------------------------------

    @Test
    void objectKnowsItsBracesAndEachPropertyItsName() {
        ObjectValue o = (ObjectValue) parseClean("{\n  \"a\": 1\n}");
        assertThat(o.openRange()).hasToString(FILE + ":1,1-2");
        assertThat(o.closeRange()).hasToString(FILE + ":3,1-2");
        assertThat(o.range()).hasToString(FILE + ":1,1-3,2");
        assertThat(o.properties().get(0).nameRange()).hasToString(FILE + ":2,3-6");
        assertThat(o.properties().get(0).range()).hasToString(FILE + ":2,3-9");
    }

    @Test
    void positionsCarryByteOffsets() {
        ObjectValue o = (ObjectValue) parseClean("{\n  \"a\": 1\n}");
        assertThat(o.properties().get(0).value().range().start()).isEqualTo(new Pos(2, 8, 9));
    }

    @Test
    void keepsDuplicatePropertiesInSourceOrder() {
        ObjectValue o = (ObjectValue) parseClean("{\"a\": 1, \"b\": 2, \"a\": 3}");
        assertThat(o.properties()).extracting(JsonValue.Property::name).containsExactly("a", "b", "a");
    }

    @Test
    void numbersKeepAllTheirDigits() {
        String digits = "123456789012345678901234567890.000000000000000000001";
        NumberValue n = (NumberValue) parseClean(digits);
        assertThat(n.value()).isEqualByComparingTo(new BigDecimal(digits));
    }

    @Test
    void stringsDecodeEscapesAndSurrogatePairs() {
        StringValue s = (StringValue) parseClean("\"a\\tb\\u00e9\\ud83d\\ude00\\/\"");
        assertThat(s.value()).isEqualTo("a\tbé\uD83D\uDE00/");
    }

    @Test
    void loneSurrogateEscapeBecomesReplacementCharacter() {
        StringValue s = (StringValue) parseClean("\"\\ud83dx\"");
        assertThat(s.value()).isEqualTo("\uFFFDx");
    }

    @Test
    void byteThatIsNotUtf8BecomesReplacementCharacter() {
        byte[] src = {'"', 'a', (byte) 0xff, 'b', '"'};
        StringValue s = (StringValue) JsonParser.parseValue(src, FILE, new Diagnostics());
        assertThat(s.value()).isEqualTo("a\uFFFDb");
    }

    @Test
    void eachGraphemeClusterInAStringIsOneColumn() {
        ArrayValue a = (ArrayValue) parseClean("[\"e\u0301\uD83D\uDC4D\uD83C\uDFFD\", 1]");
        assertThat(a.values().get(0).range()).hasToString(FILE + ":1,2-6");
        assertThat(a.values().get(1).range().start().byteOffset()).isEqualTo(16);
    }

    @Test
    void tabCountsTwoColumnsAndCarriageReturnNone() {
        ArrayValue a = (ArrayValue) parseClean("[\t1,\r\n2]");
        assertThat(a.values().get(0).range()).hasToString(FILE + ":1,4-5");
        assertThat(a.values().get(1).range()).hasToString(FILE + ":2,1-2");
    }

    @Test
    void emptyFileIsMissingAValue() {
        assertThat(errors("")).containsExactly("Missing value @ " + FILE + ":1,1-1",
                "Root value must be object @ " + FILE + ":1,1-1");
    }

    // ---- errors ----------------------------------------------------------------------------------------------

    @Test
    void trailingCommaInObjectAlsoLeavesNoRootObject() {
        assertThat(errors("{\"a\": 1,}")).containsExactly("Trailing comma in object @ " + FILE + ":1,8-9",
                "Root value must be object @ " + FILE + ":1,1-2");
    }

    @Test
    void trailingCommaInArray() {
        assertThat(onlyError("[1, ]").summary()).isEqualTo("Trailing comma in array");
    }

    @Test
    void equalsSignRemindsOfJsonColon() {
        Diagnostic d = onlyError("{\"a\" = 1}");
        assertThat(d.summary()).isEqualTo("Missing property value colon");
        assertThat(d.detail()).isEqualTo("JSON uses a colon as its name/value delimiter, not an equals sign.");
        assertThat(d.subject()).hasToString(FILE + ":1,6-7");
    }

    @Test
    void missingColonPointsAtWhatCameInstead() {
        Diagnostic d = onlyError("{\"a\" 1}");
        assertThat(d.detail()).isEqualTo("A colon must appear between an object property's name and its value.");
        assertThat(d.subject()).hasToString(FILE + ":1,6-7");
    }

    @Test
    void commaAfterNameIsAMissingObjectValue() {
        assertThat(onlyError("{\"a\", \"b\": 1}").summary()).isEqualTo("Missing object value");
    }

    @Test
    void parsingGoesOnAfterABrokenNestedObject() {
        assertThat(errors("{\"a\": {\"b\" 1}, \"c\": tru}")).containsExactly(
                "Missing property value colon @ " + FILE + ":1,12-13",
                "Invalid JSON keyword @ " + FILE + ":1,21-24");
    }

    @Test
    void misspelledKeywordSuggestsTheRightOne() {
        Diagnostic d = onlyError("True");
        assertThat(d.summary()).isEqualTo("Invalid JSON keyword");
        assertThat(d.detail()).isEqualTo("\"True\" is not a valid JSON keyword. Did you mean \"true\"?");
    }

    @Test
    void javascriptIdentifiersAreNotJson() {
        assertThat(onlyError("NaN").detail()).isEqualTo("The JavaScript identifier \"NaN\" cannot be used in JSON.");
    }

    @Test
    void leadingZeroIsAnInvalidNumber() {
        Diagnostic d = onlyError("012");
        assertThat(d.summary()).isEqualTo("Invalid JSON number");
        assertThat(d.subject()).hasToString(FILE + ":1,1-4");
    }

    @Test
    void badEscapeIsPointedOneByteAfterItsLetterWithinTheString() {
        Diagnostic d = onlyError("\"ab\\qc\"");
        assertThat(d.summary()).isEqualTo("Invalid JSON string");
        assertThat(d.subject()).hasToString(FILE + ":1,6-7");
        assertThat(d.context()).hasToString(FILE + ":1,1-8");
    }

    @Test
    void unterminatedStringEndsAtTheLine() {
        Diagnostic d = errorsOf("[\"abc\n]").get(0);
        assertThat(d.summary()).isEqualTo("Invalid JSON string");
        assertThat(d.subject()).hasToString(FILE + ":1,6-7");
    }

    @Test
    void missingCommaBetweenProperties() {
        Diagnostic d = onlyError("{\"a\": 1 \"b\": 2}");
        assertThat(d.summary()).isEqualTo("Missing attribute seperator comma");
        assertThat(d.detail()).isEqualTo("A comma must appear between each property definition in an object.");
    }

    @Test
    void objectClosedWithBracketPointsAfterIt() {
        Diagnostic d = errorsOf("[{\"a\": 1], 2]").get(0);
        assertThat(d.summary()).isEqualTo("Mismatched braces");
        assertThat(d.subject()).hasToString(FILE + ":1,10-11");
    }

    @Test
    void arrayClosedWithBrace() {
        assertThat(errorsOf("{\"a\": [1}}").get(0).summary()).isEqualTo("Mismatched brackets");
    }

    @Test
    void unclosedObjectPointsAtItsOpeningBrace() {
        Diagnostic d = onlyError("\n{\"a\": 1");
        assertThat(d.summary()).isEqualTo("Unclosed object");
        assertThat(d.subject()).hasToString(FILE + ":2,1-2");
    }

    @Test
    void colonInArray() {
        assertThat(onlyError("[1: 2]").summary()).isEqualTo("Invalid array value");
    }

    @Test
    void propertyNameMustBeAString() {
        Diagnostic d = onlyError("{1: 2}");
        assertThat(d.summary()).isEqualTo("Invalid object property name");
        assertThat(d.subject()).hasToString(FILE + ":1,2-3");
    }

    @Test
    void byteThatStartsNoTokenEndsTheScan() {
        // The bad byte is not consumed, so the array then misses a comma before the end of input just after it.
        assertThat(errors("['a']")).containsExactly("Invalid start of value @ " + FILE + ":1,2-3",
                "Missing attribute seperator comma @ " + FILE + ":1,3-3",
                "Root value must be object @ " + FILE + ":1,1-2");
    }

    @Test
    void secondValueIsExtraneousData() {
        Diagnostic d = onlyError("{}\n{}");
        assertThat(d.summary()).isEqualTo("Extraneous data after value");
        assertThat(d.subject()).hasToString(FILE + ":2,1-2");
    }

    @Test
    void rootMustBeObjectOrArray() {
        assertThat(errors("\"x\"")).containsExactly("Root value must be object @ " + FILE + ":1,1-4");
    }

    private static List<Diagnostic> errorsOf(String src) {
        Diagnostics diags = new Diagnostics();
        parse(src, diags);
        return diags.list();
    }
}
