package io.jenkins.plugins.packer.function;

import static io.jenkins.plugins.packer.function.CoreFixtures.call;
import static io.jenkins.plugins.packer.function.CoreFixtures.failure;
import static io.jenkins.plugins.packer.function.CoreFixtures.num;
import static io.jenkins.plugins.packer.function.CoreFixtures.str;
import static io.jenkins.plugins.packer.function.CoreFixtures.tuple;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.value.ConsoleFormat;
import io.jenkins.plugins.packer.value.Mark;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Encoding functions beyond the corpus: JSON errors as Go reports them, YAML 1.1 resolution, Packer 1.16's additions. */
class EncodingFunctionsTest {

    @ParameterizedTest(name = "jsondecode({0})")
    @CsvSource(delimiter = ';', value = {
            "{\"a\" 1};invalid character '1' after object key", "[1 2];invalid character '2' after array element",
            "tru;unexpected EOF", "trux;invalid character 'x' in literal true (expecting 'e')",
            // As packer 1.6.6 says them: "EOF" when the text ends between tokens, "unexpected EOF" inside one.
            "[1,;EOF", "{;EOF", "[1;EOF", "{\"a\";EOF", "{\"a\":1,;EOF", "\"abc;unexpected EOF", "12.;unexpected EOF",
            "12.x;invalid character 'x' after decimal point in numeric literal",
            "[1e];invalid character ']' in exponent of numeric literal", "{\"a\":1,};invalid character '}' looking for beginning of object key string",
            "[1,];invalid character ']' looking for beginning of value", "1 2;extraneous data after JSON object"})
    void jsondecodeErrorsReadAsGos(String json, String message) {
        assertThat(failure("jsondecode", str(json)).getMessage()).isEqualTo(message);
    }

    @Test
    void jsondecodeKeepsEveryDigitAndSortsKeys() throws FunctionException {
        Value v = call("jsondecode", str("{\"z\":0.10000000000000000000001,\"a\":12345678901234567890123}"));
        assertThat(v.entries().keySet()).containsExactly("a", "z");
        assertThat(v.getAttr("z").asBigDecimal().toPlainString()).isEqualTo("0.10000000000000000000001");
        assertThat(call("jsonencode", v).asString())
                .isEqualTo("{\"a\":12345678901234567890123,\"z\":0.10000000000000000000001}");
    }

    @Test
    void jsonencodeOfInfinityFails() {
        assertThat(failure("jsonencode", Value.POSITIVE_INFINITY).getMessage())
                .isEqualTo("cannot serialize infinity as JSON");
    }

    @Test
    void yamldecodeResolvesScalarsAsYaml11() throws FunctionException {
        Value v = call("yamldecode", str("a: on\nb: 0b101\nc: 2001-12-14t21:59:43.10-05:00\nd: '1'\ne: !!str 3\nf: 1_000\n"));
        assertThat(v.getAttr("a")).isEqualTo(Value.TRUE);
        assertThat(v.getAttr("b")).isEqualTo(num("5"));
        assertThat(v.getAttr("c")).isEqualTo(str("2001-12-14T21:59:43-05:00"));
        assertThat(v.getAttr("d")).isEqualTo(str("1"));
        assertThat(v.getAttr("e")).isEqualTo(str("3"));
        assertThat(v.getAttr("f")).isEqualTo(num("1000"));
    }

    @Test
    void yamldecodeFollowsAnchorsAndMergeKeys() throws FunctionException {
        Value v = call("yamldecode", str("base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n"));
        // "y" is YAML 1.1's true, so the key reads "true", as in packer.
        assertThat(v.getAttr("derived").entries()).containsEntry("x", num("1")).containsEntry("true", num("2"));
    }

