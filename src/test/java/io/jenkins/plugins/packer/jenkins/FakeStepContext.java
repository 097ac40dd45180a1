package io.jenkins.plugins.packer.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A step context as a node block gives one: a local workspace, a listener whose log the test reads, and an
 * environment.
 */
final class FakeStepContext extends StepContext {

    private static final long serialVersionUID = 1L;

    private final transient FilePath workspace;
    private final transient EnvVars env = new EnvVars();
    private final transient ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final transient TaskListener listener = new TaskListener() {
        private static final long serialVersionUID = 1L;
        private final PrintStream logger = new PrintStream(log, true, StandardCharsets.UTF_8);

        @Override
        public PrintStream getLogger() {
            return logger;
        }
    };

    FakeStepContext(Path workspace, Map<String, String> env) {
        this.workspace = new FilePath(workspace.toFile());
        this.env.putAll(env);
    }

    String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Override
    public <T> T get(Class<T> key) {
        if (key == FilePath.class) {
            return key.cast(workspace);
        }
        if (key == TaskListener.class) {
            return key.cast(listener);
        }
        if (key == EnvVars.class) {
            return key.cast(env);
        }
        return null;
    }

    @Override
    public com.google.common.util.concurrent.ListenableFuture<Void> saveState() {
        return com.google.common.util.concurrent.Futures.immediateVoidFuture();
    }

    @Override
    public void onSuccess(Object result) {
        throw new AssertionError("the execution returns its result from run(); Jenkins reports it");
    }

    @Override
    public void onFailure(Throwable t) {
        throw new AssertionError("the execution throws from run(); Jenkins reports it", t);
    }
}
