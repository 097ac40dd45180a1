package io.jenkins.plugins.packer.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Provisioner durations are parsed with Go's time.ParseDuration rules and messages. */
class GoDurationTest {

    @ParameterizedTest(name = "{0} is {1} ns")
    @CsvSource(textBlock = """
            0,          0
            +0,         0
            1h30m,      5400000000000
            1.5s,       1500000000
            .5s,        500000000
            1.s,        1000000000
            -5m,        -300000000000
            3µs2ms,     2003000
            3μs,        3000
            1ns,        1
            """)
    void parses(String text, long nanos) throws GoDuration.InvalidDuration {
        assertThat(GoDuration.parse(text)).isEqualTo(nanos);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``              | time: invalid duration ""
            5               | time: missing unit in duration "5"
            5x              | time: unknown unit "x" in duration "5x"
            .               | time: invalid duration "."
            µs              | time: invalid duration "\\xc2\\xb5s"
            5é              | time: unknown unit "\\xc3\\xa9" in duration "5\\xc3\\xa9"
            9999999999h     | time: invalid duration "9999999999h"
            """)
    void refusesWithGosMessage(String text, String message) {
        assertThatThrownBy(() -> GoDuration.parse(text)).hasMessage(message);
    }
}
