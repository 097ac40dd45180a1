package jenkins.agents;

import hudson.remoting.Callable;
import org.jenkinsci.remoting.RoleChecker;

/** Mirrors jenkins-core {@code jenkins.agents.ControllerToAgentCallable}: a callable the controller sends an agent. */
public interface ControllerToAgentCallable<V, T extends Throwable> extends Callable<V, T> {

    @Override
    default void checkRoles(RoleChecker checker) throws SecurityException {
        throw new UnsupportedOperationException();
    }
}
