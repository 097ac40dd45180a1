package io.jenkins.plugins.packer.jenkins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions of step arguments that the steps share, from what Groovy passes to what the engine takes. */
final class StepArguments {

    private StepArguments() {
    }

    /**
     * {@code -only}/{@code -except} as Packer reads them: a comma-separated list of build name globs; blank means
     * none.
     */
    /**
     * A text argument as Jenkins' forms give it ({@code ""} for a field left empty) or Pipeline (null when not
     * given): no value when blank, else trimmed, as {@code Util.fixEmptyAndTrim} does.
     */
    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static List<String> names(String commaSeparated) {
        List<String> out = new ArrayList<>();
        if (commaSeparated == null) {
            return out;
        }
        for (String s : commaSeparated.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /**
     * {@code -var} values from a Groovy map: names are strings, values strings, numbers or booleans, which Packer
     * then converts to each variable's type. A list or map would have to be written as HCL text
     * ({@code '["a", "b"]'}), as on Packer's command line; values are never quoted back in a message, since they
     * may be secrets.
     */
    static Map<String, String> variables(Map<?, ?> vars, List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        if (vars == null) {
            return out;
        }
        for (Map.Entry<?, ?> e : vars.entrySet()) {
            Object key = e.getKey();
            if (!(key instanceof CharSequence) || key.toString().isBlank()) {
                problems.add("vars must be keyed by variable names, but has the key " + ValidateRequest.describe(key));
                continue;
            }
            Object value = e.getValue();
            if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
                out.put(key.toString(), value.toString());
            } else {
                problems.add("vars." + key + " must be a string, number or boolean (write a list or map as HCL text,"
                        + " for example '[\"a\", \"b\"]'), but is " + (value == null ? "null"
                        : "a " + value.getClass().getSimpleName()));
            }
        }
        return out;
    }

    /** {@code varFiles}: a list of paths inside the workspace. */
    static List<String> varFiles(List<?> varFiles, List<String> problems) {
        List<String> files = new ArrayList<>();
        if (varFiles == null) {
            return files;
        }
        for (Object f : varFiles) {
            String file = f instanceof CharSequence cs ? cs.toString() : null;
            String problem = file == null ? "varFiles must be a list of paths, but has " + ValidateRequest.describe(f)
                    : WorkspacePaths.problem("each of varFiles", file);
            if (problem != null) {
                problems.add(problem);
            } else {
                files.add(file);
            }
        }
        return files;
    }

    /**
     * The variables of a step: {@code vars} (a map, from Groovy) and {@code variables} (one {@code name=value} per
     * line, from a form or the Snippet Generator) together; a name given in both is a problem.
     */
    static Map<String, String> variables(Map<?, ?> vars, String lines, List<String> problems) {
        Map<String, String> out = variables(vars, problems);
        if (lines == null) {
            return out;
        }
        String[] all = lines.split("\\R");
        for (int i = 0; i < all.length; i++) {
            String line = all[i];
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            String name = eq < 0 ? "" : line.substring(0, eq).strip();
            if (name.isEmpty()) {
                problems.add("variables, line " + (i + 1) + ": expected name=value, but is " + line.strip());
            } else if (out.containsKey(name) && vars != null && vars.containsKey(name)) {
                problems.add("variables, line " + (i + 1) + ": " + name + " is given in vars too");
            } else {
                out.put(name, line.substring(eq + 1));
            }
        }
        return out;
    }

    /** {@code varFiles} (a list) and then {@code variableFiles} (one path per line) together, each checked. */
    static List<String> varFiles(List<?> varFiles, String lines, List<String> problems) {
        List<Object> all = new ArrayList<>(varFiles == null ? List.of() : varFiles);
        if (lines != null) {
            for (String line : lines.split("\\R")) {
                if (!line.isBlank()) {
                    all.add(line.strip());
                }
            }
        }
        return varFiles(all, problems);
    }

    /** What a step shows beside its name in the build's views: the path it works on, when given as text. */
    static String summary(Map<String, Object> namedArgs, String pathArgument) {
        Object path = namedArgs.get(pathArgument);
        return path instanceof CharSequence cs ? cs.toString() : null;
    }
}
