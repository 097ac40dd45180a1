package jenkins;

import jenkins.agents.ControllerToAgentFileCallable;

/** Mirrors jenkins-core {@code jenkins.MasterToSlaveFileCallable}, the base of callables the controller sends. */
public abstract class MasterToSlaveFileCallable<T> implements ControllerToAgentFileCallable<T> {

    private static final long serialVersionUID = 1L;
}
