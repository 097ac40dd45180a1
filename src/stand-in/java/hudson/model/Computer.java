package hudson.model;

import hudson.remoting.VirtualChannel;

/**
 * Mirrors jenkins-core {@code hudson.model.Computer}: a node's live side, with the channel to its JVM (null while
 * offline). The tests' agents are subclasses that answer for their node.
 */
public abstract class Computer extends Actionable {

    public abstract VirtualChannel getChannel();

    /** The node's executors (none on a built-in node that runs no build). */
    public int getNumExecutors() {
        throw new UnsupportedOperationException("a test's computer answers for its node");
    }
}
