package io.jenkins.plugins.packer.run;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks on files that builds share (several builds appending to one manifest), so that they take turns within this
 * JVM: the runs of one JVM (parallel Jenkins builds on one agent) share them, since the file locks that keep other
 * processes out belong to the process and cannot tell its threads apart.
 */
public final class FileLocks {

    private static final ConcurrentHashMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

    /** The lock object of a file, the same for every build of the run. */
    public Object of(Path file) {
        return LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new Object());
    }
}
