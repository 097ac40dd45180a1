package io.jenkins.plugins.packer.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Local commands whose children outlive them: a background child holding the output, a double fork. */
class LocalCommandTest {

    @TempDir
    Path dir;

    /** Collects what the command printed, and opens a latch on a line. */
    static final class Lines implements Ui {
        final StringBuilder text = new StringBuilder();
        final CountDownLatch started = new CountDownLatch(1);

        @Override
        public void say(String message) {
            add(message);
        }

        @Override
        public void message(String message) {
            add(message);
        }

        @Override
        public void error(String message) {
            add("E " + message);
        }

        @Override
        public String ask(String query) {
            throw new UnsupportedOperationException();
        }

        private synchronized void add(String line) {
            text.append(line).append('\n');
            if (line.equals("started")) {
                started.countDown();
            }
        }

        synchronized String text() {
            return text.toString();
        }
    }

    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");

    private static List<ProcessHandle> running(String marker) {
        return ProcessHandle.allProcesses().filter(p -> p.isAlive()
                && p.info().command().orElse("").endsWith("/sleep")
                && p.info().commandLine().orElse("").endsWith(" " + marker)).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "echo before; ( (sleep 1.5; echo from-orphan; sleep 0.25; echo err-from-orphan >&2) & ); echo after",
        "echo before; (sleep 1.5; echo from-orphan; sleep 0.25; echo err-from-orphan >&2) & echo after",
    })
    void aBackgroundChildHoldingTheOutputIsWaitedForAndItsLinesPrintedAsPackerDoes(String script) throws Exception {
        Lines ui = new Lines();
        long start = System.nanoTime();

        int status = LocalCommand.run(List.of("/bin/sh", "-c", script), dir, ENV, ui, new Cancellation());

        assertThat(status).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1_400));
        assertThat(ui.text()).isEqualTo("before\nafter\nfrom-orphan\nE err-from-orphan\n");
    }

    @Test
    void aShellCommandStillSeesItsStandardInputAtItsEnd() throws Exception {
        Lines ui = new Lines();

        int status = LocalCommand.run(List.of("/bin/sh", "-c", "cat; echo \"status $?\"; exit 3"), dir, ENV, ui,
                new Cancellation());

        assertThat(status).isEqualTo(3);
        assertThat(ui.text()).isEqualTo("status 0\n");
    }

    @Test
    void cancellingKillsADoubleForkedChildAndEndsWithinTwoSeconds() throws Exception {
        String marker = "31.125";
        Lines ui = new Lines();
        Cancellation cancellation = new Cancellation();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                outcome.set(LocalCommand.run(List.of("/bin/sh", "-c",
                        "( (sleep " + marker + "; echo never) & ); echo started; sleep 45.5"), dir, ENV, ui,
                        cancellation));
            } catch (Exception e) {
                outcome.set(e);
            }
        });
        t.start();
        try {
            assertThat(ui.started.await(10, TimeUnit.SECONDS)).isTrue();
            // "started" may come before the background subshell has started its sleep: wait for it (at most 10 s).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (running(marker).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(running(marker)).as("the double-forked child runs").hasSize(1);
            long cancelled = System.nanoTime();
            cancellation.cancel();
            t.join(5_000);

            assertThat(t.isAlive()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isLessThan(Duration.ofSeconds(2));
            assertThat(outcome.get()).isInstanceOf(Cancellation.CancelledException.class);
            assertThat(running(marker)).as("the double-forked child was killed").isEmpty();
            assertThat(running("45.5")).isEmpty();
        } finally {
            running(marker).forEach(ProcessHandle::destroyForcibly);
            running("45.5").forEach(ProcessHandle::destroyForcibly);
            t.join(5_000);
        }
    }
}
