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

    /** A thread of its own for each build (or anything else that evaluates templates), with the deep stack. */
    public static Thread thread(Runnable r, String name) {
        return new Thread(null, r, name, STACK_BYTES);
    }

    /** Runs {@code task} on a deep-stack thread and returns its result; its exceptions are thrown here. */
    public static <T> T call(Callable<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = thread(() -> {
            try {
                result.set(task.call());
            } catch (StackOverflowError e) {
                failure.set(new TooDeep());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, Thread.currentThread().getName() + " (deep stack)");
        t.setDaemon(true);
        t.start();
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
