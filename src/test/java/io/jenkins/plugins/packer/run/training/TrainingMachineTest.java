package io.jenkins.plugins.packer.run.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training's EC2 endpoint speaks TLS, as AWS's do, so that the start-up cache holds a TLS client's classes. */
class TrainingMachineTest {

    @TempDir
    Path files;

    @Test
    void theEc2EndpointIsServedOverTls() throws Exception {
        try (TrainingMachine machine = TrainingMachine.start(files, false)) {
            assertThat(machine.ec2Endpoint()).matches("https://127\\.0\\.0\\.1:[0-9]+");
            assertThat(machine.sshPort()).isPositive();
        }
    }
}
