package io.jenkins.plugins.packer.template.json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Parses a legacy JSON template into a {@link JsonTemplate} with the checks and error texts of packer 1.6.6's
 * template parser: JSON syntax, duplicate keys, the types of the root keys, unknown root keys (keys starting with
 * {@code _} are comments and must be strings), then every variable, builder, post-processor and provisioner, all of
 * whose errors are reported together. Nothing here interpolates {@code {{ }}} or checks cross references (builder
 * names in {@code only}, at least one builder): that is validation.
 */
public final class JsonTemplateParser {

    /** Either a template or the error packer reports instead. */
    public record Result(JsonTemplate template, JsonTemplateError error) {

        public boolean ok() {
            return error == null;
        }
    }

    private static final Set<String> PROVISIONER_KEYS =
            Set.of("except", "only", "override", "pause_before", "max_retries", "type", "timeout");
    private static final Set<String> POST_PROCESSOR_KEYS = Set.of("except", "only", "keep_input_artifact", "type",
            "name");
    private static final Set<String> BUILDER_KEYS = Set.of("name", "type");

    private final List<JsonProblem> problems = new ArrayList<>();

    private JsonTemplateParser() {
    }

    /** Parses the bytes of a template file. */
    public static Result parse(byte[] content) {
        JsonReader.Result read = JsonReader.readDocument(content);
        if (read.problem() != null) {
            return failed(new JsonTemplateError(read.message(), List.of(read.problem())));
        }
        JsonValue root = read.value();
        if (root instanceof JsonValue.Null) {
            // packer decodes a null document into an empty template; only validation objects to it.
            root = new JsonValue.Obj(List.of(), root.position());
        }
        if (!(root instanceof JsonValue.Obj obj)) {
            return failed(JsonTemplateError.single(new JsonProblem(GoDecoder.expectedMap("", root), root.position())));
        }
        return new JsonTemplateParser().template(obj);
    }

    private static Result failed(JsonTemplateError error) {
        return new Result(null, error);
    }

    /** The root keys packer's template structure has, by field name: a key matches exactly or ignoring case. */
    private Result template(JsonValue.Obj root) {
        GoDecoder d = new GoDecoder(false);
        GoDecoder.Fields fields = new GoDecoder.Fields(root);
        List<JsonProblem> rootProblems = new ArrayList<>();
        String minVersion = field(d, fields, "min_packer_version", rootProblems, d::string);
        String description = field(d, fields, "Description", rootProblems, d::string);
        List<JsonValue> builders = field(d, fields, "builders", rootProblems, d::list);
        List<Map<String, String>> commentList = field(d, fields, "Comments", rootProblems, d::stringMaps);
        field(d, fields, "Push", rootProblems, d::map);
        List<JsonValue> postProcessors = field(d, fields, "post-processors", rootProblems, d::list);
        List<JsonValue> provisioners = field(d, fields, "Provisioners", rootProblems, d::list);
        JsonValue cleanup = field(d, fields, "error-cleanup-provisioner", rootProblems, (n, v) -> v);
        Map<String, JsonValue> variables = field(d, fields, "Variables", rootProblems, d::map);
        List<String> sensitive = field(d, fields, "sensitive-variables", rootProblems, d::strings);
        field(d, fields, "RawContents", rootProblems, (n, v) -> {
            d.bytes(n, v);
            return null;
        });
        if (d.failed()) {
            return failed(new JsonTemplateError(GoText.decodingError(d.errors()), rootProblems));
        }

        Map<String, String> comments = new LinkedHashMap<>();
        if (commentList != null) {
            commentList.forEach(comments::putAll);
        }
        List<String> unused = new ArrayList<>(fields.unused());
        unused.sort(GoText.ORDER);
        List<JsonProblem> unknown = new ArrayList<>();
        for (String key : unused) {
            JsonValue.Member m = root.member(key).orElseThrow();
            // An empty key crashes packer 1.6.6; it is reported as the unknown key it is.
            if (key.startsWith("_")) {
                if (!(m.value() instanceof JsonValue.Str s)) {
                    return failed(JsonTemplateError.single(new JsonProblem(
                            "Failed to cast root level comment value in comment \"" + key + "\" to string.",
                            m.value().position())));
                }
                comments.put(key, s.value());
                continue;
            }
            unknown.add(new JsonProblem("Unknown root level key in template: '" + key + "'", m.keyPosition()));
        }
        if (!unknown.isEmpty()) {
            return failed(JsonTemplateError.list(unknown));
        }

        Set<String> sensitiveNames = new HashSet<>(sensitive == null ? List.of() : sensitive);
        Map<String, JsonTemplate.Variable> vars = variables(variables, sensitiveNames);
        Map<String, JsonTemplate.Builder> builderMap = builders(builders);
        List<List<JsonTemplate.PostProcessor>> chains = postProcessors(postProcessors);
        List<JsonTemplate.Provisioner> provs = new ArrayList<>();
        if (provisioners != null) {
            for (int i = 0; i < provisioners.size(); i++) {
                String prefix = "provisioner " + (i + 1) + ": ";
                provisioner(provisioners.get(i), prefix).ifPresent(provs::add);
            }
        }
        JsonTemplate.Provisioner cleanupProvisioner = null;
        if (cleanup != null && !(cleanup instanceof JsonValue.Null)) {
            cleanupProvisioner = provisioner(cleanup, "On Error Cleanup Provisioner error: ").orElse(null);
        }
        if (!problems.isEmpty()) {
            return failed(JsonTemplateError.list(problems));
        }
        return new Result(new JsonTemplate(description == null ? "" : description,
                minVersion == null ? "" : minVersion, comments, vars, sensitive == null ? List.of() : sensitive,
                builderMap, provs, cleanupProvisioner, chains, root), null);
    }

