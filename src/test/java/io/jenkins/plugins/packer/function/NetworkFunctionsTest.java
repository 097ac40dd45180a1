package io.jenkins.plugins.packer.function;

import static io.jenkins.plugins.packer.function.ExtOracle.actual;
import static io.jenkins.plugins.packer.function.ExtOracle.assertCase;
import static io.jenkins.plugins.packer.function.ExtOracle.num;
import static io.jenkins.plugins.packer.function.ExtOracle.str;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.value.Value;
import org.junit.jupiter.api.Test;

class NetworkFunctionsTest {

    @Test
    void cidrhostOracleCases() {
        assertCase("fn-cidrhost-01", "cidrhost", str("10.0.0.0/8"), num(5));
        assertCase("fn-cidrhost-02", "cidrhost", str("10.0.0.0/24"), num(-1));
        assertCase("fn-cidrhost-03", "cidrhost", str("fd00::/64"), num(255));
        assertCase("fn-cidrhost-04", "cidrhost", str("10.0.0.0/30"), num(4));
        assertCase("fn-cidrhost-05", "cidrhost", str("bad"), num(1));
        assertCase("fn-cidrhost-06", "cidrhost", str("192.168.1.0/24"), str("7"));
    }

    @Test
    void cidrhostCountsBackFromTheEndAndChecksTheRange() {
        assertThat(actual("cidrhost", str("10.0.0.0/30"), num(-4))).isEqualTo("10.0.0.0\n");
        // go-cidr 1.1 names the number after counting back (packer 1.6.6 as Debian builds it).
        assertThat(actual("cidrhost", str("10.0.0.0/30"), num(-5)))
                .endsWith("failed: prefix of 30 does not accommodate a host numbered -1.");
        assertThat(actual("cidrhost", str("10.0.0.0/8"), num(Long.MIN_VALUE)))
                .endsWith("failed: prefix of 8 does not accommodate a host numbered -9223372036837998592.");
        assertThat(actual("cidrhost", str("10.1.2.3/16"), num(258))).isEqualTo("10.1.1.2\n");
        assertThat(actual("cidrhost", str("2001:db8::/32"), Value.parseNumber("1e20")))
                .endsWith("failed: value must be a whole number, between -9223372036854775808 and "
                        + "9223372036854775807.");
        // go-cidr inserts the number of an IPv4-mapped IPv6 network as if the address had 32 bits.
        assertThat(actual("cidrhost", str("::ffff:0:0/96"), num(1))).isEqualTo("0:1::ffff:0:0\n");
    }

    @Test
    void cidrnetmaskOracleCases() {
        assertCase("fn-cidrnetmask-01", "cidrnetmask", str("172.16.0.0/12"));
        assertCase("fn-cidrnetmask-02", "cidrnetmask", str("10.0.0.0/32"));
        assertCase("fn-cidrnetmask-03", "cidrnetmask", str("0.0.0.0/0"));
        assertCase("fn-cidrnetmask-04", "cidrnetmask", str("10.0.0.0"));
        assertCase("fn-cidrnetmask-05", "cidrnetmask", num(1));
    }

    @Test
    void cidrnetmaskOfAnIpv6PrefixIsPrintedAsAnIpv6Address() {
        assertThat(actual("cidrnetmask", str("fd00::/64"))).isEqualTo("ffff:ffff:ffff:ffff::\n");
    }

    @Test
    void prefixesAreParsedAsGo119Does() {
        // The oracle was built with Go 1.19, which refuses leading zeros in IPv4 octets but not in the length.
        assertThat(actual("cidrnetmask", str("010.0.0.0/08"))).endsWith("invalid CIDR address: 010.0.0.0/08.");
        assertThat(actual("cidrnetmask", str("10.0.0.0/08"))).isEqualTo("255.0.0.0\n");
        assertThat(actual("cidrnetmask", str("::ffff:1.2.3.4/120"))).isEqualTo("ffff:ffff:ffff:ffff:ffff:ffff:ffff:"
                + "ff00\n");
        assertThat(actual("cidrnetmask", str("10.0.0.256/8"))).endsWith("invalid CIDR address: 10.0.0.256/8.");
        assertThat(actual("cidrnetmask", str("10.0.0.0/33"))).endsWith("invalid CIDR address: 10.0.0.0/33.");
        assertThat(actual("cidrnetmask", str("10.0.0.0/+8"))).endsWith("invalid CIDR address: 10.0.0.0/+8.");
        assertThat(actual("cidrnetmask", str("1::2::3/64"))).endsWith("invalid CIDR address: 1::2::3/64.");
        assertThat(actual("cidrhost", str("::ffff:1.2.3.0/120"), num(9))).isEqualTo("0:9::ffff:102:300\n");
        assertThat(actual("cidrhost", str("fe80::1%eth0/64"), num(1))).endsWith("invalid CIDR address: "
                + "fe80::1%eth0/64.");
    }

