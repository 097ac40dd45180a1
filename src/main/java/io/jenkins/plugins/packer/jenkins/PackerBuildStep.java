package io.jenkins.plugins.packer.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code packerBuild}: {@code packer build} of a template in the workspace, in process on the agent that holds it.
 * The log reads as Packer's; the artifacts' files and the manifests are archived on the run; the step returns, per
 * build, its status, duration, error and artifacts (with AMI ids per region), and the manifests' paths. An abort
 * cancels the build on the agent and the step ends once the build's cleanups have run.
 */
public final class PackerBuildStep extends Step implements BuildArguments {

    private final String template;
    private Map<String, Object> vars;
    private List<String> varFiles;
    private String only;
    private String except;
    private String onError = "cleanup";
    private int parallelBuilds;
    private boolean force;
    private boolean timestampUi;
    private boolean color;
    private boolean archive = true;
    private boolean exportEnv;
    private String sshCredentialsId;
    private String credentialsId;

    @DataBoundConstructor
    public PackerBuildStep(String template) {
        this.template = template;
    }

    @Override
    public String getTemplate() {
        return template;
    }

    @Override
    public Map<String, Object> getVars() {
        return vars;
    }

    @DataBoundSetter
    public void setVars(Map<String, Object> vars) {
        this.vars = vars;
    }

    @Override
    public List<String> getVarFiles() {
        return varFiles;
    }

    @DataBoundSetter
    public void setVarFiles(List<String> varFiles) {
        this.varFiles = varFiles;
    }

    @Override
    public String getOnly() {
        return only;
    }

    @DataBoundSetter
    public void setOnly(String only) {
        this.only = only;
    }

    @Override
    public String getExcept() {
        return except;
    }

    @DataBoundSetter
    public void setExcept(String except) {
        this.except = except;
    }

    @Override
    public String getOnError() {
        return onError;
    }

    @DataBoundSetter
    public void setOnError(String onError) {
        this.onError = onError;
    }

    @Override
    public int getParallelBuilds() {
        return parallelBuilds;
    }

    @DataBoundSetter
    public void setParallelBuilds(int parallelBuilds) {
        this.parallelBuilds = parallelBuilds;
    }

