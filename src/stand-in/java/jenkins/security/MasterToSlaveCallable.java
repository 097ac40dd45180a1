package jenkins.security;

import jenkins.agents.ControllerToAgentCallable;

/** Mirrors jenkins-core {@code jenkins.security.MasterToSlaveCallable}, the base of callables the controller sends. */
public abstract class MasterToSlaveCallable<V, T extends Throwable> implements ControllerToAgentCallable<V, T> {

    private static final long serialVersionUID = 1L;
}
