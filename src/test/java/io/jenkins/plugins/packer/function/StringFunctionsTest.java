package io.jenkins.plugins.packer.function;

import static io.jenkins.plugins.packer.function.CoreFixtures.call;
import static io.jenkins.plugins.packer.function.CoreFixtures.failure;
import static io.jenkins.plugins.packer.function.CoreFixtures.num;
import static io.jenkins.plugins.packer.function.CoreFixtures.str;
import static io.jenkins.plugins.packer.function.CoreFixtures.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.value.ConsoleFormat;
import io.jenkins.plugins.packer.value.Mark;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** String functions beyond the corpus: Go's number and regexp behaviour (expected texts from Go itself). */
class StringFunctionsTest {

    @ParameterizedTest(name = "format(\"{0}\", {1}) = \"{2}\"")
    @CsvSource(delimiter = ';', value = {
            "%.2f;2.675;2.67", "%e;1234.5;1.234500e+03", "%g;1234567;1.234567e+06", "%.3g;0.00012345;0.000123",
            "%+.1e;-0.05;-5.0e-02", "%10.4f;3.14159;'    3.1416'", "%-8.1f|;2.25;'2.2     |'", "%G;1e-7;1E-07",
            "%.0f;0.5;0", "%.0f;1.5;2", "%g;100000;100000", "%g;0.0001;0.0001", "%v;1234567;1.234567e+06",
            "%v;0.1;0.1", "%#x;255;0xff", "%08b;5;00000101", "%+d;3;+3", "%.5d;-42;-00042", "%-6o|;8;'10    |'",
            "%X;3054;BEE"})
    void formatsNumbersAsGoBigFloatAndBigInt(String fmt, String n, String expected) throws FunctionException {
        assertThat(call("format", str(fmt), num(n)).asString()).isEqualTo(expected);
    }

    @Test
    void formatCountsWidthAndPrecisionInGraphemes() throws FunctionException {
        assertThat(call("format", str("%-4s|%.2s|%5q"), str("é"), str("👍🏽ab"), str("<")).asString())
                .isEqualTo("é   |👍🏽a|\"\\u003c\"");
    }

    @Test
    void formatReportsUnusedArgumentsAgainstTheFirstUnused() {
        FunctionException e = failure("format", str("%s"), str("a"), str("b"));
        assertThat(e.argIndex()).isEqualTo(2);
        assertThat(e.getMessage()).isEqualTo("too many arguments; only 1 used by format string");
        assertThat(failure("format", str("x"), str("a")).getMessage())
                .isEqualTo("too many arguments; no verbs in format string");
    }

    @Test
    void formatRejectsMalformedVerbsWithByteOffsets() {
        assertThat(failure("format", str("é%!")).getMessage()).isEqualTo("unrecognized format character '!' at offset 3");
        assertThat(failure("format", str("ab%5")).getMessage()).isEqualTo("invalid format string starting at offset 4");
        assertThat(failure("format", str("%d"), Value.DYNAMIC_NULL).getMessage())
                .isEqualTo("unsupported value for \"%d\" at 0: null value cannot be formatted");
    }

    @ParameterizedTest(name = "regex_replace(\"{1}\", \"{0}\", \"{2}\") = \"{3}\"")
    @CsvSource(delimiter = ';', value = {
            "a*;baaac;-;-b-c-", "(?i)é;É é e;x;x x e", "$;'a\n';!;'a\n!'", "(?m)^;'a\nb\n';>;'>a\n>b\n>'",
            "(\\w+)@(\\w+);joe@x bob@y;$2.$1x ${1}x $$;x. joex $ y. bobx $", "(?P<first>a)(b)?;ac;[$first|$2];[a|]c",
            "x{2,};xxxx x{;_;_ x{", "[[:digit:]]+;a12b3;#;a#b#", "\\s+;a\u000b b;_;a\u000b_b", "a.c;'a\rc a\nc';X;'X a\nc'",
            "(?U)a+;aaa;-;---"})
    void regexReplaceFollowsGoRegexpSemantics(String re, String s, String repl, String expected)
            throws FunctionException {
        assertThat(call("regex_replace", str(s), str(re), str(repl)).asString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "a**;invalid nested repetition operator: `**`", "*a;missing argument to repetition operator: `*`",
            "(a;missing closing ): `(a`", "a);unexpected ): `a)`", "[a;missing closing ]: `[a`",
            "a\\;trailing backslash at end of expression: ``", "\\1;invalid escape sequence: `\\1`",
            "(?=a);invalid or unsupported Perl syntax: `(?=`", "a{1001};invalid repeat count: `{1001}`",
            "\\e;invalid escape sequence: `\\e`", "a++;invalid nested repetition operator: `++`"})
    void regexSyntaxErrorsReadAsGos(String re, String message) {
        assertThat(failure("regex_replace", str("x"), str(re), str("y")).getMessage())
                .isEqualTo("error parsing regexp: " + message);
    }

