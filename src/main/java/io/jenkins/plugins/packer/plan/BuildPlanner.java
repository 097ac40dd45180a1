package io.jenkins.plugins.packer.plan;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.ComponentSpecs;
import io.jenkins.plugins.packer.component.ConfigDecoder;
import io.jenkins.plugins.packer.component.ConfigRendering;
import io.jenkins.plugins.packer.gotemplate.Interpolation;
import io.jenkins.plugins.packer.component.ConfigSpec;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparers;
import io.jenkins.plugins.packer.component.SshLogin;
import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.EvalContext;
import io.jenkins.plugins.packer.hcl.MergedBody;
import io.jenkins.plugins.packer.hcl.Range;
import io.jenkins.plugins.packer.hcl.ast.Body;
import io.jenkins.plugins.packer.template.BuildBlock;
import io.jenkins.plugins.packer.template.HclConfig;
import io.jenkins.plugins.packer.template.PostProcessorBlock;
import io.jenkins.plugins.packer.template.ProvisionerBlock;
import io.jenkins.plugins.packer.template.SourceBlock;
import io.jenkins.plugins.packer.template.SourceRef;
import io.jenkins.plugins.packer.template.SourceUse;
import io.jenkins.plugins.packer.value.ConversionException;
import io.jenkins.plugins.packer.value.Convert;
import io.jenkins.plugins.packer.value.GoStrings;
import io.jenkins.plugins.packer.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns an initialized HCL2 configuration into the builds Packer would run (its {@code GetBuilds}): one per build
 * block and source, filtered by {@code -only}/{@code -except}, each component's body decoded against its spec
 * (a build-level {@code source} block merged into the source, provisioner {@code override}s applied) and then
 * checked by the component's Prepare. Problems are diagnostics; a build with any is left out.
 */
public final class BuildPlanner implements Preparation {

    /** The build values every builder provides to provisioners and post-processors (known during the build only). */
    private static final List<String> COMMON_BUILD_KEYS = List.of("ID", "Host", "Port", "User", "Password",
            "ConnType", "PackerRunUUID", "PackerHTTPPort", "PackerHTTPIP", "PackerHTTPAddr", "SSHPublicKey",
            "SSHPrivateKey", "WinRMPassword");

    /** The amazon builders' extra build values. */
    private static final List<String> AMAZON_BUILD_KEYS = List.of("SourceAMIName", "BuildRegion", "SourceAMI",
            "SourceAMICreationDate", "SourceAMIOwner", "SourceAMIOwnerName");

    private final HclConfig cfg;
    private final Path workDir;
    private final Map<String, String> env;
    private SshLogin sshLogin;

    public BuildPlanner(HclConfig cfg, Path workDir, Map<String, String> env) {
        this.cfg = cfg;
        this.workDir = workDir;
        this.env = Map.copyOf(env);
    }

    /** Uses {@code login} for the SSH sources that name no login of their own (null: none). */
    public BuildPlanner withSshLogin(SshLogin login) {
        this.sshLogin = login;
        return this;
    }

    /** The builds selected by {@code only} and {@code except} (globs; empty lists select every build). */
    public List<PlannedBuild> plan(List<String> only, List<String> except, Diagnostics diags) {
        Diagnostics globDiags = new Diagnostics();
        List<Glob> onlyGlobs = globs(only, "only", globDiags);
        List<Glob> exceptGlobs = globs(except, "except", globDiags);
        if (globDiags.hasErrors()) {
            // Packer reports a bad pattern alone.
            diags.addAll(globDiags);
            return List.of();
        }
        List<PlannedBuild> out = new ArrayList<>();
        for (BuildBlock build : cfg.builds()) {
            for (SourceUse use : build.sources()) {
                SourceBlock src = cfg.sources().get(use.ref());
                if (src == null) {
                    diags.error("Unknown source " + use.ref(), "Known: " + knownSources(), build.defRange());
                    continue;
                }
                String type = src.type() + "." + use.name();
                String name = build.name() == null || build.name().isEmpty() ? type : build.name() + "." + type;
                if (!onlyGlobs.isEmpty() && onlyGlobs.stream().noneMatch(g -> g.matches(name))) {
                    continue;
                }
                if (exceptGlobs.stream().anyMatch(g -> g.matches(name))) {
                    continue;
                }
                PlannedBuild planned = planBuild(build, name, src, use, exceptGlobs, diags);
                if (planned != null) {
                    out.add(planned);
                }
            }
        }
        return out;
    }

