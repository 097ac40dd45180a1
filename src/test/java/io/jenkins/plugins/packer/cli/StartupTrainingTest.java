package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.run.training.TrainingBake;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The start-up training's bake runs to its end against its own EC2 endpoint and SSH server, so the build's start-up
 * cache holds what a whole bake loads (a failing bake would still leave a cache, of its first steps only).
 */
class StartupTrainingTest {

    @ParameterizedTest(name = "an Ed25519 host key: {0}")
    @ValueSource(booleans = {false, true})
    void theTrainingBakeMakesItsAmiThroughEveryStep(boolean ed25519) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            code = TrainingBake.run((folder, env) -> Main.run(new Main.Io(InputStream.nullInputStream(), out, env,
                    folder), "build", "-color=false", "build.pkr.hcl"), ed25519);
        }
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(code).as(output).isZero();
        assertThat(output).contains("==> amazon-ebs.training: Connected to SSH!\n")
                .contains("==> amazon-ebs.training: Provisioning with shell script: ")
                .contains("==> amazon-ebs.training: Adding tags to AMI (ami-0fedcba9876543210)...\n")
                .contains("--> amazon-ebs.training: AMIs were created:\nus-east-1: ami-0fedcba9876543210\n")
                .doesNotContain("Timeout waiting for SSH");
    }
}
