package io.jenkins.plugins.packer.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumberFormatTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "num-format-01", "num-format-02", "num-format-03", "num-format-04", "num-format-06", "num-format-07",
        "num-format-08", "num-format-09", "num-format-10", "num-format-11", "num-format-12", "num-format-13",
        "num-format-14", "num-format-15", "num-format-16", "num-format-17", "num-format-18", "num-format-19",
        "num-format-20", "num-format-21", "num-format-22", "num-format-23", "num-format-24", "num-format-25",
        "num-format-30"})
    void consolePrintsNumbersLikePacker(String id) {
        OracleCases.assertPrintsLikePacker(id);
    }

    @Test
    void zeroDividedByZeroFailsLikePacker() {
        OracleCases.assertFailsLikePacker("num-format-05");
    }

    @Test
    void wholeNumbersWithin64BitsPrintInFull() {
        assertThat(Numbers.toConsoleString(Value.number(Long.MAX_VALUE))).isEqualTo("9223372036854775807");
        assertThat(Numbers.toConsoleString(Value.number(Long.MIN_VALUE))).isEqualTo("-9223372036854775808");
    }

    @Test
    void wholeNumbersBeyond64BitsPrintAsGoFloat() {
        Value n = Value.number(new BigDecimal("9223372036854775808"));
        assertThat(Numbers.toConsoleString(n)).isEqualTo("9.223372036854776e+18");
    }

    @Test
    void goPercentGUsesExponentFromSixDigitsBeforeThePoint() {
        assertThat(Numbers.formatGoG(123456.5)).isEqualTo("123456.5");
        assertThat(Numbers.formatGoG(1234567.5)).isEqualTo("1.2345675e+06");
    }

    @Test
    void goPercentGUsesExponentBelowFourLeadingZeros() {
        assertThat(Numbers.formatGoG(0.0001)).isEqualTo("0.0001");
        assertThat(Numbers.formatGoG(0.00001)).isEqualTo("1e-05");
    }

    @Test
    void goPercentGWritesThreeDigitExponents() {
        assertThat(Numbers.formatGoG(1e300)).isEqualTo("1e+300");
        assertThat(Numbers.formatGoG(-2.5e-300)).isEqualTo("-2.5e-300");
    }

    @Test
    void numberToStringConversionIsPlainDecimal() {
        assertThat(Numbers.toDecimalString(Value.parseNumber("1e21"))).isEqualTo("1000000000000000000000");
        assertThat(Numbers.toDecimalString(Value.parseNumber("0.000001"))).isEqualTo("0.000001");
        assertThat(Numbers.toDecimalString(Value.POSITIVE_INFINITY)).isEqualTo("+Inf");
    }

    @Test
    void bigFloatStringUsesTenSignificantDigits() {
        assertThat(Numbers.formatBigG(new BigDecimal("12345678901"), 10)).isEqualTo("1.23456789e+10");
        assertThat(Numbers.formatBigG(new BigDecimal("1000000"), 10)).isEqualTo("1000000");
        assertThat(Numbers.formatBigG(new BigDecimal("0.5"), 10)).isEqualTo("0.5");
    }
}