    private PlannedBuild planBuild(BuildBlock build, String name, SourceBlock src, SourceUse use,
                                   List<Glob> exceptGlobs, Diagnostics diags) {
        // Components see the source's own name as packer_build_name, even when the build renames it.
        PrepareContext pctx = new PrepareContext(workDir, env, src.name(), src.type());
        ComponentConfig builder = startBuilder(src, use, pctx, diags);
        if (builder == null) {
            return null;
        }
        EvalContext ctx = buildContext(build, src, use);
        String sourceName = src.type() + "." + use.name();
        Diagnostics own = new Diagnostics();
        List<PlannedBuild.Provisioner> provisioners = new ArrayList<>();
        for (ProvisionerBlock p : build.provisioners()) {
            if (skip(p.only(), p.except(), sourceName)) {
                continue;
            }
            ComponentConfig config = startProvisioner(p, use, ctx, pctx, own);
            if (config != null) {
                provisioners.add(new PlannedBuild.Provisioner(p, config));
            }
        }
        PlannedBuild.Provisioner errorCleanup = null;
        ProvisionerBlock ec = build.errorCleanupProvisioner();
        if (ec != null && !skip(ec.only(), ec.except(), sourceName)) {
            ComponentConfig config = startProvisioner(ec, use, ctx, pctx, own);
            errorCleanup = config == null ? null : new PlannedBuild.Provisioner(ec, config);
        }
        diags.addAll(own);
        if (own.hasErrors()) {
            return null;
        }
        Diagnostics ppDiags = new Diagnostics();
        List<List<PlannedBuild.PostProcessor>> chains = new ArrayList<>();
        for (List<PostProcessorBlock> chain : build.postProcessorChains()) {
            List<PlannedBuild.PostProcessor> pps = new ArrayList<>();
            for (PostProcessorBlock pp : chain) {
                if (skip(pp.only(), pp.except(), sourceName)) {
                    continue;
                }
                String ppName = pp.name() == null || pp.name().isEmpty() ? pp.type() : pp.name();
                // -except also names post-processors; the rest of the chain is dropped with it.
                if (exceptGlobs.stream().anyMatch(g -> g.matches(ppName))) {
                    break;
                }
                ComponentConfig config = startComponent("post-processor", pp.type(), pp.name(), pp.config(), null,
                        ctx, pctx, pp.defRange(), ppDiags);
                if (config != null) {
                    pps.add(new PlannedBuild.PostProcessor(pp, config));
                }
            }
            if (!pps.isEmpty()) {
                chains.add(List.copyOf(pps));
            }
        }
        diags.addAll(ppDiags);
        if (ppDiags.hasErrors()) {
            return null;
        }
        return new PlannedBuild(name, src.name(), build, use, src.type(), builder, List.copyOf(provisioners),
                errorCleanup, List.copyOf(chains));
    }

    /**
     * Prepares a provisioner of a planned build again with the values its builder generated, as Packer does right
     * before it runs it: its body is decoded with {@code build.*} known, then rendered and checked.
     *
     * @return the configuration, or null with the problem in {@code diags}
     */
    @Override
    public ComponentConfig provisioner(PlannedBuild planned, PlannedBuild.Provisioner prov,
                                       Map<String, String> buildValues, Diagnostics diags) {
        ProvisionerBlock p = prov.block();
        SourceBlock src = cfg.sources().get(planned.source().ref());
        PrepareContext pctx = new PrepareContext(workDir, env, src.name(), src.type());
        EvalContext ctx = buildContext(planned.build(), src, planned.source(), buildValues);
        return startProvisioner(p, planned.source(), ctx, pctx, diags);
    }

    /**
     * Prepares a post-processor of a planned build again with the values the build generated, as Packer does right
     * before it runs it.
     *
     * @return the configuration, or null with the problem in {@code diags}
     */
    @Override
    public ComponentConfig postProcessor(PlannedBuild planned, PlannedBuild.PostProcessor post,
                                         Map<String, String> buildValues, Diagnostics diags) {
        PostProcessorBlock pp = post.block();
        SourceBlock src = cfg.sources().get(planned.source().ref());
        PrepareContext pctx = new PrepareContext(workDir, env, src.name(), src.type());
        EvalContext ctx = buildContext(planned.build(), src, planned.source(), buildValues);
        return startComponent("post-processor", pp.type(), pp.name(), pp.config(), null, ctx, pctx, pp.defRange(),
                diags);
    }

    @Override
    public Interpolation.Context interpolation(PlannedBuild b) {
        return interpolation(new PrepareContext(workDir, env, b.packerBuildName(), b.builderType()), Map.of());
    }

