package io.jenkins.plugins.packer.run;

import java.io.IOException;

/**
 * Runs a command on a Unix machine so that a cancellation stops everything it started, including processes that
 * left its session (Puppet runs {@code exec} resources in a session of their own, which the SSH "signal" request
 * and a closed channel do not reach): the command's shell writes its process id to a file, and a cancellation first
 * stops, then terminates the whole tree under it, children before the command's end is noticed.
 */
public final class RemoteProcessTree {

    /** How long the stopping command may take before the cancellation goes on without it. */
    private static final long STOP_MILLIS = 10_000;

    private RemoteProcessTree() {
    }

    /**
     * {@link Communicator#execute(String, Ui, Cancellation)} of {@code command}, with its shell's process id in
     * {@code pidFile} while it runs; {@code sudo} runs the stopping command with sudo (the command's processes may
     * be root's).
     */
    public static int execute(Communicator comm, String command, String pidFile, boolean sudo, Ui ui,
                              Cancellation cancellation) throws IOException, Cancellation.CancelledException {
        String file = "'" + pidFile.replace("'", "'\"'\"'") + "'";
        String wrapped = "echo $$ > " + file + "; " + command + "\ns=$?; rm -f " + file + "; exit $s";
        String stop = "p=$(cat " + file + " 2>/dev/null) || exit 0; "
                + "t() { kill -STOP \"$1\" 2>/dev/null; for c in $(pgrep -P \"$1\"); do t \"$c\"; done; "
                + "kill -TERM \"$1\" 2>/dev/null; kill -CONT \"$1\" 2>/dev/null; }; t \"$p\"; rm -f " + file;
        String stopCommand = sudo ? "sudo sh -c '" + stop.replace("'", "'\"'\"'") + "'" : stop;
        // Registered before the communicator's own listener, so it runs first: the tree is stopped while whole.
        try (Cancellation.Registration r = cancellation.onCancel(() -> stopTree(comm, stopCommand))) {
            return comm.execute(wrapped, ui, cancellation);
        }
    }

    private static void stopTree(Communicator comm, String stopCommand) {
        Cancellation own = new Cancellation();
        Thread t = new Thread(() -> {
            try {
                comm.execute(stopCommand, Quiet.UI, own);
            } catch (IOException | Cancellation.CancelledException e) {
                // The machine may be gone already; the communicator's own cancellation follows.
            }
        }, "stop-remote-process-tree");
        t.setDaemon(true);
        t.start();
        try {
            t.join(STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            own.cancel();
        }
    }

    /** A UI that drops what the stopping command prints. */
    private enum Quiet implements Ui {
        UI;

        @Override
        public void say(String message) {
        }

        @Override
        public void message(String message) {
        }

        @Override
        public void error(String message) {
        }

        @Override
        public String ask(String query) throws UiException {
            throw new UiException("no questions here");
        }
    }
}