    @Test
    void regexReturnsStringTupleOrObjectByCaptureGroups() throws FunctionException {
        assertThat(call("regex", str("[a-z]+"), str("53abc")).asString()).isEqualTo("abc");
        assertThat(ConsoleFormat.format(call("regex", str("(\\d+)-(x)?"), str("12-"))))
                .isEqualTo("[\n  \"12\",\n  null,\n]");
        assertThat(call("regex", str("(?P<y>\\d{4})-(?<m>\\d\\d)"), str("2024-05"))
                .entries()).containsEntry("y", str("2024")).containsEntry("m", str("05"));
        assertThat(failure("regex", str("x"), str("y")).getMessage())
                .isEqualTo("pattern did not match any part of the given string");
        FunctionException mixed = failure("regex", str("(a)(?P<n>b)"), str("ab"));
        assertThat(mixed.argIndex()).isZero();
        assertThat(mixed.getMessage())
                .isEqualTo("invalid regexp pattern: cannot mix both named and unnamed capture groups");
        assertThat(failure("regex", str("(a"), str("a")).getMessage())
                .isEqualTo("invalid regexp pattern: missing closing ) in (a");
    }

    @Test
    void regexallSkipsEmptyMatchesNextToAPreviousMatch() throws FunctionException {
        assertThat(call("regexall", str("a|"), str("baaa")).elements())
                .containsExactly(str(""), str("a"), str("a"), str("a"));
        assertThat(call("regexall", str("z"), str("abc"))).isEqualTo(Value.emptyList(Type.STRING));
    }

    @Test
    void newerStringPredicates() throws FunctionException {
        assertThat(call("startswith", str("hello"), str("he"))).isEqualTo(Value.TRUE);
        assertThat(call("endswith", str("hello"), str("he"))).isEqualTo(Value.FALSE);
        assertThat(call("strcontains", str("hello"), str("ll"))).isEqualTo(Value.TRUE);
    }

    @Test
    void replaceIsLiteralEvenForSlashedPatterns() throws FunctionException {
        assertThat(call("replace", str("a/b/"), str("/b/"), str("X")).asString()).isEqualTo("aX");
    }

    @Test
    void sensitiveArgumentsKeepTheResultSensitive() throws FunctionException {
        Value secret = str("s3cr3t").mark(Mark.SENSITIVE);
        assertThat(call("upper", secret).hasMark(Mark.SENSITIVE)).isTrue();
        assertThat(ConsoleFormat.format(call("format", str("x=%s"), secret))).isEqualTo("<sensitive>");
        assertThat(call("join", str(","), Value.list(List.of(secret, str("b")))).hasMark(Mark.SENSITIVE)).isTrue();
        assertThat(ConsoleFormat.format(call("split", str("r"), secret))).isEqualTo("<sensitive>");
    }

    @Test
    void unknownArgumentsGiveUnknownResults() throws FunctionException {
        assertThat(call("upper", Value.unknown(Type.STRING)).isKnown()).isFalse();
        assertThat(call("join", str(","), Value.list(List.of(Value.unknown(Type.STRING)))).isKnown()).isFalse();
        Value list = call("formatlist", str("%s"), Value.tuple(List.of(str("a"), Value.unknown(Type.STRING))));
        assertThat(list.elements().get(0)).isEqualTo(str("a"));
        assertThat(list.elements().get(1).isKnown()).isFalse();
    }

    @Test
    void substrQuirksOfCty() throws FunctionException {
        assertThat(call("substr", str("hello"), num("-2"), num("0")).asString()).isEqualTo("lo");
        assertThat(call("substr", str("hello"), num("5"), num("1")).asString()).isEmpty();
        assertThat(failure("substr", str("x"), num("1.5"), num("1")).getMessage())
                .isEqualTo("value must be a whole number, between -9223372036854775808 and 9223372036854775807");
    }

    @Test
    void stringsSortByCodePointAsGoDoes() throws FunctionException {
        assertThat(call("sort", strings("\uFB01", "\uD83D\uDE00", "z")).elements())
                .containsExactly(str("z"), str("\uFB01"), str("\uD83D\uDE00"));
    }
}
