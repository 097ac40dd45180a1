package io.jenkins.plugins.packer.gotemplate;

import io.jenkins.plugins.packer.builder.amazon.common.AmazonConfigChecks;
import io.jenkins.plugins.packer.function.FunctionException;
import io.jenkins.plugins.packer.gotemplate.GoTemplateExecutor.Function;
import io.jenkins.plugins.packer.gotemplate.GoTemplateExecutor.Kind;
import io.jenkins.plugins.packer.template.HclConfig;
import io.jenkins.plugins.packer.value.Value;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Packer's Go-template interpolation of component options ({@code interpolate.Render}): the text is a Go template
 * named {@code root} run with the context's data and Packer's template functions ({@code build_name},
 * {@code build_type}, {@code timestamp}, {@code isotime}, {@code uuid}, {@code user}, {@code env}, {@code pwd},
 * {@code template_dir}, {@code split}, {@code replace}, {@code replace_all}, {@code upper}, {@code lower},
 * {@code clean_resource_name}, {@code packer_version}, {@code build}). Components render their options with it when
 * they are prepared and, for the options they exclude (such as {@code execute_command}), when they run.
 */
public final class Interpolation {

    /** The template name Packer gives every rendered option. */
    static final String NAME = "root";

    /**
     * What a rendering sees: the build's name and builder type, the legacy template's path (empty in HCL2, where
     * {@code template_dir} is not available), user variables (null in HCL2), whether {@code env} may read the
     * environment, the environment, the working directory ({@code pwd}), the data ({@code .Field}s), and the HCL2
     * functions the time functions delegate to (so that every rendering of a run sees one start time).
     */
    public record Context(String buildName, String buildType, String templatePath, Map<String, String> userVariables,
                          boolean enableEnv, Map<String, String> env, Path workDir, Object data,
                          Map<String, io.jenkins.plugins.packer.function.Function> hclFunctions) {

        /** The same context with other data. */
        public Context withData(Object newData) {
            return new Context(buildName, buildType, templatePath, userVariables, enableEnv, env, workDir, newData,
                    hclFunctions);
        }
    }

    private Interpolation() {
    }

    /** How {@code user} fails for a variable that has no value (yet): packer retries the variables that say so. */
    public static final String VARIABLE_NOT_SET = "Error: variable not set: ";

    /** Renders {@code text}; text without an action is returned as it is. */
    public static String render(String text, Context ctx) throws GoTemplateException {
        if (!text.contains("{{")) {
            return text;
        }
        Map<String, Function> functions = functions(ctx);
        GoTemplate template = GoTemplateParser.parseTemplate(NAME, text, functions.keySet());
        return GoTemplateExecutor.execute(template, functions, ctx.data());
    }

    /** The actions packer leaves in user variables for later: {@code {{.Field}}}, {@code {{ .Field }}}. */
    private static final java.util.regex.Pattern FIELD_ACTION =
            java.util.regex.Pattern.compile("\\{\\{([\\t\\n\\f\\r ]|)\\.(.*?)([\\t\\n\\f\\r ]|)\\}\\}");

    /**
     * Renders a user variable's value as packer does ({@code interpolate.RenderRegex} with the filter
     * <code>{{(\s|)\.(.*?)(\s|)}}</code>): actions that are only a field of dot are set aside, the rest is rendered,
     * and they are put back as written, for the component that gets the value to render.
     */
    public static String renderKeepingFields(String text, Context ctx) throws GoTemplateException {
        java.util.regex.Matcher m = FIELD_ACTION.matcher(text);
        Map<String, String> excluded = new java.util.LinkedHashMap<>();
        String v = text;
        while (m.find()) {
            String id = UUID.randomUUID().toString();
            excluded.put(id, m.group());
            v = v.replace(m.group(), id);
        }
        String rendered = render(v, ctx);
        for (Map.Entry<String, String> e : excluded.entrySet()) {
            rendered = rendered.replace(e.getKey(), e.getValue());
        }
        return rendered;
    }

