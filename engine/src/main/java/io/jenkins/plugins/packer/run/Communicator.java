package io.jenkins.plugins.packer.run;

/**
 * The connection provisioners use to reach the machine being built. A build whose communicator is {@code none}
 * has none (null), and only local provisioners can run.
 */
public interface Communicator {

    /** The communicator type, as {@code build.ConnType} shows it: {@code ssh}. */
    String type();
}
