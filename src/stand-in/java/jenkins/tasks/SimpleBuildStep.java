package jenkins.tasks;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStep;
import java.io.IOException;

/** Mirrors jenkins-core {@code jenkins.tasks.SimpleBuildStep}: a build step given its workspace and environment. */
public interface SimpleBuildStep extends BuildStep {

    default void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        throw new UnsupportedOperationException("Jenkins API stand-in");
    }

    /** Mirrors {@code SimpleBuildStep.LastBuildAction}: a run's action that adds actions to its job's page. */
    interface LastBuildAction extends hudson.model.Action {
        java.util.Collection<? extends hudson.model.Action> getProjectActions();
    }
}
