package io.jenkins.plugins.packer.builder.file;

import static io.jenkins.plugins.packer.component.PrepareFixture.prepare;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileBuilderConfigTest {

    @Test
    void sourceAndContentTogetherAreRejected() {
        assertThat(prepare("builder", "file", "target = \"t\"\nsource = \"s\"\ncontent = \"c\"").error())
                .isEqualTo("1 error(s) occurred:\n\n* Cannot specify source file AND content");
    }

    @Test
    void neitherSourceNorContentIsAWarning() {
        assertThat(prepare("builder", "file", "target = \"t\"").warnings())
                .containsExactly("Both source file and contents are blank; target will have no content");
    }

    @Test
    void targetIsRequired() {
        assertThat(prepare("builder", "file", "content = \"c\"").error())
                .isEqualTo("1 error(s) occurred:\n\n* target required");
    }
}
