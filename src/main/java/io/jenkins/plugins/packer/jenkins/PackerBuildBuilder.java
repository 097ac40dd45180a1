package io.jenkins.plugins.packer.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The freestyle build step "Build machine images with Packer": the same build as {@code packerBuild}, on the agent
 * that holds the workspace, with variables and var-files given one per line. The build fails when a Packer build
 * fails; an abort interrupts it and its cleanups run before it ends.
 */
public final class PackerBuildBuilder extends Builder implements SimpleBuildStep, BuildArguments {

    private final String template;
    private String variables = "";
    private String variableFiles = "";
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
    private String sshCredentialsId;
    private String credentialsId;

    @DataBoundConstructor
    public PackerBuildBuilder(String template) {
        this.template = template;
    }

    @Override
    public String getTemplate() {
        return template;
    }

    /** {@code name=value}, one per line. */
    @Override
    public String getVariables() {
        return variables;
    }

    @DataBoundSetter
    public void setVariables(String variables) {
        this.variables = variables == null ? "" : variables;
    }

    /** Var-file paths, one per line. */
    @Override
    public String getVariableFiles() {
        return variableFiles;
    }

    @DataBoundSetter
    public void setVariableFiles(String variableFiles) {
        this.variableFiles = variableFiles == null ? "" : variableFiles;
    }

    /** None: a freestyle build takes its variables as lines ({@link #getVariables}). */
    @Override
    public Map<String, Object> getVars() {
        return null;
    }

    /** None: a freestyle build takes its var-files as lines ({@link #getVariableFiles}). */
    @Override
    public List<String> getVarFiles() {
        return null;
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
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        BuildRequest request;
        try {
            request = BuildRequest.of(UUID.randomUUID().toString(), this, env,
                    SshCredentials.lookup(run, sshCredentialsId), AwsCredentialsLookup.lookup(run, credentialsId));
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        BuildFollower follower = new BuildFollower(request.id());
        PrintStream log = listener.getLogger();
        BuildOutcome outcome;
        InterruptedException aborted = null;
        try {
            try {
                workspace.act(new BuildCallable(request));
                outcome = follow(follower, workspace, log, null);
            } catch (InterruptedException e) {
                // An abort: the build's cleanups run on the agent, and their lines reach this log before it ends.
                // One that comes while the build is being started is kept on the agent: the build starts cancelled.
                aborted = e;
                log.println("Aborted: stopping the Packer build and waiting for its cleanups...");
                follower.cancel(workspace);
                try {
                    outcome = follow(follower, workspace, log, PackerBuildStep.Execution.CLEANUP_WAIT);
                } catch (BuildFollower.BuildLost neverStarted) {
                    outcome = null;
                }
                if (outcome == null) {
                    throw e;
                }
            }
        } catch (BuildFollower.BuildLost lost) {
            // Keys resolved again: a role's session given to the build may have ended.
            throw new AbortException(follower.sweep(workspace,
                    AwsCredentialsLookup.environment(env, run, getCredentialsId()), log, lost));
        }
        follower.forget(workspace);
        PackerImagesAction.record(run, outcome, exportEnv);
        Archiving.archive(run, workspace, launcher, listener, outcome, Archiving.Options.of(this));
        if (aborted != null) {
            throw aborted;
        }
        if (!outcome.succeeded()) {
            throw new AbortException(outcome.failureMessage());
        }
    }

    /** Follows the build until it ends (its outcome), or for at most {@code limit} when one is given (null). */
    private static BuildOutcome follow(BuildFollower follower, FilePath workspace, PrintStream log,
                                       java.time.Duration limit)
            throws IOException, InterruptedException, BuildFollower.BuildLost {
        long start = System.nanoTime();
        long delay = 100;
        while (limit == null || System.nanoTime() - start < limit.toNanos()) {
            long before = follower.offset();
            BuildOutcome outcome = follower.look(workspace, log);
            if (outcome != null) {
                return outcome;
            }
            delay = follower.offset() != before ? 100 : Math.min(2_000, delay * 3 / 2);
            Thread.sleep(delay);
        }
        return null;
    }

    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {

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
        @SuppressWarnings("rawtypes")
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return Texts.get("PackerBuildBuilder.DisplayName");
        }
    }
}
