package io.jenkins.plugins.packer.component;

import io.jenkins.plugins.packer.SharedCorpus;
import io.jenkins.plugins.packer.function.FunctionContext;
import io.jenkins.plugins.packer.function.Functions;
import io.jenkins.plugins.packer.hcl.BodyContent;
import io.jenkins.plugins.packer.hcl.BodySchema;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.EvalContext;
import io.jenkins.plugins.packer.hcl.Parser;
import io.jenkins.plugins.packer.hcl.ast.Block;
import io.jenkins.plugins.packer.hcl.ast.Body;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The component blocks of the corpus's real HCL2 templates, found the way Packer's template loader finds them, and
 * decoded with the shipped specs under an evaluation context where every template value is unknown (as at validate
 * time before variables are known), so that only the shape of each body is judged.
 */
final class CorpusComponents {

    /** A component block of a template: its kind, type label and the body its plugin decodes. */
    record Component(String kind, String type, Block block, ConfigSpec spec) {}

    private static final BodySchema TOP = BodySchema.of(List.of(), List.of(BodySchema.block("source", "type", "name"),
            BodySchema.block("data", "type", "name"), BodySchema.block("build")));
    private static final BodySchema BUILD = BodySchema.of(List.of(), List.of(BodySchema.block("source", "reference"),
            BodySchema.block("provisioner", "type"), BodySchema.block("error-cleanup-provisioner", "type"),
            BodySchema.block("post-processor", "type"), BodySchema.block("post-processors")));
    private static final BodySchema POST_PROCESSORS = BodySchema.of(List.of(),
            List.of(BodySchema.block("post-processor", "type")));

    // Arguments Packer's core takes out of a block before the rest goes to the plugin (hcl2template's
    // decodeProvisioner, decodePostProcessor and build-level source blocks; continue_on_error is Packer 1.16's).
    private static final List<String> PROVISIONER_META = List.of("name", "pause_before", "max_retries", "timeout",
            "only", "except", "override", "continue_on_error");
    private static final List<String> POST_PROCESSOR_META = List.of("name", "only", "except", "keep_input_artifact");
    private static final List<String> BUILD_SOURCE_META = List.of("name");

    private CorpusComponents() {
    }

    static Path corpusDir() {
        return SharedCorpus.dir();
    }

    /** Every {@code .pkr.hcl} template of the corpus's real repositories, sorted. */
    static List<Path> templates() {
        Path root = corpusDir().resolve("templates");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".pkr.hcl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The blocks of a parsed file whose component type we ship; parse errors go to {@code diags}. */
    static List<Component> components(byte[] src, String filename, Diagnostics diags) {
        Body body = Parser.parseConfig(src, filename, diags).body();
        List<Component> out = new ArrayList<>();
        Diagnostics ignored = new Diagnostics();
        for (Block top : BodyContent.partial(body, TOP, ignored).blocks()) {
            switch (top.type()) {
                case "source" -> add(out, "builder", top.labels().get(0), top, ComponentSpecs::builder, List.of());
                case "data" -> add(out, "data", top.labels().get(0), top, ComponentSpecs::dataSource, List.of());
                default -> build(top.body(), out, ignored);
            }
        }
        return out;
    }

    private static void build(Body body, List<Component> out, Diagnostics ignored) {
        for (Block b : BodyContent.partial(body, BUILD, ignored).blocks()) {
            switch (b.type()) {
                // A build-level source refines a top-level one: "amazon-ebs.name" or "source.amazon-ebs.name".
                case "source" -> add(out, "builder", b.labels().get(0).replaceFirst("^source\\.", "").split("\\.")[0],
                        b, ComponentSpecs::builder, BUILD_SOURCE_META);
                case "provisioner", "error-cleanup-provisioner" -> add(out, "provisioner", b.labels().get(0), b,
                        ComponentSpecs::provisioner, PROVISIONER_META);
                case "post-processor" -> add(out, "post-processor", b.labels().get(0), b,
                        ComponentSpecs::postProcessor, POST_PROCESSOR_META);
                default -> BodyContent.partial(b.body(), POST_PROCESSORS, ignored).blocks().forEach(pp -> add(out,
                        "post-processor", pp.labels().get(0), pp, ComponentSpecs::postProcessor, POST_PROCESSOR_META));
            }
        }
    }

    private static void add(List<Component> out, String kind, String type, Block block,
                            Function<String, ConfigSpec> specs, List<String> meta) {
        ConfigSpec spec = specs.apply(type);
        if (spec != null) {
            out.add(new Component(kind, type, block, withMeta(spec, meta)));
        }
    }

    /** The plugin's spec plus the arguments core decodes itself, so that a whole block body can be decoded. */
    private static ConfigSpec withMeta(ConfigSpec spec, List<String> meta) {
        if (meta.isEmpty()) {
            return spec;
        }
        Map<String, ConfigSpec.Attr> attrs = new LinkedHashMap<>(spec.attributes());
        meta.forEach(m -> attrs.put(m, new ConfigSpec.Attr(m, Type.DYNAMIC, null)));
        return new ConfigSpec(attrs, spec.blocks(), spec.required());
    }

    /** What a template's expressions may refer to, every value unknown, and Packer's functions. */
    static EvalContext unknownValues(Path baseDir) {
        Map<String, Value> vars = new LinkedHashMap<>();
        for (String root : List.of("var", "local", "data", "source", "build", "path", "packer")) {
            vars.put(root, Value.DYNAMIC_UNKNOWN);
        }
        return new EvalContext(vars, Functions.packer(new FunctionContext(baseDir, null, Map.of(), Clock.systemUTC())));
    }
}
