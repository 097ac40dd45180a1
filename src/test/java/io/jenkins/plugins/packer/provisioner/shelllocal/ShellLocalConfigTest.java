package io.jenkins.plugins.packer.provisioner.shelllocal;

import static io.jenkins.plugins.packer.component.PrepareFixture.prepare;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShellLocalConfigTest {

    private static final String TOO_MANY = "You may only specify one of the following options: Command, Inline,"
            + " Script or Scripts. Please consolidate these options in your config.";

    @Test
    void somethingToRunIsRequired() {
        assertThat(prepare("provisioner", "shell-local", "").error()).isEqualTo(
                "1 error(s) occurred:\n\n* Command, Inline, Script and Scripts options cannot all be empty.");
    }

    @Test
    void commandAndInlineTogetherAreRejected() {
        assertThat(prepare("provisioner", "shell-local", "command = \"a\"\ninline = [\"b\"]").error())
                .isEqualTo("1 error(s) occurred:\n\n* " + TOO_MANY);
    }

    @Test
    void thePostProcessorMakesTheSameChecks() {
        assertThat(prepare("post-processor", "shell-local", "inline = [\"b\"]\nscripts = [\"a.sh\"]").error())
                .isEqualTo("2 error(s) occurred:\n\n* " + TOO_MANY
                        + "\n* Bad script 'a.sh': stat a.sh: no such file or directory");
    }

    @Test
    void unknownOnlyOnSystemIsReportedAlone() {
        assertThat(prepare("provisioner", "shell-local", "only_on = [\"plan9\"]").error())
                .isEqualTo("Invalid OS specified in only_on: 'plan9'\nSupported OS names: darwin, freebsd, linux,"
                        + " openbsd, solaris, windows");
    }
}