    /** The Go-template context components of a build render their options with when they are prepared. */
    public Interpolation.Context interpolation(PrepareContext pctx, Object data) {
        return new Interpolation.Context(pctx.buildName(), pctx.builderType(), "", null, false, env, workDir, data,
                cfg.evalContext().functionTable());
    }

    /** Decodes the source (merged with the build's additions) and runs the builder's Prepare. */
    private ComponentConfig startBuilder(SourceBlock src, SourceUse use, PrepareContext pctx, Diagnostics diags) {
        Body body = src.block().body();
        if (use.overrides() != null) {
            body = new MergedBody(List.of(body, use.overrides()));
        }
        ConfigSpec spec = ComponentSpecs.builder(src.type());
        Diagnostics own = new Diagnostics();
        Value decoded = ConfigDecoder.decode(body, spec, cfg.evalContext(), own);
        diags.addAll(own);
        if (own.hasErrors()) {
            return null;
        }
        Range at = src.block().defRange();
        String notWhole = ConfigDecoder.notWholeNumber(decoded, spec);
        if (notWhole != null) {
            diags.error(Preparers.decodeErrorPrefix("builder", src.type()) + notWhole, null, at);
            return null;
        }
        decoded = SshLogin.apply(sshLogin, decoded);
        try {
            // A builder's options render with no data, as in packer: {{ .Field }} is no value there.
            decoded = ConfigRendering.render(decoded, Preparers.renderExcluded("builder", src.type()),
                    interpolation(pctx, null));
        } catch (ConfigRendering.RenderException e) {
            diags.error(Preparers.decodeErrorPrefix("builder", src.type()) + e.getMessage(), null, at);
            return null;
        }
        ComponentConfig config = new ComponentConfig(decoded);
        Prepared prepared = Preparers.prepare("builder", src.type(), config, pctx);
        prepared.warnings().forEach(w -> diags.add(Diagnostic.warning(w, null, at)));
        if (!prepared.ok()) {
            diags.error(prepared.error(), null, at);
            return null;
        }
        return config;
    }

    private ComponentConfig startProvisioner(ProvisionerBlock p, SourceUse use, EvalContext ctx,
                                             PrepareContext pctx, Diagnostics diags) {
        Value override = null;
        if (p.override() != null && !p.override().isNull() && p.override().isKnown()) {
            override = p.override().unmarkDeep().entries().get(use.name());
        }
        return startComponent("provisioner", p.type(), p.name(), p.config(), override, ctx, pctx, p.defRange(),
                diags);
    }

    /**
     * Decodes a provisioner's or post-processor's body and runs its Prepare. Packer reports either failure as one
     * error {@code Failed preparing KIND-block "TYPE" "NAME"} whose detail is the Go error text.
     */
    private ComponentConfig startComponent(String kind, String type, String name, Body body, Value override,
                                           EvalContext ctx, PrepareContext pctx, Range defRange,
                                           Diagnostics diags) {
        ConfigSpec spec = kind.equals("provisioner") ? ComponentSpecs.provisioner(type)
                : ComponentSpecs.postProcessor(type);
        String summary = "Failed preparing " + kind + "-block " + GoStrings.quote(type) + " "
                + GoStrings.quote(name == null ? "" : name);
        String decodeError = Preparers.decodeErrorPrefix(kind, type);
        Diagnostics decodeDiags = new Diagnostics();
        Value decoded = ConfigDecoder.decode(body, spec, ctx, decodeDiags);
        if (decodeDiags.hasErrors()) {
            diags.error(summary, errorText(decodeDiags), defRange);
            return null;
        }
        if (override != null) {
            List<String> unknown = new ArrayList<>();
            decoded = applyOverride(decoded, override, spec, unknown);
            if (!unknown.isEmpty()) {
                diags.error(summary, decodeError + unknownKeys(unknown), defRange);
                return null;
            }
        }
        String notWhole = ConfigDecoder.notWholeNumber(decoded, spec);
        if (notWhole != null) {
            diags.error(summary, decodeError + notWhole, defRange);
            return null;
        }
        try {
            decoded = ConfigRendering.render(decoded, Preparers.renderExcluded(kind, type),
                    interpolation(pctx, Map.of()));
        } catch (ConfigRendering.RenderException e) {
            diags.error(summary, decodeError + e.getMessage(), defRange);
            return null;
        }
        ComponentConfig config = new ComponentConfig(decoded);
        Prepared prepared = Preparers.prepare(kind, type, config, pctx);
        if (!prepared.ok()) {
            diags.error(summary, prepared.error(), defRange);
            return null;
        }
        return config;
    }