    private static Map<String, Function> functions(Context ctx) {
        Map<String, Function> f = new HashMap<>();
        f.put("build_name", GoTemplateExecutor.strings(0, a -> available(ctx.buildName(), "build_name")));
        f.put("build_type", GoTemplateExecutor.strings(0, a -> available(ctx.buildType(), "build_type")));
        f.put("env", GoTemplateExecutor.strings(1, a -> {
            if (!ctx.enableEnv()) {
                throw new IllegalStateException("env vars are not allowed here");
            }
            return ctx.env().getOrDefault(a.get(0), "");
        }));
        f.put("isotime", GoTemplateExecutor.variadicStrings(a -> {
            if (a.size() > 1) {
                throw new IllegalArgumentException("too many values, 1 needed: [" + String.join(" ", a) + "]");
            }
            return hcl(ctx, "legacy_isotime", a);
        }));
        f.put("strftime", GoTemplateExecutor.variadicStrings(a -> {
            if (a.size() > 1) {
                throw new IllegalArgumentException("too many values, 1 needed: [" + String.join(" ", a) + "]");
            }
            return hcl(ctx, "legacy_strftime", a);
        }));
        f.put("timestamp", GoTemplateExecutor.strings(0, a -> {
            String iso = hcl(ctx, "legacy_isotime", List.of());
            return Long.toString(java.time.OffsetDateTime.parse(iso).toEpochSecond());
        }));
        f.put("pwd", GoTemplateExecutor.strings(0, a -> ctx.workDir().toAbsolutePath().normalize().toString()));
        f.put("template_dir", GoTemplateExecutor.strings(0, a -> {
            if (ctx.templatePath() == null || ctx.templatePath().isEmpty()) {
                throw new IllegalStateException("template path not available");
            }
            Path p = ctx.workDir().resolve(ctx.templatePath()).toAbsolutePath().normalize().getParent();
            return p == null ? "/" : p.toString();
        }));
        f.put("uuid", GoTemplateExecutor.strings(0, a -> UUID.randomUUID().toString()));
        f.put("user", GoTemplateExecutor.strings(1, a -> {
            if (ctx.userVariables() == null) {
                throw new IllegalStateException("test");
            }
            String v = ctx.userVariables().get(a.get(0));
            if (v == null && ctx.enableEnv()) {
                throw new IllegalStateException(VARIABLE_NOT_SET + a.get(0));
            }
            return v == null ? "" : v;
        }));
        // Packer gives the core's version to legacy JSON templates only.
        f.put("packer_version", GoTemplateExecutor.strings(0, a -> available(
                ctx.templatePath() == null || ctx.templatePath().isEmpty() ? "" : HclConfig.PACKER_VERSION,
                "packer_version")));
        f.put("split", GoTemplateExecutor.typed(List.of(Kind.STRING, Kind.STRING, Kind.INT), a -> {
            String[] parts = ((String) a.get(0)).split(java.util.regex.Pattern.quote((String) a.get(1)), -1);
            int i = (int) (long) (Long) a.get(2);
            if (parts.length <= i) {
                throw new IllegalArgumentException("the substring " + i + " was unavailable using the separator"
                        + " value, " + a.get(1) + ", only " + parts.length + " values were found");
            }
            return parts[i];
        }));
        f.put("replace", GoTemplateExecutor.typed(List.of(Kind.STRING, Kind.STRING, Kind.INT, Kind.STRING), a -> replace(
                (String) a.get(3), (String) a.get(0), (String) a.get(1), (Long) a.get(2))));
        f.put("replace_all", GoTemplateExecutor.strings(3, a -> a.get(2).replace(a.get(0), a.get(1))));
        f.put("upper", GoTemplateExecutor.strings(1, a -> a.get(0).toUpperCase(java.util.Locale.ROOT)));
        f.put("lower", GoTemplateExecutor.strings(1, a -> a.get(0).toLowerCase(java.util.Locale.ROOT)));
        f.put("clean_resource_name", GoTemplateExecutor.strings(1,
                a -> AmazonConfigChecks.cleanResourceName(a.get(0))));
        f.put("build", GoTemplateExecutor.strings(1, a -> build(ctx.data(), a.get(0))));
        return f;
    }

    private static String available(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(what + " not available");
        }
        return value;
    }

    /** Go's {@code strings.Replace}: at most {@code n} replacements, all when {@code n < 0}. */
    static String replace(String s, String old, String replacement, long n) {
        if (n < 0 && !old.isEmpty()) {
            return s.replace(old, replacement);
        }
        long limit = n < 0 ? Long.MAX_VALUE : n;
        StringBuilder sb = new StringBuilder();
        int from = 0;
        long done = 0;
        if (old.isEmpty()) {
            // Go inserts the replacement before every rune and at the end.
            while (done < limit && from <= s.length()) {
                sb.append(replacement);
                done++;
                if (from == s.length()) {
                    return sb.toString();
                }
                int cp = s.codePointAt(from);
                sb.appendCodePoint(cp);
                from += Character.charCount(cp);
            }
            return sb.append(s.substring(from)).toString();
        }
        while (done < limit) {
            int at = s.indexOf(old, from);
            if (at < 0) {
                break;
            }
            sb.append(s, from, at).append(replacement);
            from = at + old.length();
            done++;
        }
        return sb.append(s.substring(from)).toString();
    }

    /** What packer's placeholder data says of a build value that is not known yet. */
    private static final String PLACEHOLDER_MSG = "To set this dynamically in the Packer template, you must use the"
            + " `build` function";

    /** Packer's placeholder for the build value {@code key} ({@code Build_ID. To set this dynamically...}). */
    public static String placeholder(String key) {
        return "Build_" + key + ". " + PLACEHOLDER_MSG;
    }

    /**
     * {@code {{ build `NAME` }}}: a value the builder generated, looked up in the data; while the data holds packer's
     * placeholder, {@code {{.NAME}}}, for the component to render once the value is known.
     */
    private static String build(Object data, String key) {
        if (data == null) {
            throw new IllegalStateException("Error validating build variable: the given variable " + key
                    + " will not be passed into your plugin.");
        }
        if (!(data instanceof Map<?, ?> m)) {
            throw new IllegalStateException("Error validating build variable: the given variable is not supported"
                    + " by this builder.");
        }
        Object v = m.get(key);
        if (v == null) {
            throw new IllegalStateException("loaded data, but couldnt find " + key + " in it.");
        }
        return v.toString().contains(PLACEHOLDER_MSG) ? "{{." + key + "}}" : v.toString();
    }

    private static String hcl(Context ctx, String name, List<String> args) {
        try {
            return ctx.hclFunctions().get(name).call(args.stream().map(Value::string).toList()).asString();
        } catch (FunctionException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
