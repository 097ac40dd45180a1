package io.jenkins.plugins.packer.run.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The record of the cloud resources one run makes, so that what a killed run left behind can be found and removed
 * ({@code pkrj sweep}). Each create is written before its call (the intent: kind, region, name) and after it (the
 * id); a cleanup that succeeded writes that the resource is gone, and an image the build delivers that it is kept.
 * Every line is written to the file at once (no buffering in this process), so a process killed at any point loses
 * at most the call under way, and the intent still names the region to search by the run's tag.
 *
 * <p>A run's journal lives in {@code STATE_DIR/runs/RUN_ID/journal.jsonl}, made at the run's first resource; from
 * then on the run holds a lock on {@code STATE_DIR/runs/RUN_ID/lock}, which the operating system releases when the
 * process dies however it dies. A sweep leaves a run whose lock is held alone. A run that ends with every resource
 * removed or kept deletes its journal: the state directory holds only runs that left something.
 */
public final class ResourceJournal implements Closeable {

    /** The tag every resource a run makes carries, its value the run's id: how a sweep finds them without a journal. */
    public static final String RUN_TAG = "packer-steps:run-id";
    static final String FILE = "journal.jsonl";
    static final String LOCK = "lock";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String runId;
    private final Instant started;
    private final Clock clock;
    /** Null: a run without a journal. */
    private final Path dir;
    private final String firstEvent;
    private OutputStream out;
    private RunLock lock;
    private long seq;
    /** Intents without an id yet, and what was made and is neither removed nor kept ("kind region id"). */
    private final Map<Long, String> pending = new HashMap<>();
    private final Set<String> outstanding = new HashSet<>();

    private ResourceJournal(String runId, Clock clock, Path dir, String firstEvent) {
        this.runId = runId;
        this.started = clock.instant();
        this.clock = clock;
        this.dir = dir;
        this.firstEvent = firstEvent;
    }

    /** The journal of a new run under {@code stateDir}; its files are made with the run's first resource. */
    public static ResourceJournal open(Path stateDir, String runId, Clock clock) {
        return new ResourceJournal(runId, clock, runDir(stateDir, runId).toAbsolutePath().normalize(), "run");
    }

    /** A run without a journal (nothing is written): its resources still carry the run's tag. */
    public static ResourceJournal none(String runId, Clock clock) {
        return new ResourceJournal(runId, clock, null, "run");
    }

    /**
     * The journal of a dead run, taken over by a sweep: its lock taken at once (so two sweeps do not remove the same
     * things), what the sweep removes appended.
     */
    public static ResourceJournal takeOver(Path runDir, String runId, Clock clock) throws IOException {
        ResourceJournal journal = new ResourceJournal(runId, clock, runDir.toAbsolutePath().normalize(), "sweep");
        journal.begin();
        return journal;
    }

    /** Deletes the journal of a run that left nothing (after a sweep removed it all). */
    public static void delete(Path runDir) {
        try {
            Files.deleteIfExists(runDir.resolve(FILE));
            Files.deleteIfExists(runDir.resolve(LOCK));
            Files.deleteIfExists(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the journal " + runDir, e);
        }
    }

    static Path runDir(Path stateDir, String runId) {
        if (!runId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("not a run id: " + runId);
        }
        return stateDir.resolve("runs").resolve(runId);
    }

    /** Makes the journal's folder, takes the run's lock and writes the first line. */
    private void begin() throws IOException {
        lock = RunLock.take(dir.resolve(LOCK));
        try {
            out = Files.newOutputStream(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ObjectNode line = line(firstEvent);
            line.put("run", runId);
            line.put("pid", ProcessHandle.current().pid());
            write(line);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Whether the run that wrote the journal in {@code dir} is still alive: its lock is held, here or elsewhere. */
    static boolean isAlive(Path dir) {
        return RunLock.isHeld(dir.resolve(LOCK));
    }

    public String runId() {
        return runId;
    }

    public Instant started() {
        return started;
    }

    /**
     * Writes that a build is about to make a resource; returns the entry's number for {@link #created}.
     *
     * @param kind     what it is, e.g. {@code aws.instance}: the sweeper that can remove it knows the kind
     * @param region   where it is made
     * @param name     its name where it has one before the call (a key pair's, an image's), else empty
     * @param endpoint the API endpoint the build uses where it is not the default one, else empty
     */
    public synchronized long intent(String build, String kind, String region, String name, String endpoint) {
        if (dir != null && out == null) {
            try {
                begin();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the run's journal in " + dir, e);
            }
        }
        long n = ++seq;
        ObjectNode line = line("intent");
        line.put("seq", n);
        line.put("build", build);
        line.put("kind", kind);
        line.put("region", region);
        if (!name.isEmpty()) {
            line.put("name", name);
        }
        if (!endpoint.isEmpty()) {
            line.put("endpoint", endpoint);
        }
        write(line);
        pending.put(n, kind + " " + region);
        return n;
    }

    /** Writes the id the create call returned for the intent {@code seq}. */
    public synchronized void created(long seq, String id) {
        ObjectNode line = line("created");
        line.put("seq", seq);
        line.put("id", id);
        write(line);
        String where = pending.remove(seq);
        if (where != null) {
            outstanding.add(where + " " + id);
        }
    }

    /** Writes that the create call of the intent {@code seq} failed: nothing was made. */
    public synchronized void failed(long seq) {
        ObjectNode line = line("failed");
        line.put("seq", seq);
        write(line);
        pending.remove(seq);
    }

    /** Writes that a resource is gone: its cleanup removed it. */
    public synchronized void removed(String kind, String region, String id) {
        settled("removed", kind, region, id);
    }

    /** Writes that a resource is the build's result (an image and its snapshots): no sweep removes it. */
    public synchronized void kept(String kind, String region, String id) {
        settled("kept", kind, region, id);
    }

    private void settled(String event, String kind, String region, String id) {
        ObjectNode line = line(event);
        line.put("kind", kind);
        line.put("region", region);
        line.put("id", id);
        write(line);
        outstanding.remove(kind + " " + region + " " + id);
    }

    private ObjectNode line(String event) {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", clock.instant().toString());
        line.put("event", event);
        return line;
    }

    private void write(ObjectNode line) {
        if (out == null) {
            return;
        }
        try {
            out.write((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's journal " + dir.resolve(FILE), e);
        }
    }

    /**
     * Ends the run's journal and releases its lock; a run that left nothing (every resource removed or kept, no
     * create call whose outcome is unknown) deletes it.
     */
    @Override
    public synchronized void close() throws IOException {
        if (out == null) {
            return;
        }
        try {
            write(line("end"));
            out.close();
            if (pending.isEmpty() && outstanding.isEmpty() && firstEvent.equals("run")) {
                delete(dir);
            }
        } finally {
            release();
        }
    }

    private void release() throws IOException {
        if (lock != null) {
            lock.close();
        }
    }
}
