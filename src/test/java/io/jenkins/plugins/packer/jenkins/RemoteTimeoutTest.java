package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.remoting.RoleChecker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls to agents from the step's shared polling threads are bounded: an agent that hangs (here, the build's log is a
 * FIFO nobody writes, so reading it blocks the agent side forever) holds no controller thread, and the other steps'
 * builds are still followed.
 */
class RemoteTimeoutTest {

    @TempDir
    Path dir;

    private final List<PackerBuildStep.Execution> started = new ArrayList<>();
    private final List<Path> fifos = new ArrayList<>();
    private Duration before;

    @AfterEach
    void release() throws Exception {
        started.forEach(PackerBuildStep.Execution::abandon);
        // Opening the FIFOs for writing lets the agent sides still reading them see their end.
        for (Path f : fifos) {
            try (OutputStream out = Files.newOutputStream(f)) {
                out.flush();
            }
        }
        if (before != null) {
            RemoteTimeout.limit = before;
        }
    }

    /** Work on the agent that does not end in time. */
    static final class Sleeps implements FilePath.FileCallable<String> {
        private static final long serialVersionUID = 1L;
        private final long millis;

        Sleeps(long millis) {
            this.millis = millis;
        }

        @Override
        public String invoke(File f, VirtualChannel channel) throws InterruptedException {
            Thread.sleep(millis);
            return "slept";
        }

        @Override
        public void checkRoles(RoleChecker checker) {
        }
    }

    @Test
    void aCallThatTakesTooLongIsInterruptedAndTheThreadIsLeftClean() throws Exception {
        before = RemoteTimeout.limit;
        RemoteTimeout.limit = Duration.ofMillis(300);
        FilePath ws = new FilePath(dir.toFile());
        long start = System.nanoTime();
        try (RemoteTimeout bound = RemoteTimeout.start()) {
            assertThatThrownBy(() -> ws.act(new Sleeps(60_000))).isInstanceOf(InterruptedException.class);
            assertThat(bound.expired()).isTrue();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(Thread.currentThread().isInterrupted()).as("the bound's interrupt is cleared").isFalse();

        try (RemoteTimeout bound = RemoteTimeout.start()) {
            assertThat(ws.act(new Sleeps(10))).isEqualTo("slept");
            assertThat(bound.expired()).isFalse();
        }
        Thread.sleep(500);
        assertThat(Thread.currentThread().isInterrupted()).as("a closed bound interrupts nothing").isFalse();
    }

    @Test
    void hangingAgentsDoNotStallTheOtherSteps() throws Exception {
        before = RemoteTimeout.limit;
        RemoteTimeout.limit = Duration.ofSeconds(1);
        List<RecordingStepContext> hung = new ArrayList<>();
        // More hanging agents than the step has polling threads.
        for (int i = 0; i < 3; i++) {
            Path ws = Files.createDirectories(dir.resolve("hung-" + i));
            String id = "hung-" + i;
            Path control = Files.createDirectories(DetachedBuild.controlDir(ws, id));
            Path log = control.resolve(DetachedBuild.LOG);
            Process mkfifo = new ProcessBuilder("mkfifo", log.toString()).inheritIO().start();
            assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(mkfifo.exitValue()).isZero();
            fifos.add(log);
            RecordingStepContext ctx = new RecordingStepContext(ws, Map.of());
            hung.add(ctx);
            start(ctx, id, ws);
        }
        Path lostWs = Files.createDirectories(dir.resolve("lost"));
        RecordingStepContext lost = new RecordingStepContext(lostWs, Map.of("PATH", "/usr/bin:/bin"));
        start(lost, "lost", lostWs);

        assertThatThrownBy(() -> lost.outcome.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().hasMessageStartingWith("The Packer build lost ended without a result");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!hung.stream().allMatch(c -> c.log().contains("did not answer")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        for (RecordingStepContext c : hung) {
            assertThat(c.log()).contains("The built-in node cannot be reached (java.io.IOException: it did not"
                    + " answer within 1 s); waiting up to 5 min for it to come back");
            assertThat(c.outcome).as("still waiting for its agent").isNotDone();
        }
    }

    private void start(RecordingStepContext ctx, String id, Path ws) {
        PackerBuildStep.Execution e = PackerBuildStep.Execution.resumed(new PackerBuildStep("t.pkr.hcl"), ctx, id,
                new FilePath(ws.toFile()));
        started.add(e);
        e.onResume();
    }
}
