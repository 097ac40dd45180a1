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
 * text before the last carriage return dropped). As in packer, the command ends when its output does: a background
 * child that holds it is waited for. Cancellation kills the process and everything it started, background children
 * that left its process tree included, and ends within a second.
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
     * Go's {@code exec.LookPath}: a name with a slash as it is, relative to {@code dir}, else the first executable
     * file of that name in {@code env}'s {@code PATH}; null when there is none.
     */
    public static Path lookPath(String name, Path dir, Map<String, String> env) {
        if (name.contains("/")) {
            Path p = dir.resolve(name);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? p : null;
        }
        for (String d : env.getOrDefault("PATH", "").split(":", -1)) {
            Path p = (d.isEmpty() ? dir : dir.resolve(d)).resolve(name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
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
        ProcessBuilder pb = new ProcessBuilder(gated(command)).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        // The readers run before the process does, so that each holds its stream before the process can exit.
        Pump out = new Pump(ui::message, "stdout");
        Pump err = new Pump(ui::error, "stderr");
        Process p = start(pb, out, err);
        // Read while a shell command waits at its gate, so still there.
        List<String> pipes = outputPipes(p);
        openGate(p, out, err);
        try (Cancellation.Registration r = cancellation.onCancel(() -> killTree(p, pipes))) {
            int status;
            while (true) {
                try {
                    status = p.waitFor();
                    break;
                } catch (InterruptedException e) {
                    killTree(p, pipes);
                    Thread.currentThread().interrupt();
                }
            }
            awaitOutput(out, cancellation);
            awaitOutput(err, cancellation);
            cancellation.check();
            return status;
        } finally {
            if (p.isAlive()) {
                killTree(p, pipes);
            }
        }
    }

    /**
     * A shell command ({@code sh -c SCRIPT}, the way shell-local runs its scripts) first waits for a line on its
     * standard input: until the readers hold the output streams (see {@link Pump}), so that a script that exits at
     * once leaving a background child is read to the child's end too. The script's standard input is then at its end,
     * as without the gate.
     */
    static List<String> gated(List<String> command) {
        if (command.size() < 3 || !command.get(1).equals("-c")) {
            return command;
        }
        String shell = command.get(0);
        if (!(shell.equals("sh") || shell.endsWith("/sh") || shell.equals("bash") || shell.endsWith("/bash"))) {
            return command;
        }
        List<String> c = new java.util.ArrayList<>(command);
        c.set(2, "read -r _; " + command.get(2));
        return c;
    }

    private static void openGate(Process p, Pump out, Pump err) {
        out.awaitHold();
        err.awaitHold();
        try (var stdin = p.getOutputStream()) {
            stdin.write('\n');
        } catch (IOException e) {
            // The process is gone, or no shell reads the line.
        }
    }

    private static Process start(ProcessBuilder pb, Pump out, Pump err) throws IOException {
        Process p = null;
        try {
            synchronized (SPAWN) {
                p = pb.start();
            }
            return p;
        } finally {
            out.read(p == null ? InputStream.nullInputStream() : p.getInputStream());
            err.read(p == null ? InputStream.nullInputStream() : p.getErrorStream());
        }
    }

    /**
     * Kills the process, its descendants, and the processes that hold its output pipes: a command that started a
     * child in the background and exited (a double fork, {@code (cmd &)}) left it to init, outside the tree.
     */
    static void killTree(Process p, List<String> pipes) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        if (pipes.isEmpty()) {
            return;
        }
        ProcessHandle self = ProcessHandle.current();
        ProcessHandle.allProcesses().filter(h -> !h.equals(self) && holdsAny(h.pid(), pipes))
                .forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * The pipes ({@code pipe:[inode]}) the process writes its output to, as Linux's {@code /proc} shows them; empty
     * where there is no {@code /proc} or the process is already gone.
     */
    private static List<String> outputPipes(Process p) {
        List<String> pipes = new java.util.ArrayList<>();
        for (String fd : new String[] {"1", "2"}) {
            try {
                String target = Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "fd", fd)).toString();
                if (target.startsWith("pipe:")) {
                    pipes.add(target);
                }
            } catch (IOException | UnsupportedOperationException e) {
                // No /proc, or the process ended: its tree is all there is to kill.
            }
        }
        return pipes;
    }

    private static boolean holdsAny(long pid, List<String> pipes) {
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return pipes.contains(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Waits until the command's output is read to its end, which is when every process holding the pipe closed it
     * (a background child may outlive the command): packer waits as long, Go's {@code cmd.Wait} waiting for its
     * copies of the output. Once cancelled (and the holders killed) it waits a second at most.
     */
    private static void awaitOutput(Pump pump, Cancellation cancellation) {
        try {
            while (pump.isAlive() && !cancellation.isCancelled()) {
                pump.join(100);
            }
            pump.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Copies one output stream of the process, line by line, to the run's UI. The JDK drains and closes a process's
     * output stream when the process exits, unless a reader holds the stream's monitor: holding it, the reader reads
     * the output of a background child that still writes to its end, as Go does.
     */
    private static final class Pump extends Thread {
        private final Consumer<String> sink;
        private final java.util.concurrent.CompletableFuture<InputStream> stream =
                new java.util.concurrent.CompletableFuture<>();

        Pump(Consumer<String> sink, String name) {
            super("local-command-" + name);
            this.sink = sink;
            setDaemon(true);
            start();
        }

        private final java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);

        void read(InputStream in) {
            stream.complete(in);
        }

        /** Waits until this reader holds its stream (a few seconds at most). */
        void awaitHold() {
            try {
                held.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            InputStream in = stream.join();
            synchronized (in) {
                held.countDown();
                try (in; LineStream lines = new LineStream(sink)) {
                    in.transferTo(lines);
                } catch (IOException e) {
                    // The stream closes when the process is killed.
                }
            }
        }
    }
}
