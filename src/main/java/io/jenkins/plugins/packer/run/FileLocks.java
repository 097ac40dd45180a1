package io.jenkins.plugins.packer.run;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks on files that the builds of one run share (several builds appending to one manifest), so that they take
 * turns within the run; the lock files components create on disk guard against other processes.
 */
public final class FileLocks {

    private final ConcurrentHashMap<Path, Object> locks = new ConcurrentHashMap<>();

    /** The lock object of a file, the same for every build of the run. */
    public Object of(Path file) {
        return locks.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new Object());
    }
}
