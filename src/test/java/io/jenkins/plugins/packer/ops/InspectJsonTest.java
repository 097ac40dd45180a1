package io.jenkins.plugins.packer.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.template.json.JsonTemplateParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Cases of {@link Inspect#json} the handmade corpus does not reach. */
class InspectJsonTest {

    private static String inspect(String json) {
        return Inspect.json(JsonTemplateParser.parse(json.getBytes(StandardCharsets.UTF_8)).template());
    }

    @Test
    void aPlainVariableSharingASensitiveDefaultIsHiddenToo() {
        // packer compares default values, not names, against its sensitive variables.
        String out = inspect("""
                {"variables": {"secret": "s3", "copy": "s3", "other": "x"},
                 "sensitive-variables": ["secret"],
                 "builders": [{"type": "null"}]}""");
        assertThat(out).contains("""
                Optional variables and their defaults:

                  copy   = <sensitive>
                  other  = x
                  secret = <sensitive>
                """);
    }

    @Test
    void buildersArePaddedToTheLongestNameBeforeTheirType() {
        String out = inspect("""
                {"builders": [{"type": "null", "name": "longer-name"}, {"type": "file"}]}""");
        assertThat(out).contains("""
                Builders:

                  file       \n  longer-name (null)
                """);
    }
}
