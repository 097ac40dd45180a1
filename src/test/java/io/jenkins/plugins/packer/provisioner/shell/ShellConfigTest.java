package io.jenkins.plugins.packer.provisioner.shell;

import static io.jenkins.plugins.packer.component.PrepareFixture.prepare;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellConfigTest {

    @TempDir
    Path dir;

    @Test
    void somethingToRunIsRequired() {
        assertThat(prepare("provisioner", "shell", "").error())
                .isEqualTo("1 error(s) occurred:\n\n* Either a script file or inline script must be specified.");
    }

    @Test
    void scriptAndInlineTogetherAreRejected() throws Exception {
        Files.writeString(dir.resolve("a.sh"), "true");
        assertThat(prepare("provisioner", "shell", "inline = [\"x\"]\nscript = \"a.sh\"", dir).error())
                .isEqualTo("1 error(s) occurred:\n\n* Only a script file or an inline script can be specified,"
                        + " not both.");
    }

    @Test
    void scriptAndScriptsTogetherAreRejected() throws Exception {
        Files.writeString(dir.resolve("a.sh"), "true");
        assertThat(prepare("provisioner", "shell", "script = \"a.sh\"\nscripts = [\"a.sh\"]", dir).error())
                .isEqualTo("1 error(s) occurred:\n\n* Only one of script or scripts can be specified.");
    }

    @Test
    void missingScriptsAreEachReported() {
        assertThat(prepare("provisioner", "shell", "scripts = [\"one.sh\", \"two.sh\"]", dir).error())
                .isEqualTo("""
                        2 error(s) occurred:

                        * Bad script 'one.sh': stat one.sh: no such file or directory
                        * Bad script 'two.sh': stat two.sh: no such file or directory""");
    }

    @Test
    void environmentVariableWithoutEqualsIsRejected() {
        assertThat(prepare("provisioner", "shell", "inline = [\"x\"]\nenvironment_vars = [\"A=1\", \"=b\"]").error())
                .isEqualTo("1 error(s) occurred:\n\n* Environment variable not in format 'key=value': =b");
    }
}
