package io.jenkins.plugins.packer.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code run_command} read as {@code docker run} reads its options. */
class RunCommandTest {

    @Test
    void packersDefaultRunCommand() throws Exception {
        RunCommand r = RunCommand.parse(List.of("-v", "/tmp/x:/packer-files", "-d", "-i", "-t",
                "--entrypoint=/bin/sh", "--", "debian:12"));
        assertThat(r.image()).isEqualTo("debian:12");
        assertThat(r.command()).isEmpty();
        assertThat(r.entrypoint()).isEqualTo("/bin/sh");
        assertThat(r.interactive()).isTrue();
        assertThat(r.tty()).isTrue();
        assertThat(r.volumes()).containsExactly("/tmp/x:/packer-files");
    }

    @Test
    void combinedShortFlagsValuesInBothFormsAndTheCommandAfterTheImage() throws Exception {
        RunCommand r = RunCommand.parse(List.of("-dit", "-e", "A=1", "--env=B=2", "-eC=3", "--network", "none",
                "--cap-add", "SYS_ADMIN", "--tmpfs", "/run:rw,size=64m", "-u", "1000:1000", "--label", "k=v",
                "--privileged", "img", "-c", "sleep 1"));
        assertThat(r.interactive()).isTrue();
        assertThat(r.tty()).isTrue();
        assertThat(r.env()).containsExactly("A=1", "B=2", "C=3");
        assertThat(r.network()).isEqualTo("none");
        assertThat(r.capAdd()).containsExactly("SYS_ADMIN");
        assertThat(r.tmpfs()).containsEntry("/run", "rw,size=64m");
        assertThat(r.user()).isEqualTo("1000:1000");
        assertThat(r.labels()).containsEntry("k", "v");
        assertThat(r.privileged()).isTrue();
        assertThat(r.image()).isEqualTo("img");
        assertThat(r.command()).containsExactly("-c", "sleep 1");
    }

    @Test
    void anOptionWeDoNotHandleIsRefusedByName() {
        // differences.md: packer hands run_command to the docker command line, which knows every option.
        assertThatThrownBy(() -> RunCommand.parse(List.of("--memory-swappiness", "10", "img")))
                .isInstanceOf(RunCommand.Invalid.class)
                .hasMessageStartingWith("the docker run option --memory-swappiness is not supported in run_command;"
                        + " supported: ");
        assertThatThrownBy(() -> RunCommand.parse(List.of("-dx", "img")))
                .hasMessageContaining("the docker run option -dx is not supported");
    }

    @Test
    void missingImageAndMissingValuesAreSaidAsDockerSaysThem() {
        assertThatThrownBy(() -> RunCommand.parse(List.of("-d", "-i")))
                .hasMessage("\"docker run\" requires at least 1 argument: the image to run");
        assertThatThrownBy(() -> RunCommand.parse(List.of("--entrypoint")))
                .hasMessage("flag needs an argument: --entrypoint");
    }
}