    /**
     * Applies a provisioner's {@code override} for this source on top of its decoded configuration, as Packer
     * decodes the override map after the body: each value converted to the option's type.
     */
    static Value applyOverride(Value decoded, Value override, ConfigSpec spec, List<String> unknownKeys) {
        if (override == null || override.isNull() || !override.isKnown()
                || !(override.type().isObject() || override.type().isMap())) {
            return decoded;
        }
        Map<String, Value> attrs = new LinkedHashMap<>(decoded.entries());
        for (Map.Entry<String, Value> e : new TreeMap<>(override.entries()).entrySet()) {
            ConfigSpec.Attr attr = spec.attributes().get(e.getKey());
            if (attr == null) {
                if (!e.getKey().equals("type") && !e.getKey().startsWith("packer_")) {
                    unknownKeys.add(e.getKey());
                }
                continue;
            }
            try {
                attrs.put(e.getKey(), Convert.convert(e.getValue(), attr.type()));
            } catch (ConversionException ex) {
                attrs.put(e.getKey(), Value.unknown(attr.type()));
            }
        }
        return Value.object(attrs);
    }

    /** The SDK's error for options it does not know: a go-multierror list. */
    public static String unknownKeys(List<String> keys) {
        StringBuilder sb = new StringBuilder().append(keys.size())
                .append(keys.size() == 1 ? " error occurred:\n" : " errors occurred:\n");
        keys.forEach(k -> sb.append("\t* unknown configuration key: '").append(GoStrings.quote(k)).append("'\n"));
        return sb.append('\n').toString();
    }

    /** HCL's {@code Diagnostics.Error()}: the first as {@code RANGE: SUMMARY; DETAIL}, and how many others. */
    static String errorText(Diagnostics diags) {
        List<Diagnostic> list = diags.list();
        Diagnostic d = list.get(0);
        String first = (d.subject() == null ? "<nil>" : d.subject().toString()) + ": " + d.summary() + "; "
                + (d.detail() == null ? "" : d.detail());
        return list.size() == 1 ? first : first + ", and " + (list.size() - 1) + " other diagnostic(s)";
    }

    /** Packer's exact only/except of provisioners and post-processors: {@code TYPE.NAME} of the source in use. */
    private static boolean skip(List<String> only, List<String> except, String sourceName) {
        if (!only.isEmpty()) {
            return !only.contains(sourceName);
        }
        return except.contains(sourceName);
    }

    /** What provisioners and post-processors of this build see as {@code source} and {@code build}. */
    private EvalContext buildContext(BuildBlock build, SourceBlock src, SourceUse use) {
        return buildContext(build, src, use, Map.of());
    }

    /**
     * The build values a builder of {@code type} provides, before it runs: each one {@code <unknown>}, as Packer
     * shows those the builder does not fill in.
     */
    public static Map<String, String> unknownBuildValues(String type) {
        Map<String, String> m = new TreeMap<>();
        COMMON_BUILD_KEYS.forEach(k -> m.put(k, "<unknown>"));
        if (type.startsWith("amazon-")) {
            AMAZON_BUILD_KEYS.forEach(k -> m.put(k, "<unknown>"));
        }
        return m;
    }

    private EvalContext buildContext(BuildBlock build, SourceBlock src, SourceUse use, Map<String, String> known) {
        Map<String, Value> buildValues = new TreeMap<>();
        unknownBuildValues(src.type()).forEach((k, v) -> buildValues.put(k, Value.string(v)));
        known.forEach((k, v) -> buildValues.put(k, Value.string(v)));
        buildValues.put("name", Value.string(build.name() == null ? "" : build.name()));
        return cfg.evalContext().child(Map.of(
                "source", Value.object(Map.of("type", Value.string(src.type()), "name", Value.string(use.name()))),
                "build", Value.object(buildValues)));
    }

    private String knownSources() {
        TreeSet<String> names = new TreeSet<>();
        for (SourceRef ref : cfg.sources().keySet()) {
            names.add(ref.toString());
        }
        return "[" + String.join(" ", names) + "]";
    }

    private static List<Glob> globs(List<String> patterns, String option, Diagnostics diags) {
        List<Glob> out = new ArrayList<>();
        for (String p : patterns) {
            try {
                out.add(Glob.compile(p));
            } catch (IllegalArgumentException e) {
                diags.error("Invalid -" + option + " pattern " + p + ": " + e.getMessage(), null, null);
            }
        }
        return out;
    }
}
