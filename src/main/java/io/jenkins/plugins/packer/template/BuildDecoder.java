package io.jenkins.plugins.packer.template;

import io.jenkins.plugins.packer.component.ComponentSpecs;
import io.jenkins.plugins.packer.hcl.BodyContent;
import io.jenkins.plugins.packer.hcl.BodySchema;
import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.EvalContext;
import io.jenkins.plugins.packer.hcl.Evaluator;
import io.jenkins.plugins.packer.hcl.Lexer;
import io.jenkins.plugins.packer.hcl.ast.Attribute;
import io.jenkins.plugins.packer.hcl.ast.Block;
import io.jenkins.plugins.packer.hcl.ast.Body;
import io.jenkins.plugins.packer.value.ConversionException;
import io.jenkins.plugins.packer.value.Convert;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import io.jenkins.plugins.packer.value.ValueException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code build} blocks as Packer does: the build's own arguments, its {@code source} uses, provisioners,
 * error-cleanup provisioner and post-processor chains, each with Packer's meta-arguments; what is left of each
 * component's body is its own configuration.
 */
final class BuildDecoder {

    private static final BodySchema BUILD_ARGS = BodySchema.of(List.of(BodySchema.attr("name"),
            BodySchema.attr("description"), BodySchema.attr("sources")), List.of());

    private static final BodySchema BUILD_BLOCKS = BodySchema.of(List.of(), List.of(
            BodySchema.block("from", "type"),
            BodySchema.block("source", "reference"),
            BodySchema.block("provisioner", "type"),
            BodySchema.block("error-cleanup-provisioner", "type"),
            BodySchema.block("post-processor", "type"),
            BodySchema.block("post-processors"),
            BodySchema.block("hcp_packer_registry")));

    private static final BodySchema POST_PROCESSORS = BodySchema.of(List.of(),
            List.of(BodySchema.block("post-processor", "type")));

    private static final BodySchema PROVISIONER_ARGS = BodySchema.of(List.of(BodySchema.attr("name"),
            BodySchema.attr("pause_before"), BodySchema.attr("max_retries"), BodySchema.attr("timeout"),
            BodySchema.attr("continue_on_error"), BodySchema.attr("only"), BodySchema.attr("except"),
            BodySchema.attr("override")), List.of());

    private static final BodySchema POST_PROCESSOR_ARGS = BodySchema.of(List.of(BodySchema.attr("name"),
            BodySchema.attr("only"), BodySchema.attr("except"), BodySchema.attr("keep_input_artifact")), List.of());

    private static final BodySchema BUILD_SOURCE_ARGS = BodySchema.of(List.of(BodySchema.attr("name")), List.of());

    private BuildDecoder() {
    }

    static BuildBlock decode(Block block, EvalContext ctx, Diagnostics diags) {
        Diagnostics own = new Diagnostics();
        BodyContent args = block.body().partialContent(BUILD_ARGS, own);
        String name = string(args.attributes().get("name"), ctx, own);
        String description = string(args.attributes().get("description"), ctx, own);
        List<String> fromSources = strings(args.attributes().get("sources"), ctx, own);
        diags.addAll(own);
        if (own.hasErrors()) {
            return null;
        }
        // As in Packer 1.16, a post-processor's arguments may name the build: build.name.
        EvalContext ppCtx = ctx.child(Map.of("build", Value.object(Map.of("name",
                Value.string(name == null ? "" : name)))));
        List<SourceUse> sources = new ArrayList<>();
        boolean hadSource = false;
        for (String s : fromSources) {
            hadSource = true;
            SourceRef ref = SourceRef.parse(s);
            if (ref == null || !Lexer.isIdentifier(ref.type()) || !Lexer.isIdentifier(ref.name())) {
                diags.error("Invalid source reference", "A source type is made of three parts that are split by a"
                        + " dot `.`; each part must start with a letter and may contain only letters, digits,"
                        + " underscores, and dashes. A valid source reference looks like: `source.type.name`",
                        block.defRange());
                continue;
            }
            sources.add(new SourceUse(ref, null, null));
        }
        Body rest = block.body().remain(BUILD_ARGS);
        Diagnostics contentDiags = new Diagnostics();
        BodyContent content = rest.content(BUILD_BLOCKS, contentDiags);
        diags.addAll(contentDiags);
        if (contentDiags.hasErrors()) {
            return null;
        }
        List<ProvisionerBlock> provisioners = new ArrayList<>();
        ProvisionerBlock errorCleanup = null;
        List<List<PostProcessorBlock>> chains = new ArrayList<>();
        for (Block b : content.blocks()) {
            switch (b.type()) {
                case "source" -> {
                    hadSource = true;
                    SourceUse use = buildSource(b, diags);
                    if (use != null) {
                        sources.add(use);
                    }
                }
                case "provisioner" -> {
                    ProvisionerBlock p = provisioner(b, ctx, diags);
                    if (p != null) {
                        provisioners.add(p);
                    }
                }
                case "error-cleanup-provisioner" -> {
                    if (errorCleanup != null) {
                        diags.error("Only one error-cleanup-provisioner is allowed", null, b.defRange());
                        continue;
                    }
                    errorCleanup = provisioner(b, ctx, diags);
                }
                case "post-processor" -> {
                    PostProcessorBlock pp = postProcessor(b, ppCtx, diags);
                    if (pp != null) {
                        chains.add(List.of(pp));
                    }
                }
                case "post-processors" -> {
                    Diagnostics ppDiags = new Diagnostics();
                    BodyContent ppc = b.body().content(POST_PROCESSORS, ppDiags);
                    diags.addAll(ppDiags);
                    if (ppDiags.hasErrors()) {
                        continue;
                    }
                    List<PostProcessorBlock> chain = new ArrayList<>();
                    boolean errored = false;
                    for (Block pb : ppc.blocks()) {
                        PostProcessorBlock pp = postProcessor(pb, ppCtx, diags);
                        if (pp == null) {
                            errored = true;
                            break;
                        }
                        chain.add(pp);
                    }
                    if (!errored) {
                        chains.add(List.copyOf(chain));
                    }
                }
                case "hcp_packer_registry" -> diags.add(HclConfig.hcpRegistryIgnored(b));
                default -> {
                    // "from" is accepted and has no effect.
                }
            }
        }
        if (!hadSource) {
            diags.error("missing source reference", "a build block must reference at least one source to be built",
                    block.defRange());
        }
        return new BuildBlock(name, description, List.copyOf(sources), List.copyOf(provisioners), errorCleanup,
                List.copyOf(chains), block.defRange());
    }