    /** Decodes one struct field, attributing the errors it adds to the value's position. */
    private static <T> T field(GoDecoder d, GoDecoder.Fields fields, String name, List<JsonProblem> where,
            BiFunction<String, JsonValue, T> decode) {
        Optional<JsonValue.Member> m = fields.take(name);
        if (m.isEmpty()) {
            return null;
        }
        int before = d.errors().size();
        T value = decode.apply(name, m.get().value());
        for (String e : d.errors().subList(before, d.errors().size())) {
            where.add(new JsonProblem(e, m.get().value().position()));
        }
        return value;
    }

    private void problem(String message, JsonPosition at) {
        problems.add(new JsonProblem(message, at));
    }

    private Map<String, JsonTemplate.Variable> variables(Map<String, JsonValue> raw, Set<String> sensitive) {
        Map<String, JsonTemplate.Variable> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (Map.Entry<String, JsonValue> e : raw.entrySet()) {
            JsonValue v = e.getValue();
            GoDecoder d = new GoDecoder(false);
            String value = d.string("", v);
            if (d.failed()) {
                problem("variable " + e.getKey() + ": " + d.errors().get(0), v.position());
                continue;
            }
            boolean required = v instanceof JsonValue.Null;
            out.put(e.getKey(), new JsonTemplate.Variable(e.getKey(), required ? "" : value, required,
                    sensitive.contains(e.getKey()), v.position()));
        }
        return out;
    }

    private Map<String, JsonTemplate.Builder> builders(List<JsonValue> raw) {
        Map<String, JsonTemplate.Builder> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (int i = 0; i < raw.size(); i++) {
            String prefix = "builder " + (i + 1) + ": ";
            JsonValue v = raw.get(i);
            if (v instanceof JsonValue.Null) {
                // packer 1.6.6 crashes on a null builder; this says what is wrong instead.
                problem(prefix + "a builder must be an object, got null", v.position());
                continue;
            }
            if (!(v instanceof JsonValue.Obj obj)) {
                problem(prefix + GoDecoder.expectedMap("", v), v.position());
                continue;
            }
            GoDecoder d = new GoDecoder(true);
            GoDecoder.Fields fields = new GoDecoder.Fields(obj);
            String name = fields.take("Name").map(m -> d.string("Name", m.value())).orElse(null);
            String type = fields.take("Type").map(m -> d.string("Type", m.value())).orElse(null);
            fields.take("Config").ifPresent(m -> d.map("Config", m.value()));
            if (d.failed()) {
                problem(prefix + GoText.decodingError(d.errors()), v.position());
                continue;
            }
            if (type == null || type.isEmpty()) {
                problem(prefix + "missing 'type'", v.position());
                continue;
            }
            if (name == null || name.isEmpty()) {
                name = type;
            }
            if (out.containsKey(name)) {
                problem(prefix + "builder with name '" + name + "' already exists", v.position());
                continue;
            }
            out.put(name, new JsonTemplate.Builder(name, type, obj.without(BUILDER_KEYS), v.position()));
        }
        return out;
    }

