package io.jenkins.plugins.packer.builder.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The names builds give their containers are names docker accepts, whatever the run's id looks like. */
class ContainerNameTest {

    @Test
    void anyRunIdGivesAValidName() {
        for (String runId : new String[] {"4f1c2d3e-aaaa-bbbb-cccc-0123456789ab", "id", "", null, "job/x#12 ü"}) {
            String name = DockerBuilder.containerName(runId);
            assertThat(name).as(String.valueOf(runId)).matches("packer-steps-([A-Za-z0-9]{1,12}-)?[0-9a-f]{8}")
                    .matches("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
        }
        assertThat(DockerBuilder.containerName("4f1c2d3e-aaaa-bbbb")).startsWith("packer-steps-4f1c2d3eaaaa-");
    }
}