    private static SourceUse buildSource(Block b, Diagnostics diags) {
        SourceRef ref = SourceRef.parse(b.labels().get(0));
        Diagnostics own = new Diagnostics();
        BodyContent args = b.body().partialContent(BUILD_SOURCE_ARGS, own);
        String localName = string(args.attributes().get("name"), null, own);
        diags.addAll(own);
        if (own.hasErrors()) {
            return null;
        }
        // Like Packer, a label that is not a reference names no source: the build reports it as unknown.
        return new SourceUse(ref == null ? SourceRef.NONE : ref, localName, b.body().remain(BUILD_SOURCE_ARGS));
    }

    static ProvisionerBlock provisioner(Block b, EvalContext ctx, Diagnostics diags) {
        Diagnostics own = new Diagnostics();
        BodyContent args = b.body().partialContent(PROVISIONER_ARGS, own);
        String name = string(args.attributes().get("name"), ctx, own);
        Value pauseBefore = typed(args.attributes().get("pause_before"), Type.STRING, ctx, own);
        Long maxRetries = whole(args.attributes().get("max_retries"), ctx, own);
        Value timeout = typed(args.attributes().get("timeout"), Type.STRING, ctx, own);
        Value continueOnError = typed(args.attributes().get("continue_on_error"), Type.BOOL, ctx, own);
        List<String> only = strings(args.attributes().get("only"), ctx, own);
        List<String> except = strings(args.attributes().get("except"), ctx, own);
        Value override = typed(args.attributes().get("override"), Type.DYNAMIC, ctx, own);
        diags.addAll(own);
        if (own.hasErrors()) {
            return null;
        }
        if (bothOnlyAndExcept(only, except, diags)) {
            return null;
        }
        if (override != null && !override.isNull() && !override.type().isObject()) {
            diags.error("provisioner's override block must be an HCL object", null, b.defRange());
            return null;
        }
        if (override != null && !override.isNull() && override.isKnown()) {
            for (Map.Entry<String, Value> e : override.unmark().entries().entrySet()) {
                if (!e.getValue().type().isObject()) {
                    diags.error("provisioner's override.'" + e.getKey() + "' block must be an HCL object", null,
                            b.defRange());
                    return null;
                }
            }
        }
        Duration pause = duration(pauseBefore, "Failed to parse pause_before duration", b, diags);
        Duration time = duration(timeout, "Failed to parse timeout duration", b, diags);
        if (pause == null || time == null) {
            return null;
        }
        if (ComponentSpecs.provisioner(b.labels().get(0)) == null) {
            // The build is not run, but inspect still lists it, as packer's does.
            diags.error("Unknown provisioner type \"" + b.labels().get(0) + "\"",
                    "known provisioners: " + HclConfig.goList(ComponentSpecs.provisioners()), b.labelRanges().get(0));
        }
        int retries = maxRetries == null ? 0
                : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, maxRetries));
        return new ProvisionerBlock(b.labels().get(0), name, pause, retries, time,
                continueOnError != null && !continueOnError.isNull() && continueOnError.asBool(), only, except,
                override, b.body().remain(PROVISIONER_ARGS), b.defRange());
    }

    /** A provisioner or post-processor takes {@code only} or {@code except}, not both. */
    private static boolean bothOnlyAndExcept(List<String> only, List<String> except, Diagnostics diags) {
        if (only.isEmpty() || except.isEmpty()) {
            return false;
        }
        // Packer reports this one without a position.
        diags.error("only one of 'only' or 'except' may be specified", null, null);
        return true;
    }

    private static PostProcessorBlock postProcessor(Block b, EvalContext ctx, Diagnostics diags) {
        Diagnostics own = new Diagnostics();
        BodyContent args = b.body().partialContent(POST_PROCESSOR_ARGS, own);
        String name = string(args.attributes().get("name"), ctx, own);
        List<String> only = strings(args.attributes().get("only"), ctx, own);
        List<String> except = strings(args.attributes().get("except"), ctx, own);
        Value keep = typed(args.attributes().get("keep_input_artifact"), Type.BOOL, ctx, own);
        diags.addAll(own);
        if (own.hasErrors()) {
            return null;
        }
        if (bothOnlyAndExcept(only, except, diags)) {
            return null;
        }
        if (ComponentSpecs.postProcessor(b.labels().get(0)) == null) {
            diags.error("Unknown post-processor type \"" + b.labels().get(0) + "\"",
                    "known post-processors: " + HclConfig.goList(ComponentSpecs.postProcessors()),
                    b.labelRanges().get(0));
        }
        return new PostProcessorBlock(b.labels().get(0), name, only, except,
                keep == null || keep.isNull() ? null : keep.asBool(), b.body().remain(POST_PROCESSOR_ARGS),
                b.defRange());
    }

    /** A duration argument; its error quotes the text, except a sensitive one ({@code <sensitive>}). */
    private static Duration duration(Value value, String summary, Block b, Diagnostics diags) {
        String text = value == null || value.isNull() || !value.isKnown() ? null : value.unmark().asString();
        if (text == null || text.isEmpty()) {
            return Duration.ZERO;
        }
        try {
            return Duration.ofNanos(GoDuration.parse(text));
        } catch (GoDuration.InvalidDuration e) {
            diags.error(summary, Evaluator.withoutSecrets(e.getMessage(), List.of(value)), b.defRange());
            return null;
        }
    }

    /** gohcl's decoding of one attribute into a Go field of the given type. */
    private static Value typed(Attribute attr, Type type, EvalContext ctx, Diagnostics diags) {
        if (attr == null) {
            return null;
        }
        Diagnostics own = new Diagnostics();
        Value v = Evaluator.evaluate(attr.expr(), ctx, own);
        diags.addAll(own);
        if (own.hasErrors()) {
            return null;
        }
        try {
            v = Convert.convert(v, type);
            if (!v.isWhollyKnown()) {
                // gohcl cannot put a value known only later (an unset variable's) into a Go field.
                diags.add(Diagnostic.error("Unsuitable value type", "Unsuitable value: value must be known",
                        attr.expr().range()));
                return null;
            }
            return v;
        } catch (ConversionException e) {
            diags.add(Diagnostic.error("Unsuitable value type", "Unsuitable value: " + e.getMessage(),
                    attr.expr().range()));
            return null;
        }
    }

    /** gohcl's decoding into a Go {@code int}: a whole number in the int64 range, else null. */
    private static Long whole(Attribute attr, EvalContext ctx, Diagnostics diags) {
        Value v = typed(attr, Type.NUMBER, ctx, diags);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return v.unmark().asLong();
        } catch (ValueException e) {
            diags.add(Diagnostic.error("Unsuitable value type", "Unsuitable value: value must be a whole number,"
                    + " between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE, attr.expr().range()));
            return null;
        }
    }

    private static String string(Attribute attr, EvalContext ctx, Diagnostics diags) {
        Value v = typed(attr, Type.STRING, ctx, diags);
        return v == null || v.isNull() || !v.isKnown() ? null : v.unmark().asString();
    }

    private static List<String> strings(Attribute attr, EvalContext ctx, Diagnostics diags) {
        Value v = typed(attr, Type.list(Type.STRING), ctx, diags);
        if (v == null || v.isNull() || !v.isKnown()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Value e : v.unmark().elements()) {
            if (e.isNull()) {
                // gohcl cannot put null into a Go string.
                diags.add(Diagnostic.error("Unsuitable value type", "Unsuitable value: null value is not allowed",
                        attr.expr().range()));
                return List.of();
            }
            out.add(e.asString());
        }
        return List.copyOf(out);
    }
}
