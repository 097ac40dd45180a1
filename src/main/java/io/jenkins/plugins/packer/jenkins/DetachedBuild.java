package io.jenkins.plugins.packer.jenkins;

import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.journal.RunLock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A {@code packerBuild} running in the agent's JVM on its own thread, detached from the remote call that started it,
 * so that it goes on when that call is gone (a controller restart, a lost connection). It writes Packer's output and,
 * at the end, its outcome to files beside the workspace ({@code WS@tmp/packer-steps/builds/ID/}: {@code log},
 * {@code outcome}), and holds a lock there while it runs: the step reads the files ({@link #poll}) and, finding no
 * outcome and no lock, knows the build's process died with it.
 */
final class DetachedBuild {

    static final String LOG = "log";
    static final String OUTCOME = "outcome";
    static final String LOCK = "lock";
    /** The most log one poll brings back. */
    private static final int MAX_CHUNK = 1 << 20;

    private DetachedBuild() {
    }

    /** What a poll finds: the log from {@code offset} on, the outcome once there is one, and whether it still runs. */
    record Poll(byte[] log, long offset, BuildOutcome outcome, boolean running) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    static Path controlDir(Path workspace, String id) {
        return PackerBuilding.stateDir(workspace).resolve("builds").resolve(id);
    }

    /**
     * Starts the build on a thread of this JVM and returns once it holds its lock: from then on a poll finds it
     * running, or finished, or gone with its process. Starting a build that already started does nothing.
     */
    static void start(Path workspace, BuildRequest req) throws IOException {
        Path dir = controlDir(workspace, req.id());
        if (Files.exists(dir.resolve(LOG))) {
            return;
        }
        RunLock lock = RunLock.take(dir.resolve(LOCK));
        io.jenkins.plugins.packer.run.DeepStack.start(() -> run(workspace, req, lock), "packerBuild " + req.id(),
                true, 0);
    }

    /** Runs the build, writing its log and then its outcome, and releases the lock. */
    static void run(Path workspace, BuildRequest req, RunLock lock) {
        Path dir = controlDir(workspace, req.id());
        Cancellation cancellation = new Cancellation();
        AgentBuilds.started(req.id(), cancellation);
        try (lock; OutputStream file = Files.newOutputStream(dir.resolve(LOG), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND); PrintStream log = new PrintStream(file, true, StandardCharsets.UTF_8)) {
            BuildOutcome outcome;
            try {
                outcome = PackerBuilding.build(workspace, req, log, cancellation, Clock.systemDefaultZone());
            } catch (StackOverflowError e) {
                String tooDeep = new io.jenkins.plugins.packer.run.DeepStack.TooDeep().getMessage();
                log.println("Error: " + tooDeep);
                outcome = BuildOutcome.failed(1, cancellation.isCancelled(), tooDeep);
            } catch (IOException | RuntimeException e) {
                log.println("ERROR: " + e.getMessage());
                outcome = BuildOutcome.failed(1, cancellation.isCancelled(),
                        e.getMessage() == null ? e.toString() : e.getMessage());
            }
            log.flush();
            writeOutcome(dir, outcome);
        } catch (IOException e) {
            // The control folder is gone or full: with no outcome and no lock, the step reports the build as lost.
        } finally {
            AgentBuilds.finished(req.id());
        }
    }

    /** Written aside and moved into place, so a poll reads either no outcome or all of it. */
    private static void writeOutcome(Path dir, BuildOutcome outcome) throws IOException {
        Path part = dir.resolve(OUTCOME + ".part");
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(part))) {
            out.writeObject(outcome);
        }
        Files.move(part, dir.resolve(OUTCOME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The log written since {@code offset} (at most 1 MiB), the outcome if the build ended, and whether it runs. */
    static Poll poll(Path workspace, String id, long offset) throws IOException {
        Path dir = controlDir(workspace, id);
        boolean running = RunLock.isHeld(dir.resolve(LOCK));
        BuildOutcome outcome = running ? null : readOutcome(dir.resolve(OUTCOME));
        byte[] chunk = new byte[0];
        Path log = dir.resolve(LOG);
        if (Files.exists(log)) {
            try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
                long available = f.length() - offset;
                if (available > 0) {
                    chunk = new byte[(int) Math.min(available, MAX_CHUNK)];
                    f.seek(offset);
                    f.readFully(chunk);
                }
            }
        }
        if (outcome != null && offset + chunk.length < Files.size(log)) {
            // The rest of the log first: the step reports the end once it copied everything.
            outcome = null;
            running = true;
        }
        return new Poll(chunk, offset + chunk.length, outcome, running);
    }

    private static BuildOutcome readOutcome(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(file);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(DetachedBuild::outcomeClassesOnly);
            return (BuildOutcome) in.readObject();
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException("not the outcome of a build: " + file, e);
        }
    }

    /** The outcome holds plain data: maps, lists, strings, numbers and booleans. */
    private static ObjectInputFilter.Status outcomeClassesOnly(ObjectInputFilter.FilterInfo info) {
        Class<?> c = info.serialClass();
        while (c != null && c.isArray()) {
            c = c.getComponentType();
        }
        if (c == null || c.isPrimitive() || c == BuildOutcome.class || c.getName().startsWith("java.lang.")
                || c.getName().startsWith("java.util.")) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        return ObjectInputFilter.Status.REJECTED;
    }

    /** Removes the build's files once the step took its outcome. */
    static void forget(Path workspace, String id) throws IOException {
        Path dir = controlDir(workspace, id);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
