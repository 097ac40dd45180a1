package io.jenkins.plugins.packer.builder.amazon.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrsTest {

    /** As Go's {@code net.ParseIP(s)} then {@code fmt.Sprintf("%s/%d", ip, bits)} in Packer's CheckPublicIp. */
    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "203.0.113.7, 203.0.113.7/32",
        "2001:DB8:0:0:0:0:0:7, 2001:db8::7/128",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1/128",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1/128",
        "::1, ::1/128",
        "fe80::, fe80::/128",
        "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8/128",
        "1:0:3:4:5:6:7:8, 1:0:3:4:5:6:7:8/128",
        "::ffff:198.51.100.9, 198.51.100.9/32",
        "0.0.0.0, 0.0.0.0/32",
        "example.com, null",
        "203.0.113, null",
        "<html>, null",
        "010.0.0.1, null"
    })
    void hostBlock(String ip, String block) {
        assertThat(Cidrs.hostBlock(ip)).isEqualTo(block);
    }
}
