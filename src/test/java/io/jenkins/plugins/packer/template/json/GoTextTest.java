package io.jenkins.plugins.packer.template.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values in packer's messages are printed as Go prints them. */
class GoTextTest {

    @ParameterizedTest(name = "%v of {0} is {1}")
    @CsvSource(textBlock = """
            1,                     1
            -0.0,                  -0
            0.5,                   0.5
            0.0001,                0.0001
            0.00001,               1e-05
            123456,                123456
            1234567,               1.234567e+06
            123456789.125,         1.23456789125e+08
            1e20,                  1e+20
            1.5e300,               1.5e+300
            0.1,                   0.1
            """)
    void formatsFloatsLikePercentV(double d, String expected) {
        assertThat(GoText.formatV(d)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "weak string of {0} is {1}")
    @CsvSource(textBlock = """
            1.5,        1.5
            1e21,       1000000000000000000000
            1e-7,       0.0000001
            -0.0,       -0
            """)
    void formatsFloatsWithoutExponentForWeakStrings(double d, String expected) {
        assertThat(GoText.formatPlain(d)).isEqualTo(expected);
    }

    @Test
    void quotesLikeStrconvQuote() {
        assertThat(GoText.quote("a\"b\\c\n\u00a0é")).isEqualTo("\"a\\\"b\\\\c\\n\\u00a0é\"");
    }

    @Test
    void replacesEachInvalidUtf8ByteOnItsOwn() {
        byte[] bytes = {'a', (byte) 0xe2, (byte) 0x82, 'b', (byte) 0xc3, (byte) 0xa9};
        assertThat(GoText.decodeUtf8(bytes, 0, bytes.length)).isEqualTo("a\uFFFD\uFFFDbé");
    }

    @Test
    void listsDecodingErrorsSorted() {
        assertThat(GoText.decodingError(List.of("b", "a"))).isEqualTo("2 error(s) decoding:\n\n* a\n* b");
    }
}
