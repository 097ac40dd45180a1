package io.jenkins.plugins.packer.jenkins;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A bound on one call to an agent made from a shared controller thread, as Pipeline's durable steps bound theirs: when
 * the agent has not answered in time, the calling thread is interrupted (the remote call then returns at once with an
 * {@link InterruptedException}, while the agent side goes on), so an agent that hangs holds no controller thread.
 * Closing the bound cancels it, and clears an interrupt that came from it.
 */
final class RemoteTimeout implements AutoCloseable {

    /** How long an agent may take to answer one call ({@code …PackerBuildStep.remoteTimeoutSeconds}, 20 s). */
    static volatile Duration limit = Duration.ofSeconds(Long.getLong(
            PackerBuildStep.class.getName() + ".remoteTimeoutSeconds", 20));

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "packerBuild remote call watchdog");
        t.setDaemon(true);
        return t;
    });

    private final ScheduledFuture<?> interrupt;
    private boolean closed;
    private boolean expired;

    private RemoteTimeout(Thread caller, Duration after) {
        interrupt = WATCHDOG.schedule(() -> {
            synchronized (this) {
                if (!closed) {
                    expired = true;
                    caller.interrupt();
                }
            }
        }, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Bounds what the current thread does until {@link #close}, by {@link #limit}. */
    static RemoteTimeout start() {
        return new RemoteTimeout(Thread.currentThread(), limit);
    }

    /** Whether the call took too long (and the thread was interrupted for it). */
    synchronized boolean expired() {
        return expired;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        interrupt.cancel(false);
        if (expired()) {
            // The interrupt was this bound's, not an abort's: the thread goes on serving other steps.
            Thread.interrupted();
        }
    }
}
