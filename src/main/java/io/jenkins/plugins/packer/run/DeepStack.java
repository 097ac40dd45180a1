package io.jenkins.plugins.packer.run;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs work that recurses as deep as its input nests (parsing, evaluating, formatting a template) on a thread with a
 * stack as large as Go lets packer's grow, so that the templates packer reads are read here too; a nesting deeper
 * still fails with {@link TooDeep}, never with a stack trace.
 */
public final class DeepStack {

    /** The stack of such a thread: reserved, not committed, until used. */
    public static final long STACK_BYTES = 1L << 30;

    private DeepStack() {
    }

    /** What a template nested beyond even this stack gets: a user's error, said as one. */
    public static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TooDeep() {
            super("the input is nested too deeply to be read (more levels of lists, objects, calls or expressions"
                    + " within one another than this tool can follow)");
        }
    }

    /** The stack sizes tried, largest first; 0 is the JVM's default. */
    private static final long[] SIZES = {STACK_BYTES, 256L << 20, 64L << 20, 0};
    /** The size in use: the first, until the system refuses it (a low {@code ulimit -v}). */
    private static final java.util.concurrent.atomic.AtomicInteger LEVEL = new java.util.concurrent.atomic.AtomicInteger();

    /** The stack a deep thread gets: {@link #STACK_BYTES}, or less once the system refused that much. */
    public static long stackBytes() {
        return SIZES[LEVEL.get()];
    }

    /**
     * The system could not start a thread with a stack of {@code refused} bytes: later threads get the next smaller
     * size. False when there is none (the default stack was refused).
     */
    public static boolean shrink(long refused) {
        for (int i = 0; i < SIZES.length - 1; i++) {
            if (SIZES[i] == refused) {
                LEVEL.compareAndSet(i, i + 1);
                return true;
            }
        }
        return false;
    }

    /**
     * A thread of its own for each build (or anything else that evaluates templates), with the deep stack (or the
     * largest the system granted so far, see {@link #shrink}).
     */
    public static Thread thread(Runnable r, String name) {
        return new Thread(null, r, name, stackBytes());
    }

    /**
     * Starts {@code r} on a deep-stack thread of at most {@code maxBytes} (0: no more than {@link #stackBytes}); where
     * the system refuses to reserve that stack, on the largest it grants.
     */
    public static Thread start(Runnable r, String name, boolean daemon, long maxBytes) {
        while (true) {
            long size = maxBytes > 0 && stackBytes() > 0 ? Math.min(maxBytes, stackBytes()) : stackBytes();
            Thread t = new Thread(null, r, name, size);
            t.setDaemon(daemon);
            try {
                t.start();
                return t;
            } catch (OutOfMemoryError e) {
                if (!shrink(stackBytes())) {
                    throw e;
                }
            }
        }
    }

    /** Runs {@code task} on a deep-stack thread and returns its result; its exceptions are thrown here. */
    public static <T> T call(Callable<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = start(() -> {
            try {
                result.set(task.call());
            } catch (StackOverflowError e) {
                failure.set(new TooDeep());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, Thread.currentThread().getName() + " (deep stack)", true, 0);
        try {
            t.join();
        } catch (InterruptedException e) {
            t.interrupt();
            throw e;
        }
        Throwable f = failure.get();
        if (f instanceof Exception ex) {
            throw ex;
        }
        if (f instanceof Error err) {
            throw err;
        }
        return result.get();
    }
}
