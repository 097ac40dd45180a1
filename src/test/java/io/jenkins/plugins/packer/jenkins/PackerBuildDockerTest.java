package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.docker.DockerDaemon;
import io.jenkins.plugins.packer.docker.DockerEngine;
import io.jenkins.plugins.packer.run.Cancellation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packerBuild of a docker template on an agent with a Docker daemon (the tests' own, named by the step's
 * {@code DOCKER_HOST}): the image's id, name and tags in the step's result, and on the run's page next to AMIs.
 */
class PackerBuildDockerTest {

    @TempDir
    Path ws;

    @AfterEach
    void removeWorkspaceTmp() throws Exception {
        WorkspaceTmp.delete(ws);
    }

    @Test
    @SuppressWarnings("unchecked")
    void bakesAnImageAndReturnsItsIdNameAndTags() throws Exception {
        DockerDaemon daemon = DockerDaemon.shared();
        Files.writeString(ws.resolve("app.pkr.hcl"), """
                variable "version" {
                  type = string
                }

                source "docker" "app" {
                  image       = "%s"
                  pull        = false
                  commit      = true
                  run_command = %s
                  changes     = ["LABEL version=${var.version}"]
                }

                build {
                  sources = ["source.docker.app"]
                  provisioner "shell" {
                    inline = ["echo baking ${var.version}"]
                  }
                  post-processor "docker-tag" {
                    repository = "pkrj-test/app"
                    tags       = [var.version, "latest"]
                  }
                }
                """.formatted(DockerDaemon.BUSYBOX, DockerDaemon.RUN_COMMAND));
        Path tmp = Files.createDirectories(ws.resolve("packer-tmp"));
        BuildRequest req = new BuildRequest("id", "app.pkr.hcl", Map.of("version", "1.2"), List.of(), List.of(),
                List.of(), "cleanup", 0, false, false, false, Map.of("PATH", "/usr/bin:/bin", "DOCKER_HOST",
                daemon.host(), "PACKER_TMP_DIR", tmp.toString()), null, null);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BuildOutcome o = PackerBuilding.build(ws, req, new PrintStream(log, true, StandardCharsets.UTF_8),
                new Cancellation(), Clock.systemUTC());
        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(o.succeeded()).as(text).isTrue();
        assertThat(text).contains("    docker.app: baking 1.2\n");
        Map<String, Object> build = (Map<String, Object>) ((Map<String, Object>) o.result().get("builds"))
                .get("docker.app");
        List<Map<String, Object>> artifacts = (List<Map<String, Object>>) build.get("artifacts");
        Map<String, Object> committed = artifacts.get(0);
        String id = (String) committed.get("dockerImage");
        assertThat(id).startsWith("sha256:");
        assertThat(committed).containsEntry("dockerImageId", id).containsEntry("dockerTags", List.of());
        Map<String, Object> tagged = artifacts.get(1);
        assertThat(tagged).containsEntry("dockerImage", "pkrj-test/app:latest")
                .containsEntry("dockerTags", List.of("pkrj-test/app:1.2", "pkrj-test/app:latest"));
        try (DockerEngine engine = daemon.engine()) {
            assertThat(engine.imageId("pkrj-test/app:1.2")).isEqualTo(id);
            assertThat(engine.client().inspectImageCmd(id).exec().getConfig().getLabels())
                    .containsEntry("version", "1.2");

            // The run's page lists the image by id and by each tag; exportEnv gives the last name to later steps.
            hudson.model.Run<?, ?> run = new PackerBuildAmazonTest.RecordingRun();
            PackerImagesAction.record(run, o, true);
            assertThat(run.getAction(PackerImagesAction.class).getImages()).extracting(Object::toString)
                    .containsExactly("docker.app " + id, "docker.app pkrj-test/app:latest",
                            "docker.app pkrj-test/app:1.2");
            hudson.EnvVars env = new hudson.EnvVars();
            run.getAction(PackerImagesAction.class).buildEnvironment(run, env);
            assertThat(env).containsEntry("PACKER_ARTIFACT_DOCKER_APP", "pkrj-test/app:1.2");
            engine.client().removeImageCmd("pkrj-test/app:1.2").withForce(true).exec();
            engine.client().removeImageCmd("pkrj-test/app:latest").withForce(true).exec();
        }
    }
}