    @Override
    public boolean isForce() {
        return force;
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    @Override
    public boolean isTimestampUi() {
        return timestampUi;
    }

    @DataBoundSetter
    public void setTimestampUi(boolean timestampUi) {
        this.timestampUi = timestampUi;
    }

    @Override
    public boolean isColor() {
        return color;
    }

    @DataBoundSetter
    public void setColor(boolean color) {
        this.color = color;
    }

    /** Whether later steps see the images as {@code PACKER_ARTIFACT_<BUILD>_<REGION>}. */
    public boolean isExportEnv() {
        return exportEnv;
    }

    @DataBoundSetter
    public void setExportEnv(boolean exportEnv) {
        this.exportEnv = exportEnv;
    }

    @Override
    public boolean isArchive() {
        return archive;
    }

    @DataBoundSetter
    public void setArchive(boolean archive) {
        this.archive = archive;
    }

    /** The SSH private key credential for the sources that name no login of their own. */
    public String getSshCredentialsId() {
        return sshCredentialsId;
    }

    @DataBoundSetter
    public void setSshCredentialsId(String sshCredentialsId) {
        this.sshCredentialsId = sshCredentialsId;
    }

    /** The AWS credentials the build's amazon sources use, unless they set keys or a profile of their own. */
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = credentialsId;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /**
     * Runs the build on a thread of its own (never the CPS VM thread) and reports its end once. {@link #stop}
     * cancels the build on the agent and waits, for at most {@link #CLEANUP_WAIT}, for its cleanups before the
     * step ends.
     */
    static final class Execution extends StepExecution {

        private static final long serialVersionUID = 1L;

        /** How long an abort waits for the build's cleanups (instances, key pairs, temporary files). */
        static final Duration CLEANUP_WAIT = Duration.ofMinutes(Long.getLong(
                PackerBuildStep.class.getName() + ".cleanupWaitMinutes", 30));

        private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "packerBuild");
            t.setDaemon(true);
            return t;
        });

        private final transient PackerBuildStep step;
        private final String id = UUID.randomUUID().toString();
        private transient volatile FilePath workspace;
        private transient volatile Future<?> task;
        private transient volatile Throwable stopCause;
        private final transient CountDownLatch done = new CountDownLatch(1);
        private final transient AtomicBoolean reported = new AtomicBoolean();

        Execution(PackerBuildStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        public boolean start() throws Exception {
            StepContext ctx = getContext();
            BuildRequest request;
            try {
                request = BuildRequest.of(id, step, ctx.get(EnvVars.class),
                        SshCredentials.lookup(ctx.get(Run.class), step.sshCredentialsId),
                        AwsCredentialsLookup.lookup(ctx.get(Run.class), step.credentialsId));
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
            workspace = ctx.get(FilePath.class);
            TaskListener listener = ctx.get(TaskListener.class);
            task = THREADS.submit(() -> {
                try {
                    BuildOutcome outcome = workspace.act(new BuildCallable(request, listener));
                    List<String> archived = step.archive ? Archiving.archive(ctx.get(Run.class), workspace,
                            ctx.get(Launcher.class), listener, outcome) : List.of();
                    PackerImagesAction.record(ctx.get(Run.class), outcome, step.exportEnv);
                    if (stopCause != null) {
                        report(null, stopCause);
                    } else if (!outcome.succeeded()) {
                        report(null, new AbortException(outcome.failureMessage()));
                    } else {
                        report(PackerBuilding.withArchived(outcome, archived), null);
                    }
                } catch (Throwable t) {
                    report(null, stopCause != null ? stopCause : t);
                } finally {
                    done.countDown();
                }
            });
            return false;
        }

        private void report(Object result, Throwable failure) {
            if (!reported.compareAndSet(false, true)) {
                return;
            }
            if (failure != null) {
                getContext().onFailure(failure);
            } else {
                getContext().onSuccess(result);
            }
        }

        @Override
        public void stop(Throwable cause) {
            stopCause = cause;
            THREADS.submit(() -> {
                try {
                    if (workspace != null) {
                        workspace.act(new CancelCallable(id));
                    }
                    if (!done.await(CLEANUP_WAIT.toMillis(), TimeUnit.MILLISECONDS) && task != null) {
                        task.cancel(true);
                    }
                } catch (Exception e) {
                    if (task != null) {
                        task.cancel(true);
                    }
                } finally {
                    report(null, cause);
                }
            });
        }

        @Override
        public void onResume() {
            // After a restart this execution is deserialized: nothing transient is left, only the context.
            getContext().onFailure(new AbortException("packerBuild cannot go on after Jenkins restarted: the build ran in the"
                    + " Jenkins process that stopped. Run the step again."));
        }

        /** Waits for the build thread to end (tests). */
        boolean awaitEnd(Duration timeout) throws InterruptedException {
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        /** Checks the template path as typed: required, relative, inside the workspace. */
        @org.kohsuke.stapler.verb.POST
        public hudson.util.FormValidation doCheckTemplate(@org.kohsuke.stapler.AncestorInPath hudson.model.Item item,
                @org.kohsuke.stapler.QueryParameter String value) {
            return FormChecks.template(item, value);
        }

        /** The AWS credentials the job may use (POST only: Jenkins' forms ask with POST). */
        @org.kohsuke.stapler.verb.POST
        public hudson.util.ListBoxModel doFillCredentialsIdItems(
                @org.kohsuke.stapler.AncestorInPath hudson.model.Item item,
                @org.kohsuke.stapler.QueryParameter String credentialsId) {
            return CredentialsLists.aws(item, credentialsId);
        }

        /** The SSH private keys the job may use. */
        @org.kohsuke.stapler.verb.POST
        public hudson.util.ListBoxModel doFillSshCredentialsIdItems(
                @org.kohsuke.stapler.AncestorInPath hudson.model.Item item,
                @org.kohsuke.stapler.QueryParameter String sshCredentialsId) {
            return CredentialsLists.ssh(item, sshCredentialsId);
        }

        @Override
        public String getFunctionName() {
            return "packerBuild";
        }

        @Override
        public String getDisplayName() {
            return "Build machine images with a Packer template";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, TaskListener.class, EnvVars.class, Run.class, Launcher.class);
        }

        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            return StepArguments.summary(namedArgs, "template");
        }
    }
}
