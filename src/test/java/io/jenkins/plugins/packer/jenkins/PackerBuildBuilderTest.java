package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The freestyle builder driven through {@code perform}, in a local workspace. */
class PackerBuildBuilderTest {

    @TempDir
    Path ws;

    @org.junit.jupiter.api.AfterEach
    void removeWorkspaceTmp() throws Exception {
        WorkspaceTmp.delete(ws);
    }

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream logger = new PrintStream(log, true, StandardCharsets.UTF_8);
    private final TaskListener listener = () -> logger;

    private void perform(PackerBuildBuilder b) throws Exception {
        EnvVars env = new EnvVars();
        env.put("PATH", "/usr/bin:/bin");
        b.perform(null, new FilePath(ws.toFile()), env, null, listener);
    }

    @Test
    void anAbortWaitsForTheCleanupsAndTheirLinesReachTheLogBeforeTheBuildEnds() throws Exception {
        Files.writeString(ws.resolve("slow.pkr.hcl"), """
                source "null" "n" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.n"]
                  provisioner "shell-local" {
                    inline = ["echo started", "sleep 60"]
                  }
                }
                """);
        java.util.concurrent.CompletableFuture<Throwable> ended = new java.util.concurrent.CompletableFuture<>();
        Thread executor = new Thread(() -> {
            try {
                perform(new PackerBuildBuilder("slow.pkr.hcl"));
                ended.complete(null);
            } catch (Throwable t) {
                ended.complete(t);
            }
        }, "freestyle executor");
        executor.start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!log.toString(StandardCharsets.UTF_8).contains("started") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        executor.interrupt();

        Throwable t = ended.get(60, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(t).isInstanceOf(InterruptedException.class);
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("Aborted: stopping the Packer build and waiting for its cleanups...")
                .contains("Cancelling build after receiving interrupt")
                .contains("Cleanly cancelled builds after being interrupted.");
    }

    @Test
    void buildsWithVariablesAndVarFilesGivenOnePerLine() throws Exception {
        Files.writeString(ws.resolve("t.pkr.hcl"), """
                variable "first" {
                  type = string
                }
                variable "second" {
                  type = string
                }
                source "null" "n" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.n"]
                  provisioner "shell-local" {
                    inline = ["echo ${var.first} ${var.second}"]
                  }
                }
                """);
        Files.writeString(ws.resolve("more.pkrvars.hcl"), "second = \"from the file\"\n");
        PackerBuildBuilder b = new PackerBuildBuilder("t.pkr.hcl");
        b.setVariables("first=one = two\n\n");
        b.setVariableFiles("more.pkrvars.hcl\n");
        assertThat(BuildRequest.of("id", b, Map.of()).vars()).containsExactly(Map.entry("first", "one = two"));
        assertThat(BuildRequest.of("id", b, Map.of()).varFiles()).isEqualTo(List.of("more.pkrvars.hcl"));
        perform(b);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("    null.n: one = two from the file\n")
                .contains("Build 'null.n' finished after ");
    }

    @Test
    void aFailedBuildFailsTheFreestyleBuild() throws Exception {
        Files.writeString(ws.resolve("t.pkr.hcl"), """
                source "null" "n" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.n"]
                  provisioner "shell-local" {
                    inline = ["exit 5"]
                  }
                }
                """);
        assertThatThrownBy(() -> perform(new PackerBuildBuilder("t.pkr.hcl"))).isInstanceOf(AbortException.class)
                .hasMessage("packer build of t.pkr.hcl failed:\nnull.n: Script exited with non-zero exit status: 5."
                        + "Allowed exit codes are: [0]");
    }

    @Test
    void aVariableLineWithoutAValueIsReported() {
        PackerBuildBuilder b = new PackerBuildBuilder("t.pkr.hcl");
        b.setVariables("region");
        assertThatThrownBy(() -> perform(b)).isInstanceOf(AbortException.class)
                .hasMessageContaining("variables, line 1: expected name=value, but is region");
    }
}
