package io.jenkins.plugins.packer.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.template.LoadRequest;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build engine embedded as the plugin uses it: cancellation, cleanups, and no leaks across many runs. */
class PackerBuildTest {

    @TempDir
    Path dir;

    /** Collects output and opens a latch when a line contains the awaited text. */
    static final class Collector implements UiOutput {
        final StringBuilder text = new StringBuilder();
        final CountDownLatch seen = new CountDownLatch(1);
        final String awaited;

        Collector(String awaited) {
            this.awaited = awaited;
        }

        @Override
        public synchronized void write(String t) {
            text.append(t);
            if (awaited != null && t.contains(awaited)) {
                seen.countDown();
            }
        }

        synchronized String output() {
            return text.toString();
        }
    }

    private RunRequest request(String template, UiOutput out, Cancellation cancellation) throws Exception {
        Files.writeString(dir.resolve("template.pkr.hcl"), template);
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "TMPDIR", tmp.toString());
        LoadRequest load = new LoadRequest(dir, "template.pkr.hcl", List.of(), Map.of(), env, Clock.systemUTC());
        return new RunRequest(load, List.of(), List.of(), RunOptions.DEFAULT, out, cancellation, List.of(),
                UUID.randomUUID().toString());
    }

    @Test
    void cancellingDuringALongCommandKillsItsProcessTreeAndEndsWithPackersMessages() throws Exception {
        String marker = "97.25";
        Collector out = new Collector("null.long: started");
        Cancellation cancellation = new Cancellation();
        RunRequest req = request("""
                source "null" "long" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.long"]
                  provisioner "shell-local" {
                    inline = ["echo started", "sh -c 'sleep %s' ; echo never printed"]
                  }
                }
                """.formatted(marker), out, cancellation);
        RunResult[] result = new RunResult[1];
        Thread runner = new Thread(() -> result[0] = PackerBuild.run(req));
        runner.start();
        assertThat(out.seen.await(30, TimeUnit.SECONDS)).as("the command started: %s", out.output()).isTrue();
        assertThat(sleepersOnce(marker, true)).as("the command runs").isNotEmpty();
        cancellation.cancel();
        runner.join(30_000);
        assertThat(runner.isAlive()).as("the run ended after cancellation").isFalse();
        assertThat(result[0].exitCode()).isEqualTo(1);
        assertThat(result[0].cancelled()).isTrue();
        assertThat(out.output()).contains("Cancelling build after receiving interrupt\n")
                .contains("\n==> Wait completed after ")
                .endsWith("Cleanly cancelled builds after being interrupted.\n")
                .doesNotContain("never printed");
        assertThat(sleepersOnce(marker, false)).as("no process of the command is left").isEmpty();
        try (Stream<Path> left = Files.list(dir.resolve("tmp"))) {
            assertThat(left).as("the temporary script was removed").isEmpty();
        }
    }

    /** A local that takes minutes to evaluate (a billion steps in little memory); packer ignores interrupts there. */
    static final String RUNAWAY_TEMPLATE = """
            locals {
              n = length([for a in range(1024): length([for b in range(1024): length([for c in range(1024): c])])])
            }
            source "null" "a" {
              communicator = "none"
            }
            build {
              sources = ["source.null.a"]
            }
            """;

    @Test
    void cancellingWhileTheTemplateIsEvaluatedStopsTheEvaluationAndEndsWithPackersMessages() throws Exception {
        Collector out = new Collector("never");
        Cancellation cancellation = new Cancellation();
        RunRequest req = request(RUNAWAY_TEMPLATE, out, cancellation);
        RunResult[] result = new RunResult[1];
        Thread runner = DeepStack.thread(() -> result[0] = PackerBuild.run(req), "runaway build");
        runner.start();
        Thread.sleep(300);
        long cancelled = System.nanoTime();
        cancellation.cancel();
        runner.join(5_000);

        assertThat(runner.isAlive()).as("the run ended within 5 s of the cancellation").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isLessThan(Duration.ofSeconds(5));
        assertThat(result[0].exitCode()).isEqualTo(1);
        assertThat(result[0].cancelled()).isTrue();
        assertThat(out.output()).isEqualTo("Cancelling build after receiving interrupt\n"
                + "Cleanly cancelled builds after being interrupted.\n");
    }

    private static List<ProcessHandle> sleepers(String marker) {
        return ProcessHandle.allProcesses().filter(p -> p.isAlive()
                && p.info().commandLine().orElse("").contains("sleep " + marker)).toList();
    }

    /** The processes running {@code sleep MARKER} once they are {@code expected} (waits up to 5 s). */
    private static List<ProcessHandle> sleepersOnce(String marker, boolean expected) throws InterruptedException {
        List<ProcessHandle> found = sleepers(marker);
        for (int i = 0; i < 50 && found.isEmpty() == expected; i++) {
            Thread.sleep(100);
            found = sleepers(marker);
        }
        return found;
    }

    @Test
    void aHundredBuildsInOneJvmLeaveThreadsAndHeapAtTheirBaseline() throws Exception {
        String template = """
                source "null" "a" {
                  communicator = "none"
                }
                source "null" "b" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.a", "source.null.b"]
                  provisioner "shell-local" {
                    inline = ["true"]
                  }
                  post-processor "manifest" {
                    output = "out/manifest.json"
                  }
                }
                """;
        runQuietly(template);
        int baselineThreads = settledThreadCount(Integer.MAX_VALUE);
        long baselineHeap = usedHeapAfterGc();
        for (int i = 0; i < 50; i++) {
            RunResult r = runQuietly(template);
            assertThat(r.exitCode()).as("run %d: %s", i, r.builds()).isZero();
            assertThat(r.builds()).hasSize(2);
        }
        int threads = settledThreadCount(baselineThreads);
        long heap = usedHeapAfterGc();
        System.out.printf("100 builds (50 runs of 2): threads %d -> %d, used heap after GC %.1f MB -> %.1f MB%n",
                baselineThreads, threads, baselineHeap / 1e6, heap / 1e6);
        assertThat(threads).as("live threads after 100 builds").isLessThanOrEqualTo(baselineThreads);
        assertThat(heap - baselineHeap).as("retained heap growth in bytes").isLessThan(32L << 20);
    }

    private RunResult runQuietly(String template) throws Exception {
        return PackerBuild.run(request(template, new Collector(null), new Cancellation()));
    }

    /** The live thread count once finished threads are gone (waits up to 5 s for it to reach {@code target}). */
    private static int settledThreadCount(int target) throws InterruptedException {
        int n = Thread.activeCount();
        for (int i = 0; i < 50 && n > target; i++) {
            Thread.sleep(100);
            n = Thread.activeCount();
        }
        return n;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static final String FAILING_WITH_CLEANUP = """
            source "null" "f" {
              communicator = "none"
            }
            build {
              sources = ["source.null.f"]
              provisioner "shell-local" {
                inline = ["echo failing", "exit 4"]
              }
              error-cleanup-provisioner "shell-local" {
                inline = ["echo cleaned > cleanup-ran.txt"]
              }
            }
            """;

    private RunResult runWith(OnError mode, Collector out) throws Exception {
        RunRequest base = request(FAILING_WITH_CLEANUP, out, new Cancellation());
        return PackerBuild.run(new RunRequest(base.load(), List.of(), List.of(),
                new RunOptions(mode, false, false, 0, UiOptions.PLAIN), out, base.cancellation(), List.of(),
                base.runUuid()));
    }

    @Test
    void theErrorCleanupProvisionerRunsAfterAFailedProvisionerUnlessAborting() throws Exception {
        Collector out = new Collector(null);
        RunResult r = runWith(OnError.CLEANUP, out);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.builds().get(0).error())
                .isEqualTo("Script exited with non-zero exit status: 4.Allowed exit codes are: [0]");
        assertThat(out.output()).contains("==> null.f: Provisioning step had errors: Running the cleanup"
                + " provisioner, if present...\n==> null.f: Running local shell script: ");
        assertThat(dir.resolve("cleanup-ran.txt")).hasContent("cleaned");
    }

    @Test
    void abortSkipsEveryCleanupIncludingTheErrorCleanupProvisioner() throws Exception {
        Collector out = new Collector(null);
        RunResult r = runWith(OnError.ABORT, out);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(out.output()).contains("==> null.f: Step \"StepProvision\" failed, aborting...\n"
                + "==> null.f: aborted: skipping cleanup of step \"StepConnect\"\n");
        assertThat(dir.resolve("cleanup-ran.txt")).doesNotExist();
    }

    @Test
    void runCleanupProvisionerAbortsButStillRunsTheErrorCleanupProvisioner() throws Exception {
        Collector out = new Collector(null);
        RunResult r = runWith(OnError.RUN_CLEANUP_PROVISIONER, out);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(out.output()).contains("Provisioning step had errors")
                .contains("==> null.f: Step \"StepConnect\" failed, aborting...\n");
        assertThat(dir.resolve("cleanup-ran.txt")).hasContent("cleaned");
    }

    @Test
    void pauseBeforeAndTimeoutBothApply() throws Exception {
        Collector out = new Collector(null);
        RunResult r = PackerBuild.run(request("""
                source "null" "p" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.p"]
                  provisioner "shell-local" {
                    inline       = ["sleep 30"]
                    pause_before = "100ms"
                    timeout      = "500ms"
                  }
                }
                """, out, new Cancellation()));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(out.output()).contains("==> null.p: Pausing 100ms before the next provisioner...\n"
                + "==> null.p: Setting a 500ms timeout for the next provisioner...\n")
                .contains("==> null.p: Cancelling provisioner after a timeout...\n");
        assertThat(r.builds().get(0).error()).startsWith("Error executing script: ");
    }

    @Test
    void theManifestAppendsAcrossRunsAndForceStartsItAgain() throws Exception {
        String template = """
                source "null" "m" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.m"]
                  post-processor "manifest" {
                    output = "manifest.json"
                  }
                }
                """;
        RunRequest first = request(template, new Collector(null), new Cancellation());
        PackerBuild.run(first);
        PackerBuild.run(request(template, new Collector(null), new Cancellation()));
        String twice = Files.readString(dir.resolve("manifest.json"));
        assertThat(twice.split("\"packer_run_uuid\"", -1)).hasSize(3);
        RunRequest base = request(template, new Collector(null), new Cancellation());
        String uuid = UUID.randomUUID().toString();
        PackerBuild.run(new RunRequest(base.load(), List.of(), List.of(),
                new RunOptions(OnError.CLEANUP, true, false, 0, UiOptions.PLAIN), base.output(),
                base.cancellation(), List.of(), uuid));
        String forced = Files.readString(dir.resolve("manifest.json"));
        assertThat(forced.split("\"packer_run_uuid\"", -1)).hasSize(2);
        assertThat(forced).endsWith("\"last_run_uuid\": \"" + uuid + "\"\n}").doesNotEndWith("\n\n");
    }
}