    /** Each entry is a chain: a name, an object, or a list of names and objects. */
    private List<List<JsonTemplate.PostProcessor>> postProcessors(List<JsonValue> raw) {
        List<List<JsonTemplate.PostProcessor>> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        for (int i = 0; i < raw.size(); i++) {
            JsonValue v = raw.get(i);
            List<JsonValue.Obj> configs = new ArrayList<>();
            if (v instanceof JsonValue.Str || v instanceof JsonValue.Obj) {
                configs.add(postProcessorConfig(v));
            } else if (v instanceof JsonValue.Arr chain) {
                boolean bad = false;
                for (int j = 0; j < chain.elements().size(); j++) {
                    JsonValue e = chain.elements().get(j);
                    String at = "post-processor " + (i + 1) + "." + (j + 1) + ": ";
                    if (e instanceof JsonValue.Str || e instanceof JsonValue.Obj) {
                        configs.add(postProcessorConfig(e));
                    } else {
                        problem(at + (e instanceof JsonValue.Arr ? "sequence not allowed to be nested in a sequence"
                                : "unknown format"), e.position());
                        bad = true;
                    }
                }
                if (bad) {
                    continue;
                }
            } else {
                problem("post-processor " + (i + 1) + ": bad format", v.position());
                continue;
            }
            List<JsonTemplate.PostProcessor> pps = new ArrayList<>();
            for (int j = 0; j < configs.size(); j++) {
                postProcessor(configs.get(j), "post-processor " + (i + 1) + "." + (j + 1) + ": ").ifPresent(pps::add);
            }
            out.add(pps);
        }
        return out;
    }

    /** A post-processor given by name is a configuration with just that type. */
    private static JsonValue.Obj postProcessorConfig(JsonValue v) {
        if (v instanceof JsonValue.Obj o) {
            return o;
        }
        return new JsonValue.Obj(List.of(new JsonValue.Member("type", v.position(), v)), v.position());
    }

    private Optional<JsonTemplate.PostProcessor> postProcessor(JsonValue.Obj c, String prefix) {
        GoDecoder d = new GoDecoder(false);
        GoDecoder.Fields fields = new GoDecoder.Fields(c);
        String name = fields.take("Name").map(m -> d.string("Name", m.value())).orElse(null);
        String type = fields.take("Type").map(m -> d.string("Type", m.value())).orElse(null);
        Boolean keep = fields.take("keep_input_artifact").map(m -> d.bool("keep_input_artifact", m.value()))
                .orElse(null);
        fields.take("Config").ifPresent(m -> d.map("Config", m.value()));
        List<String> only = fields.take("Only").map(m -> d.strings("Only", m.value())).orElse(null);
        List<String> except = fields.take("Except").map(m -> d.strings("Except", m.value())).orElse(null);
        if (d.failed()) {
            problem(prefix + GoText.decodingError(d.errors()), c.position());
            return Optional.empty();
        }
        if (type == null || type.isEmpty()) {
            problem(prefix + "type is required", c.position());
            return Optional.empty();
        }
        return Optional.of(new JsonTemplate.PostProcessor(name == null || name.isEmpty() ? type : name, type,
                orEmpty(only), orEmpty(except), keep, c.without(POST_PROCESSOR_KEYS), c.position()));
    }

    private Optional<JsonTemplate.Provisioner> provisioner(JsonValue v, String prefix) {
        Consumer<String> report = message -> problem(prefix + message, v.position());
        if (v instanceof JsonValue.Null) {
            report.accept("Provisioner missing 'type'");
            return Optional.empty();
        }
        if (!(v instanceof JsonValue.Obj obj)) {
            report.accept("Error decoding provisioner: " + GoDecoder.expectedMap("", v));
            return Optional.empty();
        }
        GoDecoder d = new GoDecoder(true);
        GoDecoder.Fields fields = new GoDecoder.Fields(obj);
        String type = fields.take("Type").map(m -> d.string("Type", m.value())).orElse(null);
        fields.take("Config").ifPresent(m -> d.map("Config", m.value()));
        Map<String, JsonValue> override = fields.take("Override").map(m -> d.map("Override", m.value()))
                .orElse(null);
        Duration pauseBefore = fields.take("pause_before").map(m -> d.duration("pause_before", m.value()))
                .orElse(null);
        String maxRetries = fields.take("max_retries").map(m -> d.string("max_retries", m.value())).orElse(null);
        Duration timeout = fields.take("timeout").map(m -> d.duration("timeout", m.value())).orElse(null);
        List<String> only = fields.take("Only").map(m -> d.strings("Only", m.value())).orElse(null);
        List<String> except = fields.take("Except").map(m -> d.strings("Except", m.value())).orElse(null);
        if (d.failed()) {
            report.accept("Error decoding provisioner: " + GoText.decodingError(d.errors()));
            return Optional.empty();
        }
        if (type == null || type.isEmpty()) {
            report.accept("Provisioner missing 'type'");
            return Optional.empty();
        }
        return Optional.of(new JsonTemplate.Provisioner(type, orEmpty(only), orEmpty(except),
                override == null ? Map.of() : override, pauseBefore == null ? Duration.ZERO : pauseBefore,
                maxRetries == null ? "" : maxRetries, timeout == null ? Duration.ZERO : timeout,
                obj.without(PROVISIONER_KEYS), v.position()));
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }
}