    @Test
    void cidrsubnetOracleCases() {
        assertCase("fn-cidrsubnet-01", "cidrsubnet", str("10.0.0.0/16"), num(8), num(2));
        assertCase("fn-cidrsubnet-02", "cidrsubnet", str("fd00::/48"), num(16), num(65535));
        assertCase("fn-cidrsubnet-03", "cidrsubnet", str("10.0.0.0/24"), num(9), num(0));
        assertCase("fn-cidrsubnet-04", "cidrsubnet", str("10.0.0.0/16"), num(4), num(16));
        assertCase("fn-cidrsubnet-05", "cidrsubnet", str("10.1.2.0/24"), num(0), num(0));
    }

    @Test
    void cidrsubnetLimitsTheExtension() {
        assertThat(actual("cidrsubnet", str("fd00::/16"), num(33), num(0)))
                .endsWith("failed: may not extend prefix by more than 32 bits.");
        assertThat(actual("cidrsubnet", str("10.0.0.0/16"), num(1), num(-3)))
                .endsWith("failed: prefix extension of 1 does not accommodate a subnet numbered -3.");
        assertThat(actual("cidrsubnet", str("10.0.0.0/16"), num(8), num(256)))
                .endsWith("failed: prefix extension of 8 does not accommodate a subnet numbered 256.");
    }

    @Test
    void cidrsubnetKeepsGoArithmeticForNegativeArguments() {
        // What packer 1.6.6 prints: go-cidr checks a negative number by its magnitude, then ORs it in.
        assertThat(actual("cidrsubnet", str("10.0.0.0/16"), num(1), num(-1))).isEqualTo("0.0.128.0/17\n");
        assertThat(actual("cidrsubnet", str("10.0.0.0/16"), num(2), num(-3))).isEqualTo("0.0.192.0/18\n");
        // A negative extension shortens the prefix; below zero bits Go prints a nil network.
        assertThat(actual("cidrsubnet", str("10.0.0.0/16"), num(-1), num(1))).isEqualTo("10.2.0.0/15\n");
        assertThat(actual("cidrsubnet", str("10.0.0.0/8"), num(-9), num(0))).isEqualTo("<nil>\n");
        // Where go-cidr panics (the number does not fit the address), a plain error (deliberate difference).
        assertThat(actual("cidrsubnet", str("10.0.0.0/8"), num(-9), num(1)))
                .endsWith("failed: prefix extension of -9 does not accommodate a subnet numbered 1.");
    }

    @Test
    void cidrsubnetsOracleCases() {
        assertCase("fn-cidrsubnets-01", "cidrsubnets", str("10.0.0.0/16"), num(4), num(4), num(8), num(4));
        assertCase("fn-cidrsubnets-02", "cidrsubnets", str("10.0.0.0/8"));
        assertCase("fn-cidrsubnets-03", "cidrsubnets", str("10.0.0.0/30"), num(1), num(1), num(1));
        assertCase("fn-cidrsubnets-04", "cidrsubnets", str("fd00::/56"), num(8), num(8));
        assertCase("fn-cidrsubnets-05", "cidrsubnets", str("nope"), num(1));
    }

    @Test
    void cidrsubnetsChecksEachExtensionAsAnArgument() {
        assertThat(actual("cidrsubnets", str("10.0.0.0/24"), num(2), num(0)))
                .isEqualTo("Error: Invalid function argument\nInvalid value for \"newbits\" parameter: must extend "
                        + "prefix by at least one bit.");
        assertThat(actual("cidrsubnets", str("10.0.0.0/24"), num(33)))
                .endsWith("parameter: may not extend prefix by more than 32 bits.");
        assertThat(actual("cidrsubnets", str("10.0.0.0/24"), num(9)))
                .endsWith("parameter: would extend prefix to 33 bits, which is too long for an IPv4 address.");
        assertThat(actual("cidrsubnets", str("fd00::/120"), num(9)))
                .endsWith("parameter: would extend prefix to 129 bits, which is too long for an IPv6 address.");
        assertThat(actual("cidrsubnets", str("10.0.0.0/24"), num(2), num(1), num(2)))
                .endsWith("parameter: not enough remaining address space for a subnet with a prefix of 26 bits after "
                        + "10.0.0.128/25.");
        assertThat(actual("cidrsubnets", str("10.0.0.0/24"), num(1), num(2), num(2)))
                .isEqualTo("[\n  \"10.0.0.0/25\",\n  \"10.0.0.128/26\",\n  \"10.0.0.192/26\",\n]\n");
    }
}
