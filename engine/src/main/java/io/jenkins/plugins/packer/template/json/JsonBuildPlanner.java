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
import io.jenkins.plugins.packer.plan.BuildPlanner;
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

    /** The summary of the last failed preparation: Packer tells an unknown type from a configuration error. */
    private String failureSummary;

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
                    rendered = Interpolation.render(value, context("", "", values, true, Map.of()));
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

    private static Map<String, Object> placeholders() {
        Map<String, Object> m = new LinkedHashMap<>();
        PLACEHOLDER_KEYS.forEach(k -> m.put(k, "{{." + k + "}}"));
        return m;
    }

    /**
     * The template's own checks before any build: {@code min_packer_version} against the version this engine
     * implements, and at least one builder.
     *
     * @return false when an error was added
     */
    public boolean checkTemplate(Diagnostics diags) {
        String min = template.minPackerVersion();
        if (min != null && !min.isEmpty()) {
            VersionConstraint.Version want = VersionConstraint.Version.parse(min);
            if (want != null && want.compareTo(VersionConstraint.Version.parse(HclConfig.PACKER_VERSION)) > 0) {
                diags.error("", "This template requires Packer version " + min + " or higher; using "
                        + HclConfig.PACKER_VERSION, null);
                return false;
            }
        }
        if (template.builders().isEmpty()) {
            diags.error("", "1 error occurred:\n\t* at least one builder must be defined\n\n", null);
            return false;
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
                // The name stays as written.
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
        int retries = 0;
        if (!p.maxRetries().isEmpty()) {
            try {
                retries = Integer.parseInt(Interpolation.render(p.maxRetries(),
                        context(buildName, "", variables, false, placeholders())).strip());
            } catch (GoTemplateException | NumberFormatException e) {
                retries = 0;
            }
        }
        return new ProvisionerBlock(p.type(), null, p.pauseBefore(), retries, p.timeout(), false, p.only(),
                p.except(), null, null, null);
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
        failureSummary = "Failed to prepare build: \"" + buildName + "\"";
        if (spec == null) {
            failureSummary = "Failed to initialize build \"" + buildName + "\"";
            String what = kind.equals("post-processor") ? "post-processor" : kind;
            errors.add(0, "error initializing " + what + " '" + type + "': Unknown " + what + " " + type);
            return null;
        }
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
                JsonValue raw = weaklyListed(m.getValue(), attr.type());
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
            unknown.sort(GoText.ORDER);
            errors.add(0, decodeError + BuildPlanner.unknownKeys(unknown));
            return null;
        }
        Value decoded = Value.object(attrs);
        if (kind.equals("builder")) {
            decoded = SshLogin.apply(sshLogin, decoded);
        }
        try {
            decoded = ConfigRendering.render(decoded, Preparers.renderExcluded(kind, type),
                    context(buildName, pctx.builderType(), variables, false, placeholders()));
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

    /** mapstructure's weak decoding: a single value where a list is expected is a list of one. */
    private static JsonValue weaklyListed(JsonValue v, Type type) {
        if ((type.isList() || type.isSet()) && !(v instanceof JsonValue.Arr) && !(v instanceof JsonValue.Null)
                && !(v instanceof JsonValue.Obj)) {
            return new JsonValue.Arr(List.of(v), v.position());
        }
        return v;
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
        return context(b.packerBuildName(), b.builderType(), variables, false, placeholders());
    }
}
