package io.jenkins.plugins.packer.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A step context for executions that report their own end: a local workspace, a log the test reads, an
 * environment, and the result or failure reported (counting reports, which must happen once).
 */
final class RecordingStepContext extends StepContext {

    private static final long serialVersionUID = 1L;

    private final transient FilePath workspace;
    private final transient EnvVars env = new EnvVars();
    private final transient ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final transient PrintStream logger = new PrintStream(log, true, StandardCharsets.UTF_8);
    private final transient TaskListener listener = () -> logger;
    final transient CompletableFuture<Object> outcome = new CompletableFuture<>();
    final transient AtomicInteger reports = new AtomicInteger();

    /** The contexts of this JVM: after a restart, Jenkins binds a deserialized step to its flow node's context. */
    private static final Map<String, RecordingStepContext> LIVE = new java.util.concurrent.ConcurrentHashMap<>();
    private final String key = java.util.UUID.randomUUID().toString();
    final transient AtomicInteger saves = new AtomicInteger();

    RecordingStepContext(Path workspace, Map<String, String> env) {
        this.workspace = new FilePath(workspace.toFile());
        this.env.putAll(env);
        LIVE.put(key, this);
    }

    private Object readResolve() {
        return LIVE.get(key);
    }

    String log() {
        synchronized (log) {
            return log.toString(StandardCharsets.UTF_8);
        }
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
        saves.incrementAndGet();
        return com.google.common.util.concurrent.Futures.immediateVoidFuture();
    }

    @Override
    public void onSuccess(Object result) {
        reports.incrementAndGet();
        outcome.complete(result);
    }

    @Override
    public void onFailure(Throwable t) {
        reports.incrementAndGet();
        outcome.completeExceptionally(t);
    }
}
