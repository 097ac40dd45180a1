package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pkrj build} in a process of its own, interrupted with SIGINT (Ctrl-C) during a long shell-local command
 * (the command and its children are stopped, the build's cleanups run) or while its template is evaluated (the
 * evaluation stops): Packer's messages are printed and the exit code is 1.
 */
class BuildInterruptTest {

    @TempDir
    Path dir;

    /** Copies the output of the process {@link #start} started. */
    private Thread reader;

    @Test
    void sigintCancelsTheBuildCleansUpAndExitsOne() throws Exception {
        Files.writeString(dir.resolve("t.pkr.hcl"), """
                source "null" "long" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.long"]
                  provisioner "shell-local" {
                    inline = ["echo started", "sh -c 'sleep 89.75'", "echo never printed"]
                  }
                }
                """);
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        StringBuilder out = new StringBuilder();
        Process p = start(tmp, out);
        try {
            for (int i = 0; i < 300 && !text(out).contains("null.long: started"); i++) {
                Thread.sleep(100);
            }
            assertThat(text(out)).contains("    null.long: started\n");
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("pkrj ended after SIGINT").isTrue();
            reader.join(10_000);
            assertThat(p.exitValue()).isEqualTo(1);
            assertThat(text(out)).contains("Cancelling build after receiving interrupt\n")
                    .endsWith("Cleanly cancelled builds after being interrupted.\n")
                    .doesNotContain("never printed");
            assertThat(sleepers()).as("no process of the command is left").isEmpty();
            try (var left = Files.list(tmp)) {
                assertThat(left).as("the temporary script was removed").isEmpty();
            }
        } finally {
            p.destroyForcibly();
        }
    }

    /** Starts {@code pkrj build t.pkr.hcl} in {@link #dir}, its output collected into {@code out}. */
    private Process start(Path tmp, StringBuilder out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // With SIGINT's default action, as a terminal starts a command: a test run started in the background by a
        // shell without job control ignores SIGINT, and the JVM keeps a signal ignored that it inherits ignored.
        ProcessBuilder pb = new ProcessBuilder("python3", "-c", "import os, signal, sys;"
                + " signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])", java, "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "build", "-color=false", "t.pkr.hcl")
                .directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("TMPDIR", tmp.toString());
        Process p = pb.start();
        reader = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                byte[] buf = new byte[4096];
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (out) {
                        out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                // The process ended.
            }
        });
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    @Test
    void sigintWhileTheTemplateIsEvaluatedStopsTheEvaluationAndExitsOne() throws Exception {
        Files.writeString(dir.resolve("t.pkr.hcl"), """
                locals {
                  n = length([for a in range(1024): length([for b in range(1024): length([for c in range(1024): c])])])
                }
                source "null" "a" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.a"]
                }
                """);
        StringBuilder out = new StringBuilder();
        Process p = start(Files.createDirectories(dir.resolve("tmp")), out);
        try {
            // Past the JVM's start, into the evaluation of the local (which prints nothing).
            Thread.sleep(3_000);
            assertThat(p.isAlive()).as("still evaluating: %s", text(out)).isTrue();
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(5, TimeUnit.SECONDS)).as("pkrj ended within 5 s of SIGINT").isTrue();
            reader.join(5_000);
            assertThat(p.exitValue()).isEqualTo(1);
            assertThat(text(out)).isEqualTo("Cancelling build after receiving interrupt\n"
                    + "Cleanly cancelled builds after being interrupted.\n");
        } finally {
            p.destroyForcibly();
        }
    }

    private static String text(StringBuilder out) {
        synchronized (out) {
            return out.toString();
        }
    }

    private static List<ProcessHandle> sleepers() throws InterruptedException {
        List<ProcessHandle> found = List.of();
        for (int i = 0; i < 50; i++) {
            found = ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().commandLine().orElse("").contains("sleep 89.75")).toList();
            if (found.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        return found;
    }
}
