package hudson.model;

import hudson.EnvVars;

/** Mirrors jenkins-core {@code hudson.model.EnvironmentContributingAction}: an action that adds to a run's environment. */
public interface EnvironmentContributingAction extends Action {

    default void buildEnvironment(Run<?, ?> run, EnvVars env) {
    }
}
