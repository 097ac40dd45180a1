package io.jenkins.plugins.packer.template.upgrade;

import io.jenkins.plugins.packer.gotemplate.GoTemplateException;
import io.jenkins.plugins.packer.gotemplate.GoTemplateExecutor;
import io.jenkins.plugins.packer.gotemplate.GoTemplateExecutor.Function;
import io.jenkins.plugins.packer.gotemplate.GoTemplateExecutor.Kind;
import io.jenkins.plugins.packer.gotemplate.GoTemplateNode;
import io.jenkins.plugins.packer.gotemplate.GoTemplateParser;
import io.jenkins.plugins.packer.value.GoStrings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the legacy {@code {{ }}} calls inside generated HCL text into HCL2 ({@code {{ user `x` }}} becomes
 * {@code ${var.x}}, {@code {{ timestamp }}} becomes {@code ${local.timestamp}}, ...), as packer's
 * {@code hcl2_upgrade} does: the block's text is run as a Go template whose functions print their HCL2 equivalent;
 * calls with no equivalent are kept and explained in a comment above the block, and actions that are not calls of
 * known functions ({@code {{ .Name }}}) are kept as written. One instance serves one conversion: it remembers the
 * secrets it turned into data sources, the variables that became locals and which helpers the output needs.
 */
final class LegacyCalls {

    static final String TEMPLATE_NAME = "hcl2_upgrade";

    private static final String UNQUOTED_OPERAND = "unexpected \"\\\\\" in operand";

    /** {@code {{ env \"x\" }}}: a call whose quotes HCL escaping turned into {@code \"}. */
    private static final Pattern ESCAPED_QUOTES = Pattern.compile(
            "\\{\\{[\\t\\n\\f\\r ]*\\w*([\\t\\n\\f\\r ]*(\\\\\"[^\\n]*\\\\\")[\\t\\n\\f\\r ]*)+\\w*[\\t\\n\\f\\r ]*\\}\\}");

    /** Secret lookups turned into {@code amazon-secretsmanager} data sources, by data source name. */
    private final Map<String, Map<String, Object>> secrets = new LinkedHashMap<>();
    /** Variables that became locals: {@code local} for a sensitive one, {@code locals} otherwise. */
    private final Map<String, String> localVariables = new HashMap<>();
    private boolean timestamp;
    private boolean isotime;
    private boolean strftime;

    Map<String, Map<String, Object>> secrets() {
        return secrets;
    }

    void markLocal(String variable, String kind) {
        localVariables.put(variable, kind);
    }

    boolean usesTimestamp() {
        return timestamp;
    }

    boolean usesIsotime() {
        return isotime;
    }

    boolean usesStrftime() {
        return strftime;
    }

    /** A call the upgrade cannot translate, reported in a comment above its block. */
    private record Unhandled(String call, String correspondence, String docs) {
        String message() {
            return "unhandled " + GoStrings.quote(call) + " call:\n# there is no way to automatically upgrade the "
                    + GoStrings.quote(call) + " call.\n# Please manually upgrade to " + correspondence + "\n# Visit "
                    + docs + " for more infos.";
        }
    }

    private static final String REPLACE_HINT = "`replace(string, substring, replacement)` or "
            + "`regex_replace(string, substring, replacement)`";
    private static final String REPLACE_DOCS = "https://www.packer.io/docs/templates/hcl_templates/functions/string/"
            + "replace or https://www.packer.io/docs/templates/hcl_templates/functions/string/regex_replace";

