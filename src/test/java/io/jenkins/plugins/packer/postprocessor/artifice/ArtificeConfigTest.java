package io.jenkins.plugins.packer.postprocessor.artifice;

import static io.jenkins.plugins.packer.component.PrepareFixture.prepare;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArtificeConfigTest {

    @Test
    void filesAreRequiredAndTheErrorIsNotAList() {
        assertThat(prepare("post-processor", "artifice", "").error())
                .isEqualTo("No files specified in artifice configuration");
    }
}
