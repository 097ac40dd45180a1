package io.jenkins.plugins.packer.function;

import static io.jenkins.plugins.packer.function.ExtOracle.actual;
import static io.jenkins.plugins.packer.function.ExtOracle.assertCase;
import static io.jenkins.plugins.packer.function.ExtOracle.str;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UuidFunctionsTest {

    @Test
    void uuidv4IsARandomVersion4Uuid() {
        String a = actual("uuidv4");
        assertThat(a).as("fn-uuidv4-01/02").matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\n");
        assertThat(actual("uuidv4")).as("fn-uuidv4-03").isNotEqualTo(a);
        assertCase("fn-uuidv4-04", "uuidv4", str("x"));
    }

    @Test
    void uuidv5OracleCases() {
        assertCase("fn-uuidv5-01", "uuidv5", str("dns"), str("www.example.com"));
        assertCase("fn-uuidv5-02", "uuidv5", str("url"), str("https://example.com/"));
        assertCase("fn-uuidv5-03", "uuidv5", str("oid"), str("1.2.3"));
        assertCase("fn-uuidv5-04", "uuidv5", str("x500"), str("cn=x"));
        assertCase("fn-uuidv5-05", "uuidv5", str("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), str("a"));
        assertCase("fn-uuidv5-06", "uuidv5", str("bogus"), str("a"));
    }

    @Test
    void uuidv5AcceptsTheNamespaceInEveryFormGoogleUuidParses() {
        String expected = actual("uuidv5", str("dns"), str("a"));
        assertThat(actual("uuidv5", str("6ba7b8109dad11d180b400c04fd430c8"), str("a"))).isEqualTo(expected);
        assertThat(actual("uuidv5", str("{6ba7b810-9dad-11d1-80b4-00c04fd430c8}"), str("a"))).isEqualTo(expected);
        assertThat(actual("uuidv5", str("URN:uuid:6BA7B810-9DAD-11D1-80B4-00C04FD430C8"), str("a")))
                .isEqualTo(expected);
        assertThat(actual("uuidv5", str("urx:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8"), str("a")))
                .endsWith("doesn't support namespace urx:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8 (invalid urn "
                        + "prefix: \"urx:uuid:\").");
        assertThat(actual("uuidv5", str("6ba7b810x9dad-11d1-80b4-00c04fd430c8"), str("a")))
                .endsWith("(invalid UUID format).");
        assertThat(actual("uuidv5", str("zba7b810-9dad-11d1-80b4-00c04fd430c8"), str("a")))
                .endsWith("(invalid UUID format).");
    }
}