    /** Rewrites the calls in one block's HCL text (packer's {@code transposeTemplatingCalls}). */
    String transpose(String block) {
        List<Unhandled> unhandled = new ArrayList<>();
        Map<String, Function> f = new HashMap<>();
        f.put("aws_secretsmanager", GoTemplateExecutor.variadicStrings(a -> {
            // Go indexes a[0] without a check; the resulting panic becomes the call's error.
            if (a.isEmpty()) {
                throw new IllegalArgumentException("runtime error: index out of range [0] with length 0");
            }
            return "${data.amazon-secretsmanager." + secret(a) + ".value}";
        }));
        f.put("timestamp", GoTemplateExecutor.strings(0, a -> {
            timestamp = true;
            return "${local.timestamp}";
        }));
        f.put("isotime", GoTemplateExecutor.variadicStrings(a -> {
            if (a.isEmpty()) {
                return "${timestamp()}";
            }
            isotime = true;
            return "${legacy_isotime(\"" + a.get(0) + "\")}";
        }));
        f.put("strftime", GoTemplateExecutor.variadicStrings(a -> {
            if (a.isEmpty()) {
                return "${timestamp()}";
            }
            strftime = true;
            return "${legacy_strftime(\"" + a.get(0) + "\")}";
        }));
        f.put("user", GoTemplateExecutor.strings(1, a -> localVariables.containsKey(a.get(0))
                ? "${local." + a.get(0) + "}" : "${var." + a.get(0) + "}"));
        f.put("env", GoTemplateExecutor.strings(1, a -> "${env(" + GoStrings.quote(a.get(0)) + ")}"));
        f.put("build", GoTemplateExecutor.strings(1, a -> "${build." + a.get(0) + "}"));
        f.put("data", GoTemplateExecutor.strings(1, a -> "${data." + a.get(0) + "}"));
        f.put("template_dir", GoTemplateExecutor.strings(0, a -> "${path.root}"));
        f.put("pwd", GoTemplateExecutor.strings(0, a -> "${path.cwd}"));
        f.put("packer_version", GoTemplateExecutor.strings(0, a -> "${packer.version}"));
        f.put("uuid", GoTemplateExecutor.strings(0, a -> "${uuidv4()}"));
        f.put("build_name", GoTemplateExecutor.strings(0, a -> "${build.name}"));
        f.put("build_type", GoTemplateExecutor.strings(0, a -> "${build.type}"));
        f.put("lower", GoTemplateExecutor.strings(1, a -> {
            unhandled.add(new Unhandled("lower", "`lower(var.example)`",
                    "https://www.packer.io/docs/templates/hcl_templates/functions/string/lower"));
            return "{{ lower `" + a.get(0) + "` }}";
        }));
        f.put("upper", GoTemplateExecutor.strings(1, a -> {
            unhandled.add(new Unhandled("upper", "`upper(var.example)`",
                    "https://www.packer.io/docs/templates/hcl_templates/functions/string/upper"));
            return "{{ upper `" + a.get(0) + "` }}";
        }));
        f.put("split", GoTemplateExecutor.typed(List.of(Kind.STRING, Kind.STRING, Kind.INT), a -> {
            unhandled.add(new Unhandled("split", "`split(separator, string)`",
                    "https://www.packer.io/docs/templates/hcl_templates/functions/string/split"));
            return "{{ split `" + a.get(0) + "` `" + a.get(1) + "` " + a.get(2) + " }}";
        }));
        f.put("replace", GoTemplateExecutor.typed(List.of(Kind.STRING, Kind.STRING, Kind.INT, Kind.STRING), a -> {
            unhandled.add(new Unhandled("replace", REPLACE_HINT, REPLACE_DOCS));
            return "{{ replace `" + a.get(0) + "` `" + a.get(1) + "` `" + a.get(3) + "` " + a.get(2) + " }}";
        }));
        f.put("replace_all", GoTemplateExecutor.strings(3, a -> {
            unhandled.add(new Unhandled("replace_all", REPLACE_HINT, REPLACE_DOCS));
            return "{{ replace_all `" + a.get(0) + "` `" + a.get(1) + "` `" + a.get(2) + "` }}";
        }));
        f.put("clean_resource_name", GoTemplateExecutor.strings(1, a -> {
            unhandled.add(new Unhandled("clean_resource_name", "use custom validation rules, " + REPLACE_HINT,
                    "https://packer.io/docs/templates/hcl_templates/variables#custom-validation-rules , "
                            + "https://www.packer.io/docs/templates/hcl_templates/functions/string/replace or "
                            + "https://www.packer.io/docs/templates/hcl_templates/functions/string/regex_replace"));
            return "{{ clean_resource_name `" + a.get(0) + "` }}";
        }));
        String out;
        try {
            out = run(block, f);
        } catch (Fallback fb) {
            return fb.text;
        }
        if (unhandled.isEmpty()) {
            return out;
        }
        return "\n" + unhandledComment(unhandled) + out;
    }

