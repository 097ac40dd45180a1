package io.jenkins.plugins.packer.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.run.Cancellation;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a build says when there is no daemon where DOCKER_HOST points: the docker command line's words. */
class DockerEngineTest {

    @TempDir
    Path work;

    @Test
    void aDaemonThatIsNotThereIsSaidAsTheDockerCommandSaysIt() {
        String template = """
                source "docker" "c" {
                  image   = "busybox"
                  discard = true
                }
                build {
                  sources = ["source.docker.c"]
                }
                """;
        for (String host : new String[] {"unix://" + work.resolve("no.sock"), "tcp://127.0.0.1:1"}) {
            DockerBuilds.Built b = DockerBuilds.build(work, Map.of("DOCKER_HOST", host, "PATH", "/usr/bin:/bin"),
                    template, new Cancellation());
            assertThat(b.result().exitCode()).as(b.output()).isEqualTo(1);
            assertThat(b.output()).contains("==> docker.c: Pulling Docker image: busybox\n"
                    + "    docker.c: Cannot connect to the Docker daemon at " + host + ". Is the docker daemon running?\n"
                    + "==> docker.c: Error pulling Docker image: Bad exit status: 1\n");
        }
    }
}
