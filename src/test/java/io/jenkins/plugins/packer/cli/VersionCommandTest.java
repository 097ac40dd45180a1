package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code pkrj version} and its flag forms name the tool and the Packer template language it implements. */
class VersionCommandTest {

    @Test
    void versionNamesTheToolAndThePackerVersionItImplements() {
        Run run = Run.pkrj(Path.of("."), "", "version");
        assertThat(run.out()).matches("pkrj v\\S+ \\(Packer v1\\.16\\.0\\)\\n");
        assertThat(run.rc()).isZero();
    }

    @Test
    void dashVIsTheVersionCommand() {
        assertThat(Run.pkrj(Path.of("."), "", "-v").out()).isEqualTo(Run.pkrj(Path.of("."), "", "version").out());
    }

    @Test
    void noCommandPrintsUsageAndExits127() {
        Run run = Run.pkrj(Path.of("."), "");
        assertThat(run.out()).startsWith("Usage: pkrj [--version] [--help] <command> [<args>]");
        assertThat(run.rc()).isEqualTo(127);
    }
}
