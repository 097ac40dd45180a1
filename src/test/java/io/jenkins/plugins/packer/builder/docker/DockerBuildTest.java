package io.jenkins.plugins.packer.builder.docker;

import static io.jenkins.plugins.packer.docker.DockerBuilds.buildBlock;
import static io.jenkins.plugins.packer.docker.DockerBuilds.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import io.jenkins.plugins.packer.docker.DockerBuilds;
import io.jenkins.plugins.packer.docker.DockerBuilds.Built;
import io.jenkins.plugins.packer.docker.DockerDaemon;
import io.jenkins.plugins.packer.docker.DockerEngine;
import io.jenkins.plugins.packer.run.Artifact;
import io.jenkins.plugins.packer.run.Cancellation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker builds against a real Docker daemon ({@link DockerDaemon}): a committed image with the changes applied and
 * the provisioners' files in it, an exported tarball, a discarded container, files and folders copied in and out,
 * a failing provisioner and a cancelled build (the container removed either way, nothing left), and a missing image
 * with {@code pull = false}.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DockerBuildTest {

    static DockerDaemon daemon;

    @TempDir
    Path work;

    DockerEngine engine;
    List<String> imagesBefore;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = DockerDaemon.shared();
    }

    @BeforeEach
    void connect() {
        engine = daemon.engine();
        imagesBefore = images();
    }

    @AfterEach
    void close() throws IOException {
        engine.close();
    }

    private Built build(String template) {
        return build(template, new Cancellation());
    }

    private Built build(String template, Cancellation cancellation) {
        return DockerBuilds.build(work, daemon, template, cancellation);
    }

    private List<String> images() {
        return engine.client().listImagesCmd().withShowAll(true).exec().stream().map(i -> i.getId()).toList();
    }

    /** The containers of the test image (every test's containers run from it or from its own image). */
    private List<Container> containers() {
        return engine.client().listContainersCmd().withShowAll(true).exec();
    }

    /** The shared temporary folders left in PACKER_TMP_DIR. */
    private List<Path> tempDirsLeft() throws IOException {
        try (Stream<Path> s = Files.list(work.resolve("packer-tmp"))) {
            return s.toList();
        }
    }

    /** A file of an image, read from a container made (not started) from it. */
    private String fileInImage(String image, String path) throws IOException {
        String id = engine.client().createContainerCmd(image).exec().getId();
        try (InputStream in = engine.client().copyArchiveFromContainerCmd(id, path).exec();
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            tar.getNextEntry();
            return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            engine.client().removeContainerCmd(id).withForce(true).exec();
        }
    }

    @Test
    void commitAppliesChangesAndKeepsWhatTheProvisionersMade() throws IOException {
        Path tree = Files.createDirectories(work.resolve("tree/sub"));
        Files.writeString(tree.resolve("leaf.txt"), "leaf\n");
        Files.writeString(work.resolve("tree/top.txt"), "top\n");
        Built b = build(source("""
                  commit  = true
                  author  = "Packer Steps <ci@example.com>"
                  message = "baked"
                  changes = ["ENV FOO=bar", "LABEL stage=baked", "ENTRYPOINT [\\"/bin/sh\\", \\"-c\\"]",
                             "WORKDIR /srv"]
                """) + buildBlock("""
                  provisioner "shell" {
                    inline = ["echo \\"hello from $(id -un)\\"", "echo to-stderr >&2", "mkdir -p /srv",
                              "echo made > /srv/made.txt"]
                  }
                  provisioner "file" {
                    content     = "uploaded content\\n"
                    destination = "/srv/uploaded.txt"
                  }
                  provisioner "file" {
                    source      = "tree"
                    destination = "/srv/trees"
                  }
                  provisioner "file" {
                    source      = "tree/"
                    destination = "/srv/contents"
                  }
                  provisioner "file" {
                    source      = "/srv/made.txt"
                    destination = "downloaded/made.txt"
                    direction   = "download"
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output())
                .startsWith("==> docker.c: Creating a temporary directory for sharing data...\n"
                        + "==> docker.c: Starting docker container...\n"
                        + "    docker.c: Run command: docker run -v " + work.resolve("packer-tmp"))
                .contains(":/packer-files -d -i -t --network none --entrypoint=/bin/sh -- " + DockerDaemon.BUSYBOX
                        + "\n    docker.c: Container ID: ")
                .contains("==> docker.c: Using docker communicator to connect:\n")
                .contains("\n    docker.c: hello from root\n")
                .contains("\n==> docker.c: to-stderr\n")
                .contains("==> docker.c: Committing the container\n    docker.c: Image ID: sha256:")
                .contains("==> docker.c: Killing the container: ")
                .contains("--> docker.c: Imported Docker image: sha256:");
        Artifact a = b.artifacts().get(0);
        // As Packer's: a committed image is docker-import's kind of artifact, which docker-tag and docker-push take.
        assertThat(a.builderId()).isEqualTo("packer.post-processor.docker-import");
        assertThat(a.id()).startsWith("sha256:");
        assertThat(a.generatedData()).containsEntry("ImageSha256", a.id());
        var config = engine.client().inspectImageCmd(a.id()).exec();
        assertThat(config.getConfig().getEnv()).contains("FOO=bar");
        assertThat(config.getConfig().getLabels()).containsEntry("stage", "baked");
        assertThat(config.getConfig().getEntrypoint()).containsExactly("/bin/sh", "-c");
        assertThat(config.getConfig().getWorkingDir()).isEqualTo("/srv");
        assertThat(config.getAuthor()).isEqualTo("Packer Steps <ci@example.com>");
        assertThat(config.getComment()).isEqualTo("baked");
        assertThat(fileInImage(a.id(), "/srv/made.txt")).isEqualTo("made\n");
        assertThat(fileInImage(a.id(), "/srv/uploaded.txt")).isEqualTo("uploaded content\n");
        // docker cp: a folder copied to a path that does not exist becomes it; "tree/" copies the contents.
        assertThat(fileInImage(a.id(), "/srv/trees/sub/leaf.txt")).isEqualTo("leaf\n");
        assertThat(fileInImage(a.id(), "/srv/trees/top.txt")).isEqualTo("top\n");
        assertThat(fileInImage(a.id(), "/srv/contents/sub/leaf.txt")).isEqualTo("leaf\n");
        assertThat(Files.readString(work.resolve("downloaded/made.txt"))).isEqualTo("made\n");
        assertThat(containers()).isEmpty();
        assertThat(tempDirsLeft()).isEmpty();
        engine.client().removeImageCmd(a.id()).withForce(true).exec();
    }

    @Test
    void folderUploadedIntoAnExistingFolderLandsInsideIt() throws IOException {
        Files.createDirectories(work.resolve("conf.d"));
        Files.writeString(work.resolve("conf.d/a.conf"), "a=1\n");
        Built b = build(source("commit = true") + buildBlock("""
                  provisioner "shell" {
                    inline = ["mkdir -p /etc/app"]
                  }
                  provisioner "file" {
                    source      = "conf.d"
                    destination = "/etc/app"
                  }
                  provisioner "file" {
                    source      = "/etc/app/"
                    destination = "back"
                    direction   = "download"
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        String image = b.artifacts().get(0).id();
        assertThat(fileInImage(image, "/etc/app/conf.d/a.conf")).isEqualTo("a=1\n");
        // The folder is downloaded as a tree (Packer 1.6.6's docker communicator cannot download folders).
        assertThat(Files.readString(work.resolve("back/app/conf.d/a.conf"))).isEqualTo("a=1\n");
        engine.client().removeImageCmd(image).withForce(true).exec();
    }

    @Test
    void exportWritesTheContainersFileSystem() throws IOException {
        Built b = build(source("export_path = \"out/image.tar\"") + buildBlock("""
                  provisioner "shell" {
                    inline = ["echo exported > /root/marker"]
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).contains("==> docker.c: Exporting the container\n")
                .contains("--> docker.c: Exported Docker file: out/image.tar");
        Artifact a = b.artifacts().get(0);
        assertThat(a.builderId()).isEqualTo("packer.docker");
        assertThat(a.id()).isEqualTo("Container");
        assertThat(a.files()).containsExactly("out/image.tar");
        Map<String, String> files = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(work.resolve(
                "out/image.tar")))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                files.put(e.getName(), e.isFile() ? new String(tar.readAllBytes(), StandardCharsets.UTF_8) : "");
            }
        }
        assertThat(files).containsEntry("root/marker", "exported\n").containsKey("bin/busybox");
        assertThat(images()).containsExactlyInAnyOrderElementsOf(imagesBefore);
        assertThat(containers()).isEmpty();
    }

    @Test
    void discardLeavesNothing() throws IOException {
        Built b = build(source("discard = true") + buildBlock("""
                  provisioner "shell" {
                    inline = ["touch /gone"]
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        // Packer 1.6.6 reports a discarded container as an export artifact with no file.
        assertThat(b.output()).doesNotContain("Committing").doesNotContain("Exporting")
                .contains("--> docker.c: Exported Docker file: \n");
        assertThat(images()).containsExactlyInAnyOrderElementsOf(imagesBefore);
        assertThat(containers()).isEmpty();
        assertThat(tempDirsLeft()).isEmpty();
    }

    @Test
    void failingProvisionerRemovesTheContainerAndMakesNoImage() throws IOException {
        Built b = build(source("commit = true") + buildBlock("""
                  provisioner "shell" {
                    inline = ["echo before", "exit 7"]
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isEqualTo(1);
        assertThat(b.output()).contains("    docker.c: before\n")
                .contains("Script exited with non-zero exit status: 7.Allowed exit codes are: [0]")
                .contains("==> docker.c: Provisioning step had errors: Running the cleanup provisioner, if present...")
                .contains("==> docker.c: Killing the container: ")
                .doesNotContain("Committing");
        assertThat(images()).containsExactlyInAnyOrderElementsOf(imagesBefore);
        assertThat(containers()).isEmpty();
        assertThat(tempDirsLeft()).isEmpty();
    }

    @Test
    void cancellationMidCommandRemovesTheContainer() throws Exception {
        Cancellation cancel = new Cancellation();
        CompletableFuture<Built> running = CompletableFuture.supplyAsync(() -> build(source("commit = true")
                + buildBlock("""
                  provisioner "shell" {
                    inline = ["echo started", "sleep 120"]
                  }
                """), cancel));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (containers().stream().noneMatch(c -> "running".equals(c.getState()))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        // The command is running once a process other than the shell waits in the container.
        String id = containers().get(0).getId();
        while (!processes(id).contains("sleep 120") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(processes(id)).contains("sleep 120");
        long start = System.nanoTime();
        cancel.cancel();
        Built b = running.get(60, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(30);
        assertThat(b.result().cancelled()).as(b.output()).isTrue();
        assertThat(b.output()).contains("==> docker.c: Killing the container: " + id);
        assertThat(containers()).isEmpty();
        assertThat(images()).containsExactlyInAnyOrderElementsOf(imagesBefore);
        assertThat(tempDirsLeft()).isEmpty();
    }

    private String processes(String container) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            engine.exec(container, List.of("ps", "-o", "args"), "", false, out, out, new Cancellation());
        } catch (Exception e) {
            return "";
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void uploadsBelongToTheContainersUserByDefaultAsPackersDocsSay() throws IOException {
        // Packer 1.6.6 loses fix_upload_owner's default (true) when it decodes HCL2, and leaves uploads to root.
        Built b = build("""
                source "docker" "c" {
                  image       = "%s"
                  pull        = false
                  discard     = true
                  run_command = ["-d", "-i", "-t", "--network", "none", "-u", "65534", "--entrypoint=/bin/sh", "--",
                                 "{{.Image}}"]
                }
                """.formatted(DockerDaemon.BUSYBOX) + buildBlock("""
                  provisioner "file" {
                    content     = "mine"
                    destination = "/tmp/owned.txt"
                  }
                  provisioner "shell" {
                    inline = ["echo \\"owner=$(stat -c %u /tmp/owned.txt) me=$(id -u)\\""]
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).contains("    docker.c: owner=65534 me=65534\n");
    }

    @Test
    void ptyRunsCommandsOnATerminal() {
        // Packer 1.6.6 feeds docker exec -t from a pipe, which docker refuses ("the input device is not a TTY").
        Built b = build(source("discard = true\n  pty = true") + buildBlock("""
                  provisioner "shell" {
                    inline = ["tty"]
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).contains("    docker.c: /dev/pts/");
    }

    @Test
    void aContainerThatStoppedOnItsOwnIsRemovedToo() throws IOException {
        // Packer 1.6.6 removes the container only when docker kill succeeds, so a stopped one stays behind.
        Built b = build("""
                source "docker" "c" {
                  image       = "%s"
                  pull        = false
                  discard     = true
                  run_command = ["-d", "--network", "none", "--entrypoint=/bin/sh", "--", "{{.Image}}", "-c",
                                 "sleep 2"]
                }
                """.formatted(DockerDaemon.BUSYBOX) + buildBlock("""
                  provisioner "shell" {
                    inline = ["sleep 30"]
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isEqualTo(1);
        assertThat(b.output()).contains("==> docker.c: Killing the container: ");
        assertThat(containers()).isEmpty();
        assertThat(tempDirsLeft()).isEmpty();
    }

    @Test
    void reachesADaemonOverTlsWithTheCertificatesOfDockerCertPath() throws Exception {
        Built b = DockerBuilds.build(work, daemon.tlsEnv(), source("discard = true") + buildBlock("""
                  provisioner "shell" {
                    inline = ["echo over tls"]
                  }
                """), new Cancellation());
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).contains("    docker.c: over tls\n");

        // A client certificate the daemon's CA did not sign is refused, and the build says it could not connect.
        io.jenkins.plugins.packer.docker.TlsFiles.write(work.resolve("other-tls"));
        Map<String, String> wrong = new HashMap<>(daemon.tlsEnv());
        wrong.put("DOCKER_CERT_PATH", work.resolve("other-tls").toString());
        Built refused = DockerBuilds.build(work, wrong, source("discard = true") + buildBlock(""),
                new Cancellation());
        assertThat(refused.result().exitCode()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("Error running container: Docker exited with a non-zero exit status.")
                .contains("tcp://127.0.0.1:");
        assertThat(containers()).isEmpty();
    }

    @Test
    void theContainerOptionsReachTheContainer() throws IOException {
        Path shared = Files.createDirectories(work.resolve("mounted"));
        Built b = build(source("""
                  discard       = true
                  privileged    = false
                  cap_drop      = ["NET_RAW"]
                  tmpfs         = ["/scratch"]
                  container_dir = "/shared"
                  volumes       = { "%s" = "/data" }
                """.formatted(shared)) + buildBlock("""
                  provisioner "shell" {
                    inline = ["echo from-container > /data/written.txt", "grep CapBnd /proc/1/status",
                              "grep -c ' /scratch tmpfs ' /proc/mounts", "grep -c ' /shared ' /proc/mounts"]
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).contains("Run command: docker run --cap-drop NET_RAW --tmpfs /scratch -v "
                        + work.resolve("packer-tmp"))
                .contains(":/shared -v " + shared + ":/data -d -i -t --network none")
                // Docker's default capabilities (a80425fb) without NET_RAW (bit 13).
                .contains("    docker.c: CapBnd:\t00000000a80405fb\n")
                .contains("    docker.c: 1\n    docker.c: 1\n");
        assertThat(Files.readString(shared.resolve("written.txt"))).isEqualTo("from-container\n");
    }

    @Test
    void missingImageWithoutPullFailsAsDockerRunDoes() throws IOException {
        Built b = build("""
                source "docker" "c" {
                  image       = "pkrj-test/does-not-exist"
                  pull        = false
                  commit      = true
                  run_command = %s
                }
                """.formatted(DockerDaemon.RUN_COMMAND) + buildBlock(""));
        assertThat(b.result().exitCode()).as(b.output()).isEqualTo(1);
        assertThat(b.output()).contains("Build 'docker.c' errored after ")
                .contains("Error running container: Docker exited with a non-zero exit status.\nStderr: Unable to"
                        + " find image 'pkrj-test/does-not-exist:latest' locally\ndocker: Error response from daemon: ")
                .contains(".\nSee 'docker run --help'.\n");
        assertThat(containers()).isEmpty();
        assertThat(tempDirsLeft()).isEmpty();
        List<String> after = new ArrayList<>(images());
        assertThat(after).containsExactlyInAnyOrderElementsOf(imagesBefore);
    }
}
