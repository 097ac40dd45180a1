package io.jenkins.plugins.packer.cli;

import io.jenkins.plugins.packer.run.Cancellation;

/**
 * Turns SIGINT and SIGTERM into a run's cancellation while a build runs, so that the builds clean up and the
 * command ends with packer's messages instead of the JVM stopping at once.
 */
final class Interrupts implements AutoCloseable {

    private final sun.misc.Signal[] signals;
    private final sun.misc.SignalHandler[] previous;

    private Interrupts(sun.misc.Signal[] signals, sun.misc.SignalHandler[] previous) {
        this.signals = signals;
        this.previous = previous;
    }

    static Interrupts install(Cancellation cancellation) {
        sun.misc.Signal[] signals = {new sun.misc.Signal("INT"), new sun.misc.Signal("TERM")};
        sun.misc.SignalHandler[] previous = new sun.misc.SignalHandler[signals.length];
        for (int i = 0; i < signals.length; i++) {
            try {
                previous[i] = sun.misc.Signal.handle(signals[i], s -> cancellation.cancel());
            } catch (IllegalArgumentException e) {
                previous[i] = null;
            }
        }
        return new Interrupts(signals, previous);
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.length; i++) {
            if (previous[i] != null) {
                sun.misc.Signal.handle(signals[i], previous[i]);
            }
        }
    }
}