    @Test
    void yamldecodeRejectsWhatCtyRejects() {
        assertThat(failure("yamldecode", str("a: 1\n---\nb: 2\n")).getMessage())
                .isEqualTo("on line 1, column 1: only a single document is allowed");
        assertThat(failure("yamldecode", str("x: !!binary '%%'\n")).getMessage())
                .contains("not valid base64");
        assertThat(failure("yamldecode", str("x: .nan\n")).getMessage()).contains("floating point NaN is not supported");
        // libyaml's words, as packer 1.6.6 prints them.
        assertThat(failure("yamldecode", str("a: [1,")).getMessage())
                .isEqualTo("on line 1, column 1: did not find expected node content");
        assertThat(failure("yamldecode", str("- a\nb: c")).getMessage())
                .isEqualTo("on line 1, column 1: did not find expected '-' indicator");
        assertThat(failure("yamldecode", str("a: 1\n- b")).getMessage())
                .isEqualTo("on line 1, column 1: did not find expected key");
        // Go's base64 wants the padding.
        assertThat(failure("yamldecode", str("a: !!binary zz")).getMessage())
                .isEqualTo("cannot parse \"zz\" as tag:yaml.org,2002:binary: not valid base64");
    }

    @Test
    void yamlencodeWritesNestedBlocks() throws FunctionException {
        Value v = Value.object(Map.of("list", tuple(Value.object(Map.of("k", str("v"))), tuple(num("1"))),
                "n", Value.DYNAMIC_NULL));
        assertThat(call("yamlencode", v).asString())
                .isEqualTo("\"list\":\n- \"k\": \"v\"\n- - 1\n\"n\": null\n");
        assertThat(call("yamlencode", num("1.5")).asString()).isEqualTo("1.5\n...\n");
    }

    @Test
    void csvdecodeReportsGoParseErrors() {
        assertThat(failure("csvdecode", str("a,b\n1,\"x\"y\n")).getMessage())
                .isEqualTo("parse error on line 2, column 5: extraneous or missing \" in quoted-field");
        assertThat(failure("csvdecode", str("a\nx\"y\n")).getMessage())
                .isEqualTo("parse error on line 2, column 2: bare \" in non-quoted-field");
        assertThat(failure("csvdecode", str("a\n\"abc\n")).getMessage())
                .isEqualTo("parse error on line 2, column 6: extraneous or missing \" in quoted-field");
        assertThat(failure("csvdecode", str("a,a\n")).getMessage()).isEqualTo("duplicate column name \"a\"");
    }

    @Test
    void base64gzipCompressesUtf8() throws FunctionException, IOException {
        String b64 = call("base64gzip", str("héllo")).asString();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(b64)))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("héllo");
        }
    }

    @Test
    void textencodebase64AndBack() throws FunctionException {
        assertThat(call("textencodebase64", str("Hello"), str("UTF-16LE")).asString()).isEqualTo("SABlAGwAbABvAA==");
        assertThat(call("textdecodebase64", str("SABlAGwAbABvAA=="), str("UTF-16LE")).asString()).isEqualTo("Hello");
        FunctionException e = failure("textencodebase64", str("x"), str("no-such"));
        assertThat(e.argIndex()).isEqualTo(1);
        assertThat(e.getMessage()).isEqualTo("\"no-such\" is not a supported IANA encoding name or alias");
        assertThat(failure("textencodebase64", str("€"), str("ISO-8859-1")).getMessage())
                .isEqualTo("the given string contains characters that cannot be represented in ISO-8859-1");
        assertThat(failure("textdecodebase64", str("a!=="), str("UTF-8")).getMessage())
                .isEqualTo("the given value is has an invalid base64 symbol at offset 1");
    }

    @Test
    void convertTakesADecodedTypeAndKeepsMarks() throws FunctionException {
        EncodingFunctions.ConvertFunction convert = (EncodingFunctions.ConvertFunction) CoreCalls.FUNCTIONS.get("convert");
        Value secret = str("1").mark(Mark.SENSITIVE);
        assertThat(convert.convert(secret, Type.NUMBER)).isEqualTo(num("1").mark(Mark.SENSITIVE));
        assertThat(ConsoleFormat.format(convert.convert(tuple(str("a")), Type.list(Type.STRING)))).isEqualTo("[\n  \"a\",\n]");
        FunctionException e = null;
        try {
            convert.convert(str("x"), Type.BOOL);
        } catch (FunctionException ex) {
            e = ex;
        }
        assertThat(e).isNotNull();
        assertThat(e.argIndex()).isZero();
        assertThat(e.getMessage()).isEqualTo("a bool is required");
        assertThat(EncodingFunctions.ConvertFunction.TYPE_ARGUMENT).isEqualTo(1);
    }
}
