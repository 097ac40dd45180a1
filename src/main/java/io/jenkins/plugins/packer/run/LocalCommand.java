package io.jenkins.plugins.packer.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a command on the machine running the build, as Packer's local communicator: standard output lines go to
 * {@link Ui#message}, standard error lines to {@link Ui#error} (each cleaned as Packer does: trailing space removed,
 * text before the last carriage return dropped), and cancellation kills the process and everything it started.
 */
public final class LocalCommand {

    /**
     * Taken while a script is written and while a process is started, so that no child process of this JVM inherits
     * a script still open for writing: running that script would then fail with "Text file busy".
     */
    private static final Object SPAWN = new Object();

    private LocalCommand() {
    }

    /** Creates a temporary script in {@code dir} holding {@code text}, readable and runnable by its owner only. */
    public static Path writeScript(Path dir, String prefix, String suffix, String text) throws IOException {
        synchronized (SPAWN) {
            Path f = Files.createTempFile(dir, prefix, suffix);
            Files.writeString(f, text, java.nio.charset.StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            return f;
        }
    }

    /**
     * Runs {@code command} in {@code dir} with exactly {@code env} and returns its exit status.
     *
     * @throws IOException when it cannot start
     * @throws Cancellation.CancelledException when the run was cancelled meanwhile (the process is killed)
     */
    public static int run(List<String> command, Path dir, Map<String, String> env, Ui ui, Cancellation cancellation)
            throws IOException, Cancellation.CancelledException {
        cancellation.check();
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p;
        synchronized (SPAWN) {
            p = pb.start();
        }
        p.getOutputStream().close();
        Thread out = pump(p.getInputStream(), ui::message, "stdout");
        Thread err = pump(p.getErrorStream(), ui::error, "stderr");
        try (Cancellation.Registration r = cancellation.onCancel(() -> killTree(p))) {
            int status;
            while (true) {
                try {
                    status = p.waitFor();
                    break;
                } catch (InterruptedException e) {
                    killTree(p);
                    Thread.currentThread().interrupt();
                }
            }
            join(out);
            join(err);
            cancellation.check();
            return status;
        } finally {
            if (p.isAlive()) {
                killTree(p);
            }
        }
    }

    /** Kills the process and its descendants, children first. */
    static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static void join(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread pump(InputStream in, Consumer<String> sink, String name) {
        Thread t = new Thread(() -> {
            try (in; LineStream lines = new LineStream(sink)) {
                in.transferTo(lines);
            } catch (IOException e) {
                // The stream closes when the process is killed.
            }
        }, "local-command-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
