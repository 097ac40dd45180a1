package io.jenkins.plugins.packer.jenkins;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code packerValidate} sends to the agent: its arguments, checked, in the engine's terms, and the step's
 * environment (for {@code PKR_VAR_*} and {@code env()}). Built on the controller, so a bad argument fails the step
 * before anything reaches the agent.
 */
record ValidateRequest(String template, Map<String, String> vars, List<String> varFiles, List<String> only,
                       List<String> except, boolean syntaxOnly, Map<String, String> env) implements Serializable {

    private static final long serialVersionUID = 1L;

    ValidateRequest {
        // Copies Java serialization can carry: Map.copyOf/List.copyOf give JDK-internal classes remoting may refuse.
        vars = new LinkedHashMap<>(vars);
        varFiles = new ArrayList<>(varFiles);
        only = new ArrayList<>(only);
        except = new ArrayList<>(except);
        env = new LinkedHashMap<>(env);
    }

    /**
     * Checks the step's arguments as Pipeline passes them (any of the optional ones may be null) and converts them.
     *
     * @throws IllegalArgumentException listing every problem found, one per line
     */
    static ValidateRequest of(String template, Map<?, ?> vars, List<?> varFiles, String only, String except,
                              boolean syntaxOnly, Map<String, String> env) {
        return of(template, vars, null, varFiles, null, only, except, syntaxOnly, env);
    }

    /** The same, with the variables and var-files written as lines too ({@code variables}, {@code variableFiles}). */
    static ValidateRequest of(String template, Map<?, ?> vars, String variables, List<?> varFiles,
                              String variableFiles, String only, String except, boolean syntaxOnly,
                              Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String templateProblem = WorkspacePaths.problem("template", template);
        if (templateProblem != null) {
            problems.add(templateProblem);
        }
        List<String> files = StepArguments.varFiles(varFiles, variableFiles, problems);
        Map<String, String> values = StepArguments.variables(vars, variables, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new ValidateRequest(template, values, files, StepArguments.names(only), StepArguments.names(except),
                syntaxOnly, env == null ? Map.of() : JenkinsProxy.environment(env));
    }

    static String describe(Object o) {
        return o == null ? "null" : "a " + o.getClass().getSimpleName() + " (" + o + ")";
    }
}