    /** go-multierror's list as packer formats it into comment lines. */
    private static String unhandledComment(List<Unhandled> errors) {
        if (errors.size() == 1) {
            return "# 1 error occurred upgrading the following block:\n\t# " + errors.get(0).message() + "\n";
        }
        List<String> points = new ArrayList<>();
        for (int i = 0; i < errors.size(); i++) {
            points.add("# " + errors.get(i).message() + (i == errors.size() - 1 ? "" : "\n"));
        }
        return "# " + errors.size() + " errors occurred upgrading the following block:\n\t"
                + String.join("\n\t", points);
    }

    /** The data source for a secret lookup: the same name (and key) share one. */
    private String secret(List<String> a) {
        for (Map.Entry<String, Map<String, Object>> e : secrets.entrySet()) {
            boolean nameOk = a.get(0).equals(e.getValue().get("name"));
            boolean keyOk = a.size() != 2 || a.get(1).equals(e.getValue().get("key"));
            if (nameOk && keyOk) {
                return e.getKey();
            }
        }
        String id = "autogenerated_" + (secrets.size() + 1);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", a.get(0));
        if (a.size() == 2) {
            config.put("key", a.get(1));
        }
        secrets.put(id, config);
        return id;
    }

    /** What a variable's default says about it (packer's {@code variableTransposeTemplatingCalls}). */
    record VariableText(boolean isLocal, String text) {}

    /**
     * Rewrites a variable's text with only {@code env} translated; any other template function means the variable
     * needs something HCL2 variables cannot hold, so it must become a local.
     */
    VariableText variable(String text) {
        boolean[] local = {false};
        java.util.function.Function<List<String>, String> setLocal = a -> {
            local[0] = true;
            return "";
        };
        Map<String, Function> f = new HashMap<>();
        for (String name : List.of("aws_secretsmanager", "timestamp", "isotime", "strftime", "user", "template_dir",
                "pwd", "packer_version", "uuid", "lower", "upper")) {
            f.put(name, GoTemplateExecutor.variadicStrings(setLocal));
        }
        f.put("env", GoTemplateExecutor.strings(1, a -> "${env(" + GoStrings.quote(a.get(0)) + ")}"));
        f.put("split", GoTemplateExecutor.typed(List.of(Kind.STRING, Kind.STRING, Kind.INT), setLocalAny(local)));
        f.put("replace", GoTemplateExecutor.typed(List.of(Kind.STRING, Kind.STRING, Kind.INT, Kind.STRING), setLocalAny(local)));
        f.put("replace_all", GoTemplateExecutor.typed(List.of(Kind.STRING, Kind.STRING, Kind.STRING), setLocalAny(local)));
        try {
            String out = run(text, f);
            return new VariableText(local[0], out);
        } catch (Fallback fb) {
            return new VariableText(local[0], fb.text);
        }
    }

    private static java.util.function.Function<List<Object>, String> setLocalAny(boolean[] local) {
        return a -> {
            local[0] = true;
            return "";
        };
    }

    /** The text to output instead when a block could not be rewritten: a comment saying why, then the block. */
    private static final class Fallback extends Exception {
        private static final long serialVersionUID = 1L;
        final String text;

        Fallback(String message, String block) {
            super(message, null, false, false);
            this.text = message.contains("unhandled") ? "\n# " + message + "\n" + block
                    : "\n# could not parse template for following block: " + GoStrings.quote(message) + "\n" + block;
        }
    }

