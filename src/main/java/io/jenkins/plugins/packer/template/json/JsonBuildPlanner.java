package io.jenkins.plugins.packer.template.json;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.ComponentSpecs;
import io.jenkins.plugins.packer.component.ConfigRendering;
import io.jenkins.plugins.packer.component.ConfigSpec;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparers;
import io.jenkins.plugins.packer.component.SshLogin;
import io.jenkins.plugins.packer.function.Function;
import io.jenkins.plugins.packer.gotemplate.GoTemplateException;
import io.jenkins.plugins.packer.gotemplate.Interpolation;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.plan.PlannedBuild;
import io.jenkins.plugins.packer.plan.Preparation;
import io.jenkins.plugins.packer.template.PostProcessorBlock;
import io.jenkins.plugins.packer.template.HclConfig;
import io.jenkins.plugins.packer.template.ProvisionerBlock;
import io.jenkins.plugins.packer.template.VersionConstraint;
import io.jenkins.plugins.packer.value.ConversionException;
import io.jenkins.plugins.packer.value.Convert;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a legacy JSON template into the builds Packer would run: user variables from their defaults, var-files and
 * {@code -var} values, rendered as Go templates until they settle; then, per builder (in name order, filtered by
 * {@code -only}/{@code -except}), the builder's, provisioners' (with {@code only}, {@code except} and
 * {@code override}) and post-processors' configurations decoded against their specs, rendered and prepared.
 * {@code {{ build `ID` }}} stays a placeholder that components render with the builder's values when they run.
 */
public final class JsonBuildPlanner implements Preparation {

    /** The values Packer's placeholders stand for until the builder provides them. */
    private static final List<String> PLACEHOLDER_KEYS = List.of("ID", "Host", "Port", "User", "Password",
            "ConnType", "PackerRunUUID", "PackerHTTPPort", "PackerHTTPIP", "PackerHTTPAddr", "SSHPublicKey",
            "SSHPrivateKey", "WinRMPassword", "SourceAMIName", "BuildRegion", "SourceAMI", "SourceAMICreationDate",
            "SourceAMIOwner", "SourceAMIOwnerName");

    /** The placeholders only the amazon builders provide. */
    private static final List<String> AMAZON_KEYS = PLACEHOLDER_KEYS.subList(13, PLACEHOLDER_KEYS.size());

    private final JsonTemplate template;
    private final Path workDir;
    private final String templatePath;
    private final Map<String, String> env;
    private final Map<String, Function> functions;
    private Map<String, String> variables = new LinkedHashMap<>();
    private SshLogin sshLogin;

    /** Uses {@code login} for the SSH builders that name no login of their own (null: none). */
    public JsonBuildPlanner withSshLogin(SshLogin login) {
        this.sshLogin = login;
        return this;
    }

    public JsonBuildPlanner(JsonTemplate template, Path workDir, String templatePath, Map<String, String> env,
                            Map<String, Function> functions) {
        this.template = template;
        this.workDir = workDir;
        this.templatePath = templatePath;
        this.env = Map.copyOf(env);
        this.functions = functions;
    }

    /** A planner for a loaded template, its time functions reading the request's clock. */
    public static JsonBuildPlanner of(JsonTemplate template, io.jenkins.plugins.packer.template.LoadRequest load,
                                      Map<String, String> env) {
        Path templateDir = load.workDir().resolve(load.target()).toAbsolutePath().normalize().getParent();
        return new JsonBuildPlanner(template, load.workDir(), load.target(), env,
                io.jenkins.plugins.packer.function.Functions.packer(new io.jenkins.plugins.packer.function
                        .FunctionContext(templateDir, load.workspaceRoot(), load.env(), load.clock())));
    }

    /** The user variables once resolved (sensitive ones to mask). */
    public Map<String, String> variables() {
        return variables;
    }

