package io.jenkins.plugins.packer.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.FilePathUtils;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code packerBuild}: {@code packer build} of a template in the workspace, in process on the agent that holds it.
 * The log reads as Packer's; the images are recorded and the manifests archived on the run (the artifacts' files when
 * asked); the step returns, per build, its status, duration, error and artifacts (with AMI ids per region), and the
 * manifests' paths. An abort cancels the build on the agent and the step ends once the build's cleanups have run.
 */
public final class PackerBuildStep extends Step implements BuildArguments {

    private final String template;
    private Map<String, Object> vars;
    private List<String> varFiles;
    private String variables;
    private String variableFiles;
    private String only;
    private String except;
    private String onError = "cleanup";
    private int parallelBuilds;
    private boolean force;
    private boolean timestampUi;
    private boolean debugLog;
    private boolean color;
    private boolean archive = true;
    private boolean archiveArtifacts;
    private int archiveLimitMegabytes = 100;
    private boolean exportEnv;
    private boolean propagate = true;
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
        // A copy Jenkins can save (it refuses the JDK's immutable maps).
        this.vars = vars == null ? null : new java.util.LinkedHashMap<>(vars);
    }

    @Override
    public List<String> getVarFiles() {
        return varFiles;
    }

    @DataBoundSetter
    public void setVarFiles(List<String> varFiles) {
        this.varFiles = varFiles == null ? null : new java.util.ArrayList<>(varFiles);
    }

    /** The variables as {@code name=value} lines: what the form and the Snippet Generator write. */
    @Override
    public String getVariables() {
        return variables;
    }

    @DataBoundSetter
    public void setVariables(String variables) {
        this.variables = StepArguments.blankToNull(variables);
    }

    /** The var-files, one per line: what the form and the Snippet Generator write. */
    @Override
    public String getVariableFiles() {
        return variableFiles;
    }

    @DataBoundSetter
    public void setVariableFiles(String variableFiles) {
        this.variableFiles = StepArguments.blankToNull(variableFiles);
    }

    @Override
    public String getOnly() {
        return only;
    }

    @DataBoundSetter
    public void setOnly(String only) {
        this.only = StepArguments.blankToNull(only);
    }

    @Override
    public String getExcept() {
        return except;
    }

    @DataBoundSetter
    public void setExcept(String except) {
        this.except = StepArguments.blankToNull(except);
    }

    @Override
    public String getOnError() {
        return onError;
    }

    @DataBoundSetter
    public void setOnError(String onError) {
        this.onError = onError == null || onError.isBlank() ? "cleanup" : onError.strip();
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
    public boolean isDebugLog() {
        return debugLog;
    }

    @DataBoundSetter
    public void setDebugLog(boolean debugLog) {
        this.debugLog = debugLog;
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

    @Override
    public boolean isArchiveArtifacts() {
        return archiveArtifacts;
    }

    @DataBoundSetter
    public void setArchiveArtifacts(boolean archiveArtifacts) {
        this.archiveArtifacts = archiveArtifacts;
    }

    @Override
    public int getArchiveLimitMegabytes() {
        return archiveLimitMegabytes;
    }

    @DataBoundSetter
    public void setArchiveLimitMegabytes(int archiveLimitMegabytes) {
        this.archiveLimitMegabytes = archiveLimitMegabytes;
    }

    /**
     * Whether a failed build fails the step (the default); with false the step returns its result map, each build's
     * status in it, so that a Pipeline can act on a partial success.
     */
    public boolean isPropagate() {
        return propagate;
    }

    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        this.propagate = propagate;
    }

    /** The SSH private key credential for the sources that name no login of their own. */
    public String getSshCredentialsId() {
        return sshCredentialsId;
    }

    @DataBoundSetter
    public void setSshCredentialsId(String sshCredentialsId) {
        this.sshCredentialsId = StepArguments.blankToNull(sshCredentialsId);
    }

    /** The AWS credentials the build's amazon sources use, unless they set keys or a profile of their own. */
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

    /**
     * Starts the build on the agent, detached from the remote call ({@link DetachedBuild}), and follows it from a
     * timer, never from the CPS VM thread: each look copies its new output to the log and, at the end, takes its
     * outcome. Only plain data is kept with the Pipeline (the node, the workspace path, how much log was copied), so
     * after a controller restart {@link #onResume} finds the workspace again and goes on where it left off; a build
     * whose process died (the agent's JVM, or the controller's for its own workspaces) is found without an outcome,
     * and what it made is removed from its journal before the step fails. {@link #stop} cancels the build on the
     * agent, and the step ends once the build's cleanups ran (at most {@link #CLEANUP_WAIT}).
     */
    static final class Execution extends StepExecution {

        private static final long serialVersionUID = 2L;

        /** How long an abort waits for the build's cleanups (instances, key pairs, temporary files). */
        static final Duration CLEANUP_WAIT = Duration.ofMinutes(Long.getLong(
                PackerBuildStep.class.getName() + ".cleanupWaitMinutes", 30));
        /** How long an agent that cannot be reached is waited for (as Pipeline waits for a shell step's agent). */
        static final Duration AGENT_WAIT = Duration.ofMinutes(Long.getLong(
                PackerBuildStep.class.getName() + ".agentWaitMinutes", 5));
        private static final long MIN_DELAY_MS = 250;
        private static final long MAX_DELAY_MS = 5_000;

        /** Polls the builds: calls bounded by {@link RemoteTimeout}, so a hanging agent holds none of its threads. */
        private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "packerBuild");
            t.setDaemon(true);
            return t;
        });
        /** Starts builds and ends them (archiving, sweeping): work that may take long, off the polling threads. */
        private static final java.util.concurrent.ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "packerBuild start and end");
            t.setDaemon(true);
            return t;
        });

        private final transient PackerBuildStep step;
        private final String id;
        private final BuildFollower follower;
        private final Archiving.Options archive;
        private final boolean exportEnv;
        private final boolean propagate;
        private final String credentialsId;
        private String node;
        private String remote;
        private volatile boolean started;
        /** Why the step was stopped (an abort), kept across restarts; null while it was not. */
        private volatile String stopped;
        private volatile long stoppedAt;
        private transient volatile FilePath workspace;
        private transient volatile Throwable stopCause;
        private transient long offlineSince;
        private transient long delay;
        private transient boolean reported;
        private transient CountDownLatch done = new CountDownLatch(1);

        Execution(PackerBuildStep step, StepContext context) {
            this(step, context, UUID.randomUUID().toString());
        }

        private Execution(PackerBuildStep step, StepContext context, String id) {
            super(context);
            this.step = step;
            this.id = id;
            this.follower = new BuildFollower(id);
            this.archive = Archiving.Options.of(step);
            this.exportEnv = step.exportEnv;
            this.propagate = step.propagate;
            this.credentialsId = step.credentialsId;
        }

        /**
         * The execution as a restart finds it when {@code start} ran on {@code workspace} and the build {@code id}
         * was started there (tests of {@link #onResume} whose build ran in another process).
         */
        static Execution resumed(PackerBuildStep step, StepContext context, String id, FilePath workspace) {
            Execution e = new Execution(step, context, id);
            e.node = FilePathUtils.getNodeName(workspace);
            e.remote = workspace.getRemote();
            e.started = true;
            return e;
        }

        private Object readResolve() {
            done = new CountDownLatch(1);
            return this;
        }

        @Override
        public boolean start() throws Exception {
            StepContext ctx = getContext();
            FilePath ws = ctx.get(FilePath.class);
            try {
                // The arguments are checked here, at once; credentials are looked up off the CPS VM thread.
                BuildRequest.of(id, step, ctx.get(EnvVars.class));
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
            workspace = ws;
            node = FilePathUtils.getNodeName(ws);
            remote = ws.getRemote();
            WORKERS.execute(this::begin);
            return false;
        }

        /** Looks up the credentials and starts the build on the agent. */
        private void begin() {
            StepContext ctx = getContext();
            try {
                Run<?, ?> run = ctx.get(Run.class);
                BuildRequest request = BuildRequest.of(id, step, ctx.get(EnvVars.class),
                        SshCredentials.lookup(run, step.sshCredentialsId),
                        AwsCredentialsLookup.lookup(run, step.credentialsId));
                if (stopped != null) {
                    report(null, stopCause);
                    return;
                }
                workspace.act(new BuildCallable(request));
                started = true;
                ctx.saveState();
                if (stopped != null) {
                    // Stopped while the build was starting: the agent keeps the abort for it (AgentBuilds).
                    follower.cancel(workspace);
                }
                schedule(0);
            } catch (IllegalArgumentException e) {
                report(null, new AbortException(e.getMessage()));
            } catch (Throwable t) {
                report(null, t);
            }
        }

        private void schedule(long ms) {
            TIMER.schedule(this::look, ms, TimeUnit.MILLISECONDS);
        }

        /** The workspace, found again from the node's name and path after a restart; null while unreachable. */
        private FilePath workspace() {
            FilePath ws = workspace;
            if (ws == null) {
                ws = FilePathUtils.find(node, remote);
                workspace = ws;
            }
            return ws;
        }

        /** One look at the build: its new output, its outcome at the end, or that its process is gone. */
        private void look() {
            if (isReported()) {
                return;
            }
            StepContext ctx = getContext();
            FilePath ws = workspace();
            try {
                if (ws == null) {
                    offline(null);
                    return;
                }
                TaskListener listener = ctx.get(TaskListener.class);
                long before = follower.offset();
                BuildOutcome outcome;
                try (RemoteTimeout bound = RemoteTimeout.start()) {
                    try {
                        outcome = follower.look(ws, listener.getLogger());
                    } catch (InterruptedException e) {
                        if (!bound.expired()) {
                            throw e;
                        }
                        offline(new IOException("it did not answer within " + RemoteTimeout.limit.toSeconds()
                                + " s"));
                        return;
                    }
                }
                if (offlineSince != 0) {
                    listener.getLogger().println(where() + " is back online");
                    offlineSince = 0;
                }
                if (outcome != null) {
                    WORKERS.execute(() -> {
                        try {
                            finish(ws, outcome, listener);
                        } catch (Exception | Error e) {
                            report(null, e);
                        }
                    });
                    return;
                }
                if (stopped != null && System.currentTimeMillis() - stoppedAt > CLEANUP_WAIT.toMillis()) {
                    report(null, stopCause());
                    return;
                }
                if (follower.offset() != before) {
                    ctx.saveState();
                    delay = MIN_DELAY_MS;
                } else {
                    delay = Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, delay * 3 / 2));
                }
                schedule(delay);
            } catch (BuildFollower.BuildLost lost) {
                WORKERS.execute(() -> lost(ws, lost));
            } catch (InterruptedException e) {
                report(null, e);
            } catch (Exception e) {
                // The channel closed (remoting throws unchecked exceptions too): find the workspace again later.
                workspace = null;
                offline(e);
            }
        }

        private String where() {
            return node.isEmpty() ? "The built-in node" : node;
        }

        /** The agent cannot be reached: waits for it for {@link #AGENT_WAIT}, then fails. */
        private void offline(Exception why) {
            long now = System.currentTimeMillis();
            try {
                PrintStream log = getContext().get(TaskListener.class).getLogger();
                if (offlineSince == 0) {
                    offlineSince = now;
                    log.println(where() + " cannot be reached" + (why == null ? "" : " (" + why + ")")
                            + "; waiting up to " + AGENT_WAIT.toMinutes() + " min for it to come back");
                } else if (now - offlineSince > AGENT_WAIT.toMillis()) {
                    report(null, new AbortException(where() + " did not come back within " + AGENT_WAIT.toMinutes()
                            + " min. What the Packer build " + id + " made stays until it is swept: the packerSweep"
                            + " step on that agent, or pkrj sweep -run-id=" + id + "."));
                    return;
                }
            } catch (IOException | InterruptedException e) {
                report(null, e);
                return;
            }
            schedule(MAX_DELAY_MS);
        }

        private void finish(FilePath ws, BuildOutcome outcome, TaskListener listener) throws Exception {
            StepContext ctx = getContext();
            Run<?, ?> run = ctx.get(Run.class);
            PackerImagesAction.record(run, outcome, exportEnv);
            List<String> archived = Archiving.archive(run, ws, ctx.get(Launcher.class), listener, outcome, archive);
            follower.forget(ws);
            if (stopped != null) {
                report(null, stopCause());
            } else if (!outcome.succeeded() && (propagate || outcome.cancelled())) {
                report(null, new AbortException(outcome.failureMessage()));
            } else {
                report(PackerBuilding.withArchived(outcome, archived), null);
            }
        }

        /** The build's process died: what it made is swept from its journal, with the build's credentials. */
        private void lost(FilePath ws, BuildFollower.BuildLost lost) {
            StepContext ctx = getContext();
            try {
                Map<String, String> env = AwsCredentialsLookup.environment(ctx.get(EnvVars.class),
                        ctx.get(Run.class), credentialsId);
                String message = follower.sweep(ws, env, ctx.get(TaskListener.class).getLogger(), lost);
                follower.forget(ws);
                report(null, stopped != null ? stopCause() : new AbortException(message));
            } catch (Exception e) {
                report(null, new AbortException(lost.getMessage() + "; sweeping what it made failed: " + e));
            }
        }

        private Throwable stopCause() {
            return stopCause != null ? stopCause : new AbortException(stopped);
        }

        private synchronized boolean isReported() {
            return reported;
        }

        private void report(Object result, Throwable failure) {
            synchronized (this) {
                if (reported) {
                    return;
                }
                reported = true;
            }
            if (failure != null) {
                getContext().onFailure(failure);
            } else {
                getContext().onSuccess(result);
            }
            done.countDown();
        }

        @Override
        public void stop(Throwable cause) {
            stopCause = cause;
            stoppedAt = System.currentTimeMillis();
            stopped = String.valueOf(cause.getMessage() == null ? cause : cause.getMessage());
            TIMER.execute(() -> {
                try {
                    FilePath ws = workspace();
                    if (ws == null) {
                        report(null, cause);
                    } else {
                        // A build not registered yet starts cancelled; one that ended is reported by the next look.
                        try (RemoteTimeout bound = RemoteTimeout.start()) {
                            follower.cancel(ws);
                        }
                    }
                } catch (Exception e) {
                    report(null, cause);
                }
            });
        }

        @Override
        public void onResume() {
            // Deserialized after a restart: only the plain fields are left. Find the workspace again and go on.
            workspace = null;
            delay = MIN_DELAY_MS;
            schedule(0);
        }

        @Override
        public String getStatus() {
            String state = isReported() ? "finished" : stopped != null ? "stopping" : started ? "running" : "starting";
            return state + " Packer build " + id + " on " + (node == null || node.isEmpty() ? "the built-in node"
                    : node) + "; " + follower.offset() + " bytes of its log copied";
        }

        /** Waits for the step to end (tests). */
        boolean awaitEnd(Duration timeout) throws InterruptedException {
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Stops following without reporting, as when the controller's JVM dies (tests of {@link #onResume}). */
        synchronized void abandon() {
            reported = true;
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

        /** The variables, one name=value per line. */
        @org.kohsuke.stapler.verb.POST
        public hudson.util.FormValidation doCheckVariables(@org.kohsuke.stapler.AncestorInPath hudson.model.Item item,
                @org.kohsuke.stapler.QueryParameter String value) {
            return FormChecks.variables(item, value);
        }

        /** The var-files, one path per line. */
        @org.kohsuke.stapler.verb.POST
        public hudson.util.FormValidation doCheckVariableFiles(
                @org.kohsuke.stapler.AncestorInPath hudson.model.Item item,
                @org.kohsuke.stapler.QueryParameter String value) {
            return FormChecks.variableFiles(item, value);
        }

        /** onError: one of the modes a Jenkins build can run. */
        @org.kohsuke.stapler.verb.POST
        public hudson.util.FormValidation doCheckOnError(@org.kohsuke.stapler.AncestorInPath hudson.model.Item item,
                @org.kohsuke.stapler.QueryParameter String value) {
            return FormChecks.onError(item, value);
        }

        /** parallelBuilds: 0 (no limit) or more. */
        @org.kohsuke.stapler.verb.POST
        public hudson.util.FormValidation doCheckParallelBuilds(
                @org.kohsuke.stapler.AncestorInPath hudson.model.Item item,
                @org.kohsuke.stapler.QueryParameter String value) {
            return FormChecks.zeroOrMore(item, "parallelBuilds", value);
        }

        /** archiveLimitMegabytes: 0 or more. */
        @org.kohsuke.stapler.verb.POST
        public hudson.util.FormValidation doCheckArchiveLimitMegabytes(
                @org.kohsuke.stapler.AncestorInPath hudson.model.Item item,
                @org.kohsuke.stapler.QueryParameter String value) {
            return FormChecks.zeroOrMore(item, "archiveLimitMegabytes", value);
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
            return Texts.get("PackerBuildStep.DisplayName");
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
