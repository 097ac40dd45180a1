package io.jenkins.plugins.packer.jenkins;

import hudson.FilePath;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Follows a {@link DetachedBuild} from the controller: copies what it writes to the Jenkins log, from where the last
 * look left off, and ends with its outcome. The Pipeline step looks from a timer (its offset saved with the step, so
 * it goes on where it was after a restart), the freestyle builder in a loop.
 */
final class BuildFollower implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String id;
    private long offset;
    private ConsoleMarks marks = new ConsoleMarks();

    BuildFollower(String id) {
        this.id = id;
    }

    /** A build whose process is gone without an outcome: the agent's JVM (or the controller's) died with it. */
    static final class BuildLost extends Exception {
        private static final long serialVersionUID = 1L;

        BuildLost(String message) {
            super(message);
        }
    }

    String id() {
        return id;
    }

    long offset() {
        return offset;
    }

    /**
     * One look: copies the new output to {@code log}; returns the outcome once the build ended and its whole log is
     * copied, else null.
     *
     * @throws BuildLost when the build's process is gone and left no outcome
     */
    BuildOutcome look(FilePath workspace, PrintStream log) throws IOException, InterruptedException, BuildLost {
        DetachedBuild.Poll p = workspace.act(new PollCallable(id, offset));
        if (marks == null) {
            // Followed from before lines were marked (a step saved by an older version).
            marks = new ConsoleMarks();
        }
        if (p.log().length > 0) {
            marks.write(log, p.log());
        }
        offset = p.offset();
        if (p.outcome() != null) {
            marks.flush(log);
            return p.outcome();
        }
        if (!p.running()) {
            marks.flush(log);
            throw new BuildLost("The Packer build " + id + " ended without a result: its process is gone (the agent"
                    + " or Jenkins stopped while it ran)");
        }
        return null;
    }

    /**
     * After a {@link BuildLost}: removes what the build left (its journal on the agent, and the run tag), logging
     * each resource; returns the message the step fails with.
     */
    String sweep(FilePath workspace, Map<String, String> env, PrintStream log, BuildLost lost)
            throws IOException, InterruptedException {
        log.println(lost.getMessage() + ". Removing what it made:");
        SweepCallable.Swept swept = workspace.act(new SweepCallable(id, null, List.of(), false, env));
        swept.lines().forEach(log::println);
        return lost.getMessage() + (swept.clean() ? "; what it made was removed. Run the step again."
                : "; some of what it made could not be removed (see the log): remove it by hand, or with"
                + " pkrj sweep -run-id=" + id + ".");
    }

    /** Removes the build's files on the agent once its outcome is taken. */
    void forget(FilePath workspace) throws IOException, InterruptedException {
        workspace.act(new ForgetCallable(id));
    }

    /** Stops the build; its cleanups run, then a look returns its outcome. False when it no longer runs. */
    boolean cancel(FilePath workspace) throws IOException, InterruptedException {
        return workspace.act(new CancelCallable(id));
    }
}
