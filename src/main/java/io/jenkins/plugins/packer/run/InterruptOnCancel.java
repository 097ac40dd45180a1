package io.jenkins.plugins.packer.run;

/**
 * While open, a cancellation of the run interrupts the thread that opened it: evaluation (reading a template,
 * planning its builds) watches its thread's interrupt flag, not the run's {@link Cancellation}. Closing it clears
 * the interrupt it made, so that what runs next on the thread is not cut short by it.
 */
final class InterruptOnCancel implements AutoCloseable {

    private final Thread thread = Thread.currentThread();
    private final Cancellation.Registration registration;
    private boolean open = true;
    private boolean interrupted;

    InterruptOnCancel(Cancellation cancellation) {
        registration = cancellation.onCancel(this::interrupt);
    }

    private synchronized void interrupt() {
        if (open) {
            interrupted = true;
            thread.interrupt();
        }
    }

    @Override
    public synchronized void close() {
        open = false;
        registration.close();
        if (interrupted) {
            Thread.interrupted();
        }
    }
}
