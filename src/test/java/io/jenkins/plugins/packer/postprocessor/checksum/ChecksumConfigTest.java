package io.jenkins.plugins.packer.postprocessor.checksum;

import static io.jenkins.plugins.packer.component.PrepareFixture.prepare;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChecksumConfigTest {

    @Test
    void unknownChecksumTypeIsRejected() {
        assertThat(prepare("post-processor", "checksum", "checksum_types = [\"md5\", \"crc32\"]").error())
                .isEqualTo("1 error(s) occurred:\n\n* Unrecognized checksum type: crc32");
    }

    @Test
    void everyKnownTypeIsAccepted() {
        assertThat(prepare("post-processor", "checksum", "checksum_types = [\"md5\", \"sha1\", \"sha224\","
                + " \"sha256\", \"sha384\", \"sha512\"]").ok()).isTrue();
    }
}
