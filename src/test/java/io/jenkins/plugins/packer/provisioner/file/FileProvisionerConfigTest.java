package io.jenkins.plugins.packer.provisioner.file;

import static io.jenkins.plugins.packer.component.PrepareFixture.prepare;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileProvisionerConfigTest {

    @Test
    void uploadOfAMissingSourceIsRejected() {
        assertThat(prepare("provisioner", "file", "source = \"gone.txt\"\ndestination = \"/tmp/x\"").error())
                .isEqualTo("1 error(s) occurred:\n\n* Bad source 'gone.txt': stat gone.txt: no such file or"
                        + " directory");
    }

    @Test
    void generatedSourcesAreNotCheckedBeforeTheBuild() {
        assertThat(prepare("provisioner", "file", "source = \"gone.txt\"\ndestination = \"/tmp/x\"\ngenerated ="
                + " true").ok()).isTrue();
    }

    @Test
    void downloadSourcesAreNotCheckedLocally() {
        assertThat(prepare("provisioner", "file", "source = \"/remote\"\ndestination = \"x\"\ndirection ="
                + " \"download\"").ok()).isTrue();
    }

    @Test
    void unknownDirectionAndNoDestinationAreBothReported() {
        assertThat(prepare("provisioner", "file", "content = \"c\"\ndirection = \"sideways\"").error())
                .isEqualTo("""
                        2 error(s) occurred:

                        * Direction must be one of: download, upload.
                        * Destination must be specified.""");
    }

    @Test
    void contentConflictsWithSource() {
        assertThat(prepare("provisioner", "file", "content = \"c\"\nsource = \"/\"\ndestination = \"d\"").error())
                .isEqualTo("1 error(s) occurred:\n\n* source(s) conflicts with content.");
    }

    @Test
    void aSourceOrContentIsRequired() {
        assertThat(prepare("provisioner", "file", "destination = \"d\"").error())
                .isEqualTo("1 error(s) occurred:\n\n* Source must be specified.");
    }
}