    /**
     * Resolves the user variables: defaults, then var-files in order, then {@code -var} values; a required variable
     * left unset is an error. Values are rendered (with {@code env} and {@code user}) until they no longer change.
     *
     * @return false when an error was added
     */
    public boolean resolveVariables(List<String> varFiles, Map<String, String> vars, Diagnostics diags) {
        Map<String, String> values = new LinkedHashMap<>();
        template.variables().forEach((name, v) -> values.put(name, v.defaultValue() == null ? "" : v.defaultValue()));
        List<String> set = new ArrayList<>();
        for (String f : varFiles) {
            try {
                JsonVarFile.Result r = JsonVarFile.parse(Files.readAllBytes(workDir.resolve(f)));
                if (r.ok()) {
                    values.putAll(r.values());
                    set.addAll(r.values().keySet());
                }
            } catch (IOException e) {
                // The loader reported unreadable var-files already.
            }
        }
        values.putAll(vars);
        set.addAll(vars.keySet());
        List<String> missing = new ArrayList<>();
        template.variables().values().stream().filter(JsonTemplate.Variable::required)
                .filter(v -> !set.contains(v.name())).forEach(v -> missing.add(v.name()));
        if (!missing.isEmpty()) {
            StringBuilder sb = new StringBuilder().append(missing.size())
                    .append(missing.size() == 1 ? " error occurred:\n" : " errors occurred:\n");
            missing.forEach(m -> sb.append("\t* required variable not set: ").append(m).append('\n'));
            diags.error("", sb.append('\n').toString(), null);
            return false;
        }
        // As packer: in name order, again while a value refers to a variable not rendered yet; a template that
        // does not parse is reported with its variable, one that fails while running as it is.
        List<String> names = new ArrayList<>(values.keySet());
        names.sort(GoText.ORDER);
        String unresolved = null;
        for (int pass = 0; pass < 100; pass++) {
            boolean changed = false;
            unresolved = null;
            for (String name : names) {
                String value = values.get(name);
                String rendered;
                try {
                    rendered = Interpolation.renderKeepingFields(value, context("", "", values, true, Map.of()));
                } catch (GoTemplateException ex) {
                    if (ex.isParseError()) {
                        diags.error("", "error interpolating default value for '" + name + "': " + ex.getMessage(),
                                null);
                        return false;
                    }
                    if (!ex.getMessage().contains(Interpolation.VARIABLE_NOT_SET)) {
                        diags.error("", ex.getMessage(), null);
                        return false;
                    }
                    unresolved = "\"" + name + "\": \"" + value + "\"; error: " + ex.getMessage();
                    continue;
                }
                if (!rendered.equals(value)) {
                    values.put(name, rendered);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        if (unresolved != null) {
            diags.error("", "Failed to interpolate " + unresolved + ": Please make sure that the variable you're"
                    + " referencing has been defined; Packer treats all variables used to interpolate other user"
                    + " variables as required.", null);
            return false;
        }
        this.variables = values;
        return true;
    }

    private Interpolation.Context context(String buildName, String buildType, Map<String, String> userVariables,
                                          boolean enableEnv, Object data) {
        return new Interpolation.Context(buildName, buildType, templatePath, userVariables, enableEnv, env, workDir,
                data, functions);
    }

    /**
     * The data provisioners and post-processors render their options with before the build (packer's
     * {@code BasicPlaceholderData}, and the amazon builders' values): each value says to use {@code build}, which
     * turns into {@code {{.NAME}}} for the component to render when the value is known.
     */
    private static Map<String, Object> placeholders(String builderType) {
        Map<String, Object> m = new LinkedHashMap<>();
        PLACEHOLDER_KEYS.stream().filter(k -> builderType.startsWith("amazon-") || !AMAZON_KEYS.contains(k))
                .forEach(k -> m.put(k, Interpolation.placeholder(k)));
        return m;
    }

    /**
     * The template's own checks before any build, in packer's order: its validation (at least one builder, the
     * builder names that {@code only}, {@code except} and provisioner overrides give), then
     * {@code min_packer_version} against the version this engine implements.
     *
     * @return false when an error was added
     */
    public boolean checkTemplate(Diagnostics diags) {
        List<String> errors = template.validationErrors();
        if (!errors.isEmpty()) {
            diags.error("", GoText.multiError(errors), null);
            return false;
        }
        String min = template.minPackerVersion();
        if (min != null && !min.isEmpty()) {
            VersionConstraint.Version want;
            try {
                want = VersionConstraint.Version.parse(min);
            } catch (IllegalArgumentException e) {
                diags.error("", "min_version is invalid: " + e.getMessage(), null);
                return false;
            }
            if (want.compareTo(VersionConstraint.Version.parse(HclConfig.PACKER_VERSION)) > 0) {
                diags.error("", "This template requires Packer version " + min + " or higher; using "
                        + HclConfig.PACKER_VERSION, null);
                return false;
            }
        }
        return true;
    }


    /** The builds selected by exact builder names ({@code -only}, {@code -except}), in name order. */
    public List<PlannedBuild> plan(List<String> only, List<String> except, Diagnostics diags) {
        Map<String, JsonTemplate.Builder> byName = new TreeMap<>();
        for (JsonTemplate.Builder b : template.builders().values()) {
            String name = b.name();
            try {
                name = Interpolation.render(name, context("", "", variables, false, Map.of()));
            } catch (GoTemplateException e) {
                diags.error("", "Error interpolating builder '" + b.name() + "': " + e.getMessage(), null);
                return List.of();
            }
            byName.put(name, b);
        }
        List<PlannedBuild> out = new ArrayList<>();
        for (Map.Entry<String, JsonTemplate.Builder> e : byName.entrySet()) {
            String name = e.getKey();
            if (!only.isEmpty() && !only.contains(name) || except.contains(name)) {
                continue;
            }
            PlannedBuild planned = planBuild(name, e.getValue(), except, diags);
            if (planned != null) {
                out.add(planned);
            }
        }
        return out;
    }

    private PlannedBuild planBuild(String name, JsonTemplate.Builder b, List<String> except, Diagnostics diags) {
        String type = b.type();
        String initError = initializationError(name, b, except);
        if (initError != null) {
            diags.error("Failed to initialize build \"" + name + "\"", initError, null);
            return null;
        }
        String failureSummary = "Failed to prepare build: \"" + name + "\"";
        PrepareContext pctx = new PrepareContext(workDir, env, name, type);
        List<String> errors = new ArrayList<>();
        ComponentConfig builder = prepare("builder", type, b.config().without(List.of("name", "type")), null, name,
                pctx, errors);
        if (builder == null) {
            diags.error(failureSummary, errors.get(0), null);
            return null;
        }
        List<PlannedBuild.Provisioner> provisioners = new ArrayList<>();
        for (JsonTemplate.Provisioner p : template.provisioners()) {
            if (!applies(p.only(), p.except(), name)) {
                continue;
            }
            JsonValue override = p.override().get(name);
            ComponentConfig config = prepare("provisioner", p.type(), p.config(), override, name, pctx, errors);
            if (config == null) {
                diags.error(failureSummary, errors.get(0), null);
                return null;
            }
            provisioners.add(new PlannedBuild.Provisioner(provisionerBlock(p, name), config));
        }
        PlannedBuild.Provisioner cleanup = null;
        JsonTemplate.Provisioner ec = template.errorCleanupProvisioner();
        if (ec != null && applies(ec.only(), ec.except(), name)) {
            ComponentConfig config = prepare("provisioner", ec.type(), ec.config(), ec.override().get(name), name,
                    pctx, errors);
            if (config == null) {
                diags.error(failureSummary, errors.get(0), null);
                return null;
            }
            cleanup = new PlannedBuild.Provisioner(provisionerBlock(ec, name), config);
        }
        List<List<PlannedBuild.PostProcessor>> chains = new ArrayList<>();
        for (List<JsonTemplate.PostProcessor> chain : template.postProcessors()) {
            List<PlannedBuild.PostProcessor> pps = new ArrayList<>();
            for (JsonTemplate.PostProcessor pp : chain) {
                if (!applies(pp.only(), pp.except(), name)) {
                    continue;
                }
                if (except.contains(pp.name())) {
                    break;
                }
                ComponentConfig config = prepare("post-processor", pp.type(), pp.config(), null, name, pctx, errors);
                if (config == null) {
                    diags.error(failureSummary, errors.get(0), null);
                    return null;
                }
                pps.add(new PlannedBuild.PostProcessor(new PostProcessorBlock(pp.type(), pp.name(), pp.only(),
                        pp.except(), pp.keepInputArtifact(), null, null), config));
            }
            if (!pps.isEmpty()) {
                chains.add(List.copyOf(pps));
            }
        }
        return new PlannedBuild(name, name, null, null, type, builder, List.copyOf(provisioners), cleanup,
                List.copyOf(chains));
    }

    private ProvisionerBlock provisionerBlock(JsonTemplate.Provisioner p, String buildName) {
        Retries retries = maxRetries(p, buildName);
        return new ProvisionerBlock(p.type(), null, p.pauseBefore(), retries.count(), p.timeout(), false, p.only(),
                p.except(), null, null, null);
    }

    /** A provisioner's {@code max_retries}, rendered and read as Go's {@code strconv.Atoi} reads it, or why not. */
    private record Retries(int count, String error) {}

    private Retries maxRetries(JsonTemplate.Provisioner p, String buildName) {
        if (p.maxRetries().isEmpty()) {
            return new Retries(0, null);
        }
        String text;
        try {
            text = Interpolation.render(p.maxRetries(), context(buildName, "", variables, false, placeholders("")));
        } catch (GoTemplateException e) {
            return new Retries(0, "failed to interpolate `max_retries`: " + e.getMessage());
        }
        String atoi = "`max_retries` must be a valid integer: strconv.Atoi: parsing " + GoText.quote(text) + ": ";
        if (!text.matches("[+-]?[0-9]+")) {
            return new Retries(0, atoi + "invalid syntax");
        }
        try {
            long n = Long.parseLong(text);
            return new Retries((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n)), null);
        } catch (NumberFormatException e) {
            return new Retries(0, atoi + "value out of range");
        }
    }

    /**
     * What packer's start of a build reports before anything is prepared, or null: a builder, provisioner or
     * post-processor type we do not ship, a provisioner's {@code max_retries} that is not a number.
     */
    private String initializationError(String name, JsonTemplate.Builder b, List<String> except) {
        if (ComponentSpecs.builder(b.type()) == null) {
            return unknownType("builder", b.type());
        }
        List<JsonTemplate.Provisioner> provisioners = new ArrayList<>();
        template.provisioners().stream().filter(p -> applies(p.only(), p.except(), name)).forEach(provisioners::add);
        JsonTemplate.Provisioner ec = template.errorCleanupProvisioner();
        if (ec != null && applies(ec.only(), ec.except(), name)) {
            provisioners.add(ec);
        }
        for (JsonTemplate.Provisioner p : provisioners) {
            if (ComponentSpecs.provisioner(p.type()) == null) {
                return unknownType("provisioner", p.type());
            }
            String retries = maxRetries(p, name).error();
            if (retries != null) {
                return retries;
            }
        }
        for (List<JsonTemplate.PostProcessor> chain : template.postProcessors()) {
            for (JsonTemplate.PostProcessor pp : chain) {
                if (!applies(pp.only(), pp.except(), name)) {
                    continue;
                }
                if (except.contains(pp.name())) {
                    break;
                }
                if (ComponentSpecs.postProcessor(pp.type()) == null) {
                    return unknownType("post-processor", pp.type());
                }
            }
        }
        return null;
    }

    private static String unknownType(String kind, String type) {
        return "error initializing " + kind + " '" + type + "': Unknown " + kind + " " + type;
    }

    private static boolean applies(List<String> only, List<String> except, String name) {
        return only.isEmpty() ? !except.contains(name) : only.contains(name);
    }

    /**
     * Decodes a component's JSON configuration (with its override for this build) against its spec, renders it and
     * runs its Prepare; null with the error text in {@code errors} when any step fails.
     */
    private ComponentConfig prepare(String kind, String type, JsonValue.Obj config, JsonValue override,
                                    String buildName, PrepareContext pctx, List<String> errors) {
        ConfigSpec spec = kind.equals("builder") ? ComponentSpecs.builder(type)
                : kind.equals("provisioner") ? ComponentSpecs.provisioner(type) : ComponentSpecs.postProcessor(type);
        String decodeError = Preparers.decodeErrorPrefix(kind, type);
        Map<String, JsonValue> members = new LinkedHashMap<>();
        config.members().forEach(m -> members.put(m.key(), m.value()));
        if (override instanceof JsonValue.Obj o) {
            o.members().forEach(m -> members.put(m.key(), m.value()));
        }
        members.remove("type");
        Map<String, Value> attrs = new LinkedHashMap<>();
        spec.attributes().values().forEach(a -> attrs.put(a.name(), Value.nullOf(a.type())));
        spec.blocks().keySet().forEach(b -> attrs.put(b, Value.DYNAMIC_NULL));
        List<String> unknown = new ArrayList<>();
        List<String> decodeErrors = new ArrayList<>();
        for (Map.Entry<String, JsonValue> m : members.entrySet()) {
            ConfigSpec.Attr attr = spec.attributes().get(m.getKey());
            if (attr != null) {
                int before = decodeErrors.size();
                JsonValue raw = weakly(m.getKey(), m.getValue(), attr.type(), decodeErrors);
                if (decodeErrors.size() > before) {
                    continue;
                }
                try {
                    attrs.put(m.getKey(), Convert.convert(value(raw), attr.type()));
                } catch (ConversionException e) {
                    decodeErrors.add(unconvertible(m.getKey(), raw, attr.type()));
                }
            } else if (spec.blocks().containsKey(m.getKey())) {
                attrs.put(m.getKey(), value(m.getValue()));
            } else if (!m.getKey().startsWith("packer_")) {
                unknown.add(m.getKey());
            }
        }
        if (!decodeErrors.isEmpty()) {
            errors.add(0, decodeError + GoText.decodingError(decodeErrors));
            return null;
        }
        if (!unknown.isEmpty()) {
            errors.add(0, decodeError + GoText.multiError(JsonFix.unusedKeyErrors(kind, type, unknown)));
            return null;
        }
        Value decoded = Value.object(attrs);
        if (kind.equals("builder")) {
            decoded = SshLogin.apply(sshLogin, decoded);
        }
        try {
            // A builder's options render with no data, as in packer; the others with the build values' placeholders.
            decoded = ConfigRendering.render(decoded, Preparers.renderExcluded(kind, type),
                    context(buildName, pctx.builderType(), variables, false,
                            kind.equals("builder") ? null : placeholders(pctx.builderType())));
        } catch (ConfigRendering.RenderException e) {
            errors.add(0, decodeError + e.getMessage());
            return null;
        }
        ComponentConfig c = new ComponentConfig(decoded);
        Prepared prepared = Preparers.prepare(kind, type, c, pctx);
        if (!prepared.ok()) {
            errors.add(0, prepared.error());
            return null;
        }
        return c;
    }

    /**
     * A value as packer's config decoding (mapstructure, weakly typed) takes it for an option of this type: booleans
     * and numbers become strings ("1", "0"), strings and numbers booleans, booleans and strings whole numbers, a single
     * value a list of one, an empty object an empty list and an empty array an empty map. What cannot be taken adds
     * mapstructure's error to {@code errors}.
     */
    private static JsonValue weakly(String name, JsonValue v, Type type, List<String> errors) {
        if (v instanceof JsonValue.Null) {
            return v;
        }
        if (type.equals(Type.STRING)) {
            if (v instanceof JsonValue.Bool b) {
                return new JsonValue.Str(b.value() ? "1" : "0", v.position());
            } else if (v instanceof JsonValue.Num n) {
                return new JsonValue.Str(GoText.formatPlain(n.value()), v.position());
            }
        } else if (type.equals(Type.BOOL)) {
            if (v instanceof JsonValue.Num n) {
                return new JsonValue.Bool(n.value() != 0, v.position());
            } else if (v instanceof JsonValue.Str s) {
                Boolean b = s.value().isEmpty() ? Boolean.FALSE : parseBool(s.value());
                if (b == null) {
                    errors.add("cannot parse '" + name + "' as bool: strconv.ParseBool: parsing "
                            + GoText.quote(s.value()) + ": invalid syntax");
                    return v;
                }
                return new JsonValue.Bool(b, v.position());
            }
        } else if (type.equals(Type.NUMBER)) {
            if (v instanceof JsonValue.Bool b) {
                return new JsonValue.Num(b.value() ? "1" : "0", b.value() ? 1 : 0, v.position());
            } else if (v instanceof JsonValue.Str s) {
                Long n = parseInt(s.value().isEmpty() ? "0" : s.value());
                if (n == null) {
                    errors.add("cannot parse '" + name + "' as int: strconv.ParseInt: parsing "
                            + GoText.quote(s.value()) + ": invalid syntax");
                    return v;
                }
                return new JsonValue.Num(Long.toString(n), n, v.position());
            }
        } else if (type.isList() || type.isSet()) {
            List<JsonValue> elements;
            if (v instanceof JsonValue.Arr a) {
                elements = a.elements();
            } else if (v instanceof JsonValue.Obj o) {
                if (!o.members().isEmpty()) {
                    errors.add("'" + name + "': source data must be an array or slice, got map");
                    return v;
                }
                elements = List.of();
            } else {
                elements = List.of(v);
            }
            List<JsonValue> out = new ArrayList<>();
            for (int i = 0; i < elements.size(); i++) {
                out.add(weakly(name + "[" + i + "]", elements.get(i), type.elementType(), errors));
            }
            return new JsonValue.Arr(out, v.position());
        } else if (type.isMap()) {
            if (v instanceof JsonValue.Arr a && a.elements().isEmpty()) {
                return new JsonValue.Obj(List.of(), v.position());
            }
            if (!(v instanceof JsonValue.Obj o)) {
                errors.add(GoDecoder.expectedMap(name, v));
                return v;
            }
            List<JsonValue.Member> out = new ArrayList<>();
            for (JsonValue.Member m : o.members()) {
                out.add(new JsonValue.Member(m.key(), m.keyPosition(),
                        weakly(name + "[" + m.key() + "]", m.value(), type.elementType(), errors)));
            }
            return new JsonValue.Obj(out, v.position());
        }
        return v;
    }

    /** Go's {@code strconv.ParseBool}, or null. */
    private static Boolean parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> Boolean.TRUE;
            case "0", "f", "F", "FALSE", "false", "False" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** Go's {@code strconv.ParseInt(s, 0, 64)}: a sign, then decimal, {@code 0x} hex, {@code 0b} binary or octal. */
    private static Long parseInt(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("([+-]?)(0[xX]([0-9a-fA-F_]+)|0[bB]([01_]+)|0[oO]?([0-7_]+)|([1-9][0-9_]*|0))").matcher(s);
        if (!m.matches() || m.group(0).contains("__") || m.group(0).endsWith("_")) {
            return null;
        }
        int radix = m.group(3) != null ? 16 : m.group(4) != null ? 2 : m.group(5) != null ? 8 : 10;
        String digits = m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4)
                : m.group(5) != null ? m.group(5) : m.group(6);
        try {
            return Long.parseLong(m.group(1) + digits.replace("_", ""), radix);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * mapstructure's error for a value that does not decode into an option: the first element that does not, for a
     * list, with the option's Go type.
     */
    private static String unconvertible(String name, JsonValue v, Type type) {
        if ((type.isList() || type.isSet()) && v instanceof JsonValue.Arr a) {
            for (int i = 0; i < a.elements().size(); i++) {
                try {
                    Convert.convert(value(a.elements().get(i)), type.elementType());
                } catch (ConversionException e) {
                    return unconvertible(name + "[" + i + "]", a.elements().get(i), type.elementType());
                }
            }
        }
        return "'" + name + "' expected type '" + goType(type) + "', got unconvertible type '" + GoText.typeName(v)
                + "', value: '" + GoText.value(v) + "'";
    }

    /** The Go type of the field an option of this type decodes into, as Packer's plugins declare them. */
    private static String goType(Type type) {
        if (type.equals(Type.STRING) || type.equals(Type.BOOL)) {
            return type.toString();
        } else if (type.equals(Type.NUMBER)) {
            return "int";
        } else if (type.isList() || type.isSet()) {
            return "[]" + goType(type.elementType());
        } else if (type.isMap()) {
            return "map[string]" + goType(type.elementType());
        }
        return "interface {}";
    }

    /** A JSON value as the engine's value: numbers exact, arrays as tuples, objects as objects. */
    static Value value(JsonValue v) {
        if (v instanceof JsonValue.Str s) {
            return Value.string(s.value());
        } else if (v instanceof JsonValue.Num n) {
            try {
                return Value.number(new BigDecimal(n.text()));
            } catch (NumberFormatException e) {
                return Value.number(n.value());
            }
        } else if (v instanceof JsonValue.Bool b) {
            return Value.bool(b.value());
        } else if (v instanceof JsonValue.Arr a) {
            return Value.tuple(a.elements().stream().map(JsonBuildPlanner::value).toList());
        } else if (v instanceof JsonValue.Obj o) {
            Map<String, Value> m = new LinkedHashMap<>();
            o.members().forEach(mem -> m.put(mem.key(), value(mem.value())));
            return Value.object(m);
        }
        return Value.DYNAMIC_NULL;
    }

    @Override
    public ComponentConfig provisioner(PlannedBuild build, PlannedBuild.Provisioner p,
                                       Map<String, String> buildValues, Diagnostics diags) {
        return p.config();
    }

    @Override
    public ComponentConfig postProcessor(PlannedBuild build, PlannedBuild.PostProcessor pp,
                                         Map<String, String> buildValues, Diagnostics diags) {
        return pp.config();
    }

    @Override
    public Interpolation.Context interpolation(PlannedBuild b) {
        return context(b.packerBuildName(), b.builderType(), variables, false, placeholders(b.builderType()));
    }
}
