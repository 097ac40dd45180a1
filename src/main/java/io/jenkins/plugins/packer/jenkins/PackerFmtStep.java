package io.jenkins.plugins.packer.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.TaskListener;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code packerFmt}: {@code packer fmt} on the agent. Rewrites the HCL2 files of a path in the workspace to canonical
 * format and returns the ones it changed; with {@code check: true} changes nothing and fails when any would change.
 */
public final class PackerFmtStep extends Step {

    private String path = ".";
    private boolean check;
    private boolean recursive;

    @DataBoundConstructor
    public PackerFmtStep() {
    }

    public String getPath() {
        return path;
    }

    @DataBoundSetter
    public void setPath(String path) {
        this.path = path == null || path.isBlank() ? "." : path.strip();
    }

    public boolean isCheck() {
        return check;
    }

    @DataBoundSetter
    public void setCheck(boolean check) {
        this.check = check;
    }

    public boolean isRecursive() {
        return recursive;
    }

    @DataBoundSetter
    public void setRecursive(boolean recursive) {
        this.recursive = recursive;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /** Off the CPS VM thread: formats on the agent, logs each file, fails a check that found unformatted files. */
    static final class Execution extends SynchronousNonBlockingStepExecution<ArrayList<String>> {

        private static final long serialVersionUID = 1L;

        private final transient PackerFmtStep step;

        Execution(PackerFmtStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected ArrayList<String> run() throws Exception {
            FmtRequest request;
            try {
                request = FmtRequest.of(step.path, step.check, step.recursive);
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
            FmtOutcome outcome = getContext().get(FilePath.class).act(new FmtCallable(request));
            getContext().get(TaskListener.class).getLogger().print(outcome.logText());
            if (outcome.failed()) {
                throw new AbortException(outcome.failureMessage());
            }
            return outcome.result();
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "packerFmt";
        }

        @Override
        public String getDisplayName() {
            return Texts.get("PackerFmtStep.DisplayName");
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, TaskListener.class);
        }

        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            return StepArguments.summary(namedArgs, "path");
        }
    }
}