    /**
     * Parses (fixing {@code \"} quoting when that is what failed), rewrites unknown actions so they print
     * themselves, then executes.
     */
    private static String run(String text, Map<String, Function> functions) throws Fallback {
        List<GoTemplateNode> root;
        try {
            root = GoTemplateParser.parse(TEMPLATE_NAME, text, functions.keySet());
        } catch (GoTemplateException e) {
            if (!e.getMessage().contains(UNQUOTED_OPERAND)) {
                throw new Fallback(e.getMessage(), text);
            }
            String fixed = fixQuoting(text);
            try {
                root = GoTemplateParser.parse(TEMPLATE_NAME, fixed, functions.keySet());
            } catch (GoTemplateException again) {
                throw new Fallback(again.getMessage(), fixed);
            }
        }
        String retemplated;
        try {
            retemplated = retemplate(root, functions.keySet());
        } catch (GoTemplateException e) {
            throw new Fallback(e.getMessage(), text);
        }
        try {
            List<GoTemplateNode> again = GoTemplateParser.parse(TEMPLATE_NAME, retemplated, functions.keySet());
            return GoTemplateExecutor.execute(TEMPLATE_NAME, retemplated, again, functions);
        } catch (GoTemplateException e) {
            throw new Fallback(e.getMessage(), text);
        }
    }

    /**
     * Writes the template back with every action that is not a pipe, a call with arguments or a known function
     * escaped, so that executing it prints the action unchanged ({@code {{ .Name }}} stays for the plugin to expand).
     */
    static String retemplate(List<GoTemplateNode> root, Set<String> functions) throws GoTemplateException {
        StringBuilder out = new StringBuilder();
        for (GoTemplateNode n : root) {
            if (n instanceof GoTemplateNode.Text t) {
                out.append(t.text());
            } else if (n instanceof GoTemplateNode.Action a) {
                List<GoTemplateNode.Command> cmds = a.pipe().cmds();
                if (cmds.size() > 1 || cmds.get(0).args().size() > 1
                        || functions.contains(cmds.get(0).args().get(0).toString())) {
                    out.append(a);
                } else {
                    out.append("{{ \"{{\" }} ").append(cmds.get(0)).append(" {{ \"}}\" }}");
                }
            } else {
                throw new GoTemplateException("unhandled node type " + n.goType());
            }
        }
        return out.toString();
    }

    /**
     * Turns {@code \"} back into {@code "} inside calls such as {@code {{ env \"x\" }}}, which HCL escaping produced
     * from a JSON template's {@code "{{ env \"x\" }}"}; a call whose quotes cannot be unescaped is left alone.
     */
    static String fixQuoting(String text) {
        return ESCAPED_QUOTES.matcher(text).replaceAll(m -> {
            String s = m.group();
            String group = ESCAPED_QUOTES.matcher(s).replaceAll(g -> Matcher.quoteReplacement(g.group(1)));
            String unquoted = GoTemplateParser.unquote("\"" + group + "\"");
            if (unquoted == null) {
                return Matcher.quoteReplacement(s);
            }
            return Matcher.quoteReplacement(s.replaceFirst(Pattern.quote(group), Matcher.quoteReplacement(unquoted)));
        });
    }

    /**
     * The variables a template reads with {@code {{ user `x` }}}, found by running the whole file as a Go template
     * where {@code user} is the only function: any other function, or any error, finds nothing (as in packer).
     * Variables set only in var-files are declared this way.
     */
    static Set<String> referencedUserVariables(String raw) {
        Set<String> names = new TreeSet<>();
        Map<String, Function> f = Map.of("user", GoTemplateExecutor.strings(1, a -> {
            names.add(a.get(0));
            return "";
        }));
        try {
            GoTemplateExecutor.execute(GoTemplateParser.parseTemplate(TEMPLATE_NAME, raw, f.keySet()), f, null);
        } catch (GoTemplateException e) {
            return Set.of();
        }
        return names;
    }
}
