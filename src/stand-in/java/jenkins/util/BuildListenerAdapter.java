package jenkins.util;

import hudson.model.BuildListener;
import hudson.model.TaskListener;
import java.io.PrintStream;

/** Mirrors jenkins-core {@code jenkins.util.BuildListenerAdapter}: a task listener seen as a build listener. */
public final class BuildListenerAdapter implements BuildListener {

    private final TaskListener delegate;

    public BuildListenerAdapter(TaskListener delegate) {
        this.delegate = delegate;
    }

    public static BuildListener wrap(TaskListener l) {
        return l instanceof BuildListener b ? b : new BuildListenerAdapter(l);
    }

    @Override
    public PrintStream getLogger() {
        return delegate.getLogger();
    }
}
