package io.jenkins.plugins.packer.postprocessor.docker;

import static io.jenkins.plugins.packer.docker.DockerBuilds.buildBlock;
import static io.jenkins.plugins.packer.docker.DockerBuilds.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.docker.DockerBuilds;
import io.jenkins.plugins.packer.docker.DockerBuilds.Built;
import io.jenkins.plugins.packer.docker.DockerDaemon;
import io.jenkins.plugins.packer.docker.DockerEngine;
import io.jenkins.plugins.packer.docker.DockerRegistry;
import io.jenkins.plugins.packer.run.Artifact;
import io.jenkins.plugins.packer.run.Cancellation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-tag, docker-save, docker-import and docker-push against a real Docker daemon and a real registry on
 * 127.0.0.1: the chains Packer's docs show (commit → tag → save, export → import → tag, commit → tag → push with a
 * login), the images and tags they leave, the files they write, and the artifacts each refuses, in Packer's words.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DockerPostProcessorsTest {

    static DockerDaemon daemon;

    @TempDir
    Path work;

    DockerEngine engine;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = DockerDaemon.shared();
    }

    @BeforeEach
    void connect() {
        engine = daemon.engine();
    }

    @AfterEach
    void close() throws IOException {
        engine.close();
    }

    private Built build(String template) {
        return DockerBuilds.build(work, daemon, template, new Cancellation());
    }

    private List<String> tags() {
        return engine.client().listImagesCmd().exec().stream()
                .flatMap(i -> i.getRepoTags() == null ? java.util.stream.Stream.empty()
                        : java.util.Arrays.stream(i.getRepoTags())).toList();
    }

    private void removeImage(String ref) {
        engine.client().removeImageCmd(ref).withForce(true).exec();
    }

    @Test
    void commitThenTagThenSave() throws IOException {
        Built b = build(source("commit = true") + buildBlock("""
                  provisioner "shell" {
                    inline = ["touch /tagged"]
                  }
                  post-processors {
                    post-processor "docker-tag" {
                      repository = "pkrj-test/tagged"
                      tags       = ["v1", "latest"]
                    }
                    post-processor "docker-save" {
                      path = "saved.tar"
                    }
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        String image = b.output().replaceAll("(?s).*Image ID: (sha256:[0-9a-f]+).*", "$1");
        assertThat(b.output()).contains("""
                ==> docker.c: Running post-processor:  (type docker-tag)
                    docker.c (docker-tag): Tagging image: %1$s
                    docker.c (docker-tag): Repository: pkrj-test/tagged:v1
                    docker.c (docker-tag): Tagging image: %1$s
                    docker.c (docker-tag): Repository: pkrj-test/tagged:latest
                ==> docker.c: Running post-processor:  (type docker-save)
                    docker.c (docker-save): Saving image: pkrj-test/tagged:latest
                    docker.c (docker-save): Saved to: saved.tar
                """.formatted(image))
                .contains("--> docker.c: Imported Docker image: pkrj-test/tagged:latest with tags"
                        + " pkrj-test/tagged:v1 pkrj-test/tagged:latest\n");
        assertThat(tags()).contains("pkrj-test/tagged:v1", "pkrj-test/tagged:latest");
        Map<String, String> saved = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(work.resolve("saved.tar")))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.getName().equals("manifest.json")) {
                    saved.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(saved.get("manifest.json")).contains("pkrj-test/tagged:latest");
        removeImage("pkrj-test/tagged:v1");
        removeImage("pkrj-test/tagged:latest");
    }

    @Test
    void exportThenImportWithChangesThenTag() throws IOException {
        Built b = build(source("export_path = \"image.tar\"") + buildBlock("""
                  provisioner "shell" {
                    inline = ["echo imported > /root/marker"]
                  }
                  post-processors {
                    post-processor "docker-import" {
                      repository = "pkrj-test/imported"
                      tag        = "1.0"
                      changes    = ["ENV STAGE=imported", "CMD [\\"/bin/sh\\"]"]
                    }
                    post-processor "docker-tag" {
                      repository = "pkrj-test/imported"
                      tags       = ["2.0"]
                    }
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).contains("""
                ==> docker.c: Running post-processor:  (type docker-import)
                    docker.c (docker-import): Importing image: Container
                    docker.c (docker-import): Repository: pkrj-test/imported:1.0
                    docker.c (docker-import): Imported ID: sha256:""")
                .contains("""
                ==> docker.c: Running post-processor:  (type docker-tag)
                    docker.c (docker-tag): Tagging image: pkrj-test/imported:1.0
                    docker.c (docker-tag): Repository: pkrj-test/imported:2.0
                """)
                .contains("--> docker.c: Imported Docker image: pkrj-test/imported:1.0\n"
                        + "--> docker.c: Imported Docker image: pkrj-test/imported:2.0 with tags"
                        + " pkrj-test/imported:2.0\n");
        var inspected = engine.client().inspectImageCmd("pkrj-test/imported:2.0").exec();
        assertThat(inspected.getConfig().getEnv()).contains("STAGE=imported");
        assertThat(inspected.getConfig().getCmd()).containsExactly("/bin/sh");
        // docker-import does not keep its input: the exported tarball is gone, as with Packer.
        assertThat(work.resolve("image.tar")).doesNotExist();
        removeImage("pkrj-test/imported:1.0");
        removeImage("pkrj-test/imported:2.0");
    }

    @Test
    void eachRefusesArtifactsItCannotUse() {
        Built b = build(source("export_path = \"image.tar\"") + buildBlock("""
                  post-processor "docker-tag" {
                    name       = "wrongtag"
                    repository = "pkrj-test/never"
                  }
                  post-processor "docker-save" {
                    path = "never.tar"
                  }
                  post-processor "docker-push" {
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isEqualTo(1);
        assertThat(b.output()).contains("""
                * Post-processor failed: Unknown artifact type: packer.docker
                Can only tag from Docker builder artifacts.
                * Post-processor failed: Unknown artifact type: packer.docker
                Can only save Docker builder artifacts.
                * Post-processor failed: Unknown artifact type: packer.docker
                Can only import from docker-import and docker-tag artifacts.
                """);
        Built commit = build(source("commit = true") + buildBlock("""
                  post-processor "docker-import" {
                    repository = "pkrj-test/never"
                  }
                """));
        assertThat(commit.output()).contains("* Post-processor failed: Unknown artifact type:"
                + " packer.post-processor.docker-import\nCan only import from Docker builder and Artifice"
                + " post-processor artifacts. If you are getting this error after having run the docker builder, it"
                + " may be because you set commit: true in your Docker builder, so the image is already imported. ");
        assertThat(tags()).noneMatch(t -> t.startsWith("pkrj-test/never"));
    }

    @Test
    void theBuilderPullsAPrivateImageWithItsLogin() throws Exception {
        try (DockerRegistry registry = DockerRegistry.start(work.resolve("registry"))) {
            String image = registry.address() + "/pkrj/base:1";
            var auth = new com.github.dockerjava.api.model.AuthConfig().withUsername(DockerRegistry.USER)
                    .withPassword(DockerRegistry.PASSWORD).withRegistryAddress(registry.address());
            engine.client().tagImageCmd(DockerDaemon.BUSYBOX, registry.address() + "/pkrj/base", "1").exec();
            engine.client().pushImageCmd(registry.address() + "/pkrj/base").withTag("1").withAuthConfig(auth)
                    .start().awaitCompletion(60, TimeUnit.SECONDS);
            removeImage(image);
            String template = """
                    source "docker" "c" {
                      image          = "%s"
                      discard        = true
                      run_command    = %s
                      login          = true
                      login_server   = "%s"
                      login_username = "%s"
                      login_password = "%s"
                    }
                    """.formatted(image, DockerDaemon.RUN_COMMAND, registry.address(), DockerRegistry.USER,
                    DockerRegistry.PASSWORD) + buildBlock("""
                      provisioner "shell" {
                        inline = ["echo pulled"]
                      }
                    """);
            Built b = build(template);
            assertThat(b.result().exitCode()).as(b.output()).isZero();
            assertThat(b.output()).contains("==> docker.c: Pulling Docker image: " + image + "\n"
                    + "    docker.c: Logging in...\n").contains("    docker.c: pulled\n")
                    .doesNotContain(DockerRegistry.PASSWORD);
            assertThat(tags()).contains(image);
            removeImage(image);

            Built wrong = build(template.replace(DockerRegistry.PASSWORD, "not-the-password"));
            assertThat(wrong.result().exitCode()).as(wrong.output()).isEqualTo(1);
            assertThat(wrong.output()).contains("Error logging in: Error response from daemon: ");
            assertThat(tags()).doesNotContain(image);
        }
    }

    /**
     * ecr_login: the password comes from ECR's GetAuthorizationToken (moto on 127.0.0.1, with the source's AWS keys),
     * and is what the registry (ours, under the ECR name the tests' daemon resolves to 127.0.0.1) requires; the
     * builder pulls with it and docker-push pushes with it, and it never appears in the output.
     */
    @Test
    void ecrLoginFetchesTheRegistrysPasswordFromEcr() throws Exception {
        String token = "123456789012-auth-token";
        try (var moto = io.jenkins.plugins.packer.builder.amazon.MotoServer.start(work.resolve("moto"));
             DockerRegistry registry = DockerRegistry.start(work.resolve("registry"), "AWS", token)) {
            String server = DockerDaemon.ECR_HOST + ":" + registry.port;
            String ecr = """
                      ecr_login      = true
                      login_server   = "%s"
                      aws_access_key = "%s"
                      aws_secret_key = "%s"
                    """.formatted(server, io.jenkins.plugins.packer.builder.amazon.MotoServer.ACCESS_KEY,
                    io.jenkins.plugins.packer.builder.amazon.MotoServer.SECRET_KEY);
            java.util.Map<String, String> env = new java.util.HashMap<>(daemon.env());
            env.put("AWS_ENDPOINT_URL_ECR", moto.endpoint());
            Built pushed = DockerBuilds.build(work, env, source("commit = true") + buildBlock("""
                      post-processors {
                        post-processor "docker-tag" {
                          repository = "%s/pkrj/ecr-app"
                          tags       = ["1"]
                        }
                        post-processor "docker-push" {
                          %s
                        }
                      }
                    """.formatted(server, ecr)), new Cancellation());
            assertThat(pushed.result().exitCode()).as(pushed.output()).isZero();
            assertThat(pushed.output()).contains("    docker.c (docker-push): Fetching ECR credentials...\n"
                    + "    docker.c (docker-push): Logging in...\n").doesNotContain(token);
            assertThat(registry.get("/v2/pkrj/ecr-app/tags/list")).contains("\"1\"");
            removeImage(server + "/pkrj/ecr-app:1");

            Built pulled = DockerBuilds.build(work, env, """
                    source "docker" "c" {
                      image       = "%s/pkrj/ecr-app:1"
                      discard     = true
                      run_command = %s
                      %s
                    }
                    """.formatted(server, DockerDaemon.RUN_COMMAND, ecr) + buildBlock("""
                      provisioner "shell" {
                        inline = ["echo from ecr"]
                      }
                    """), new Cancellation());
            assertThat(pulled.result().exitCode()).as(pulled.output()).isZero();
            assertThat(pulled.output()).contains("    docker.c: Fetching ECR credentials...\n"
                    + "    docker.c: Logging in...\n").contains("    docker.c: from ecr\n").doesNotContain(token);
            removeImage(server + "/pkrj/ecr-app:1");
        }
    }

    @Test
    void commitThenTagThenPushWithLoginPushesEachNameOnce() throws Exception {
        try (DockerRegistry registry = DockerRegistry.start(work.resolve("registry"))) {
            String repo = registry.address() + "/pkrj/app";
            Built b = build(source("commit = true") + buildBlock("""
                      provisioner "shell" {
                        inline = ["echo pushed > /pushed"]
                      }
                      post-processors {
                        post-processor "docker-tag" {
                          repository = "%s"
                          tags       = ["1.0"]
                        }
                        post-processor "docker-push" {
                          login          = true
                          login_server   = "%s"
                          login_username = "%s"
                          login_password = "%s"
                        }
                      }
                    """.formatted(repo, registry.address(), DockerRegistry.USER, DockerRegistry.PASSWORD)));
            assertThat(b.result().exitCode()).as(b.output()).isZero();
            assertThat(b.output()).contains("    docker.c (docker-push): Logging in...\n")
                    .contains("    docker.c (docker-push): Pushing: " + repo + ":1.0\n")
                    .contains("    docker.c (docker-push): Logging out...\n")
                    .doesNotContain(DockerRegistry.PASSWORD);
            assertThat(registry.get("/v2/pkrj/app/tags/list")).contains("\"1.0\"");
            // Once: Packer 1.6.6 pushes the tagged name, then each tag, so the last tag twice (differences.md).
            assertThat(b.output().split("Pushing: ", -1)).hasSize(2);
            Artifact pushed = b.artifacts().get(b.artifacts().size() - 1);
            assertThat(pushed.id()).isEqualTo(repo + ":1.0");
            removeImage(repo + ":1.0");

            // Without the login the registry refuses, and the post-processor fails as docker push does.
            Built refused = build(source("commit = true") + buildBlock("""
                      post-processors {
                        post-processor "docker-tag" {
                          repository = "%s"
                          tags       = ["2.0"]
                        }
                        post-processor "docker-push" {}
                      }
                    """.formatted(repo)));
            assertThat(refused.result().exitCode()).as(refused.output()).isEqualTo(1);
            assertThat(refused.output()).contains("* Post-processor failed: Bad exit status: 1");
            assertThat(registry.get("/v2/pkrj/app/tags/list")).doesNotContain("\"2.0\"");
            removeImage(repo + ":2.0");
        }
    }
}
