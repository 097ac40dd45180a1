package io.jenkins.plugins.packer.jenkins;

import jenkins.security.MasterToSlaveCallable;

/** Starts {@link AgentWarmUp} on the agent and returns at once: true when it started, false when it ran already. */
final class WarmUpCallable extends MasterToSlaveCallable<Boolean, RuntimeException> {

    private static final long serialVersionUID = 1L;

    @Override
    public Boolean call() {
        return AgentWarmUp.start();
    }
}
