package io.jenkins.plugins.packer.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.TaskListener;
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
 * {@code packerValidate}: {@code packer validate} on a template in the workspace, run on the agent. Fails with every
 * diagnostic when the template is invalid; returns its warnings when it is valid.
 */
public final class PackerValidateStep extends Step {

    private final String template;
    private Map<String, Object> vars;
    private List<String> varFiles;
    private String variables;
    private String variableFiles;
    private String only;
    private String except;
    private boolean syntaxOnly;

    @DataBoundConstructor
    public PackerValidateStep(String template) {
        this.template = template;
    }

    public String getTemplate() {
        return template;
    }

    public Map<String, Object> getVars() {
        return vars;
    }

    @DataBoundSetter
    public void setVars(Map<String, Object> vars) {
        // A copy Jenkins can save (it refuses the JDK's immutable maps).
        this.vars = vars == null ? null : new java.util.LinkedHashMap<>(vars);
    }

    public List<String> getVarFiles() {
        return varFiles;
    }

    @DataBoundSetter
    public void setVarFiles(List<String> varFiles) {
        this.varFiles = varFiles == null ? null : new java.util.ArrayList<>(varFiles);
    }

    /** The variables as {@code name=value} lines: what the form and the Snippet Generator write. */
    public String getVariables() {
        return variables;
    }

    @DataBoundSetter
    public void setVariables(String variables) {
        this.variables = StepArguments.blankToNull(variables);
    }

    /** The var-files, one per line: what the form and the Snippet Generator write. */
    public String getVariableFiles() {
        return variableFiles;
    }

    @DataBoundSetter
    public void setVariableFiles(String variableFiles) {
        this.variableFiles = StepArguments.blankToNull(variableFiles);
    }

    public String getOnly() {
        return only;
    }

    @DataBoundSetter
    public void setOnly(String only) {
        this.only = StepArguments.blankToNull(only);
    }

    public String getExcept() {
        return except;
    }

    @DataBoundSetter
    public void setExcept(String except) {
        this.except = StepArguments.blankToNull(except);
    }

    public boolean isSyntaxOnly() {
        return syntaxOnly;
    }

    @DataBoundSetter
    public void setSyntaxOnly(boolean syntaxOnly) {
        this.syntaxOnly = syntaxOnly;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /** Off the CPS VM thread: checks the arguments, validates on the agent, logs and returns the warnings. */
    static final class Execution extends SynchronousNonBlockingStepExecution<ArrayList<Map<String, Object>>> {

        private static final long serialVersionUID = 1L;

        private final transient PackerValidateStep step;

        Execution(PackerValidateStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected ArrayList<Map<String, Object>> run() throws Exception {
            ValidateRequest request;
            try {
                request = ValidateRequest.of(step.template, step.vars, step.variables, step.varFiles,
                        step.variableFiles, step.only, step.except,
                        step.syntaxOnly, getContext().get(EnvVars.class));
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
            ValidateOutcome outcome = getContext().get(FilePath.class).act(new ValidateCallable(request));
            if (!outcome.valid()) {
                throw new AbortException(outcome.failureMessage());
            }
            getContext().get(TaskListener.class).getLogger().print(outcome.logText());
            return outcome.result();
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

        @Override
        public String getFunctionName() {
            return "packerValidate";
        }

        @Override
        public String getDisplayName() {
            return Texts.get("PackerValidateStep.DisplayName");
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, TaskListener.class, EnvVars.class);
        }

        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            return StepArguments.summary(namedArgs, "template");
        }
    }
}
