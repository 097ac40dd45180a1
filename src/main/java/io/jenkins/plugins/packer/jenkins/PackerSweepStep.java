package io.jenkins.plugins.packer.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.packer.template.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * {@code packerSweep}: {@code pkrj sweep} on the agent that holds the workspace. Removes what {@code packerBuild}s of
 * this workspace left when they were killed (their journals are beside the workspace), and, in {@code regions}, what
 * carries the run tag of runs without a journal here that are older than {@code olderThan}. Logs what it removed,
 * returns those lines, and fails when something could not be removed.
 */
public final class PackerSweepStep extends Step {

    private String olderThan;
    private String runId;
    private String regions;
    private boolean dryRun;
    private String credentialsId;

    @DataBoundConstructor
    public PackerSweepStep() {
    }

    /** Only runs started longer ago than this (Go's durations: {@code 2h}, {@code 90m}). */
    public String getOlderThan() {
        return olderThan;
    }

    @DataBoundSetter
    public void setOlderThan(String olderThan) {
        this.olderThan = StepArguments.blankToNull(olderThan);
    }

    /** Only this run (a {@code packerBuild}'s id, as its log names it). */
    public String getRunId() {
        return runId;
    }

    @DataBoundSetter
    public void setRunId(String runId) {
        this.runId = StepArguments.blankToNull(runId);
    }

    /** Regions to search by the run tag besides those the journals name, separated by commas. */
    public String getRegions() {
        return regions;
    }

    @DataBoundSetter
    public void setRegions(String regions) {
        this.regions = StepArguments.blankToNull(regions);
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    /** The AWS credentials to sweep with. */
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = StepArguments.blankToNull(credentialsId);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /** Off the CPS VM thread: looks the credentials up, sweeps on the agent, logs and returns what it did. */
    static final class Execution extends SynchronousNonBlockingStepExecution<ArrayList<String>> {

        private static final long serialVersionUID = 1L;

        private final transient PackerSweepStep step;

        Execution(PackerSweepStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected ArrayList<String> run() throws Exception {
            Duration age = null;
            if (step.olderThan != null) {
                try {
                    age = Duration.ofNanos(GoDuration.parse(step.olderThan));
                } catch (GoDuration.InvalidDuration e) {
                    throw new AbortException("olderThan: " + e.getMessage());
                }
            }
            List<String> regions = step.regions == null ? List.of()
                    : List.of(step.regions.split("\\s*,\\s*"));
            StepContext ctx = getContext();
            Map<String, String> env = AwsCredentialsLookup.environment(ctx.get(EnvVars.class), ctx.get(Run.class),
                    step.credentialsId);
            SweepCallable.Swept swept = ctx.get(FilePath.class).act(new SweepCallable(step.runId, age, regions,
                    step.dryRun, env));
            ArrayList<String> said = new ArrayList<>(swept.lines());
            said.forEach(ctx.get(TaskListener.class).getLogger()::println);
            if (!swept.clean()) {
                throw new AbortException("packerSweep could not remove everything it found (see the log)");
            }
            return said;
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        /** olderThan: a duration as Go writes them. */
        @org.kohsuke.stapler.verb.POST
        public hudson.util.FormValidation doCheckOlderThan(@org.kohsuke.stapler.AncestorInPath hudson.model.Item item,
                @org.kohsuke.stapler.QueryParameter String value) {
            return FormChecks.duration(item, value);
        }

        /** regions: AWS region names separated by commas. */
        @org.kohsuke.stapler.verb.POST
        public hudson.util.FormValidation doCheckRegions(@org.kohsuke.stapler.AncestorInPath hudson.model.Item item,
                @org.kohsuke.stapler.QueryParameter String value) {
            return FormChecks.regions(item, value);
        }

        /** The AWS credentials the job may use (POST only: Jenkins' forms ask with POST). */
        @org.kohsuke.stapler.verb.POST
        public hudson.util.ListBoxModel doFillCredentialsIdItems(
                @org.kohsuke.stapler.AncestorInPath hudson.model.Item item,
                @org.kohsuke.stapler.QueryParameter String credentialsId) {
            return CredentialsLists.aws(item, credentialsId);
        }

        @Override
        public String getFunctionName() {
            return "packerSweep";
        }

        @Override
        public String getDisplayName() {
            return Texts.get("PackerSweepStep.DisplayName");
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, TaskListener.class, EnvVars.class, Run.class);
        }
    }
}
