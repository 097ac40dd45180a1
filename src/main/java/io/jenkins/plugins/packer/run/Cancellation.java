package io.jenkins.plugins.packer.run;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A run's cancellation: the CLI's interrupt, a Jenkins abort, a provisioner's timeout. Waits made through it
 * ({@link #sleep}) return as soon as it is cancelled, and listeners (a process to kill, a connection to close) run
 * once. A child is cancelled with its parent, or alone (a timeout).
 */
public final class Cancellation {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile String reason;

    /** Cancels, once; every listener runs on the calling thread. */
    public void cancel(String why) {
        synchronized (lock) {
            if (reason != null) {
                return;
            }
            reason = why;
            lock.notifyAll();
        }
        for (Runnable r : listeners) {
            r.run();
        }
    }

    public void cancel() {
        cancel("context canceled");
    }

    public boolean isCancelled() {
        return reason != null;
    }

    /** Go's {@code ctx.Err()} text: {@code context canceled} or {@code context deadline exceeded}. */
    public String reason() {
        return reason;
    }

    /** Runs {@code r} when cancelled (at once when already cancelled); closing the handle unregisters it. */
    public Registration onCancel(Runnable r) {
        listeners.add(r);
        if (isCancelled() && listeners.remove(r)) {
            r.run();
        }
        return () -> listeners.remove(r);
    }

    /** Throws when cancelled. */
    public void check() throws CancelledException {
        String why = reason;
        if (why != null) {
            throw new CancelledException(why);
        }
    }

    /** Sleeps for {@code d}, or less when cancelled meanwhile (then throws). */
    public void sleep(Duration d) throws CancelledException {
        long deadline = System.nanoTime() + d.toNanos();
        synchronized (lock) {
            while (reason == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancelledException("context canceled");
                }
            }
        }
        check();
    }

    /** A cancellation that follows this one and may also be cancelled alone; close its registration after use. */
    public Cancellation child() {
        Cancellation c = new Cancellation();
        c.parentRegistration = onCancel(() -> c.cancel(reason));
        return c;
    }

    private Registration parentRegistration;

    /** Stops following the parent. */
    public void detach() {
        if (parentRegistration != null) {
            parentRegistration.close();
        }
    }

    /** A registered listener. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Thrown by waits when the run was cancelled; the message is Go's context error. */
    public static final class CancelledException extends Exception {
        private static final long serialVersionUID = 1L;

        public CancelledException(String message) {
            super(message, null, false, false);
        }
    }
}
