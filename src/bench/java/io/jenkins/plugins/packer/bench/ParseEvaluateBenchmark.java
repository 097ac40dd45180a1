package io.jenkins.plugins.packer.bench;

import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.EvalContext;
import io.jenkins.plugins.packer.hcl.Evaluator;
import io.jenkins.plugins.packer.hcl.Parser;
import io.jenkins.plugins.packer.hcl.ast.Attribute;
import io.jenkins.plugins.packer.hcl.ast.Block;
import io.jenkins.plugins.packer.hcl.ast.Body;
import io.jenkins.plugins.packer.hcl.ast.File;
import io.jenkins.plugins.packer.hcl.ast.SyntaxBody;
import io.jenkins.plugins.packer.template.HclConfig;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a realistic 100-line template (variables, locals, an amazon-ebs source, a build with provisioners and a
 * post-processor) as {@code packer validate} does: parse, decode the variables, evaluate the locals, then every
 * attribute of the sources and builds. Sample mode, so JMH reports the median (p0.50) of warm runs.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ParseEvaluateBenchmark {

    static final String TEMPLATE = "template.pkr.hcl";

    private static final Set<String> DECODED_BY_LOAD = Set.of("variable", "locals", "packer");

    private Path dir;
    private byte[] source;
    private final Clock clock = Clock.fixed(Instant.parse("2020-12-16T10:00:00Z"), ZoneOffset.UTC);

    @Setup
    public void writeTemplate() throws IOException {
        try (InputStream in = ParseEvaluateBenchmark.class.getResourceAsStream(TEMPLATE)) {
            source = in.readAllBytes();
        }
        dir = Files.createTempDirectory("bench-template");
        Files.write(dir.resolve(TEMPLATE), source);
    }

    @TearDown
    public void deleteTemplate() throws IOException {
        Files.delete(dir.resolve(TEMPLATE));
        Files.delete(dir);
    }

    /**
     * {@code packer validate} in process: read, initialize, then every build's builder, provisioners and
     * post-processors decoded and checked.
     */
    @Benchmark
    public int validate() {
        return io.jenkins.plugins.packer.ops.Validate.run(new LoadRequest(dir, TEMPLATE, List.of(), Map.of(),
                Map.of("HOME", dir.toString()), clock), false, List.of(), List.of()).exitCode();
    }

    /** The parser alone, from bytes in memory to the syntax tree. */
    @Benchmark
    public File parse() {
        return Parser.parseConfig(source, TEMPLATE, new Diagnostics());
    }

    /** The whole language layer, from the file on disk to every value of the template. */
    @Benchmark
    public Diagnostics parseAndEvaluate() {
        Diagnostics diags = new Diagnostics();
        HclConfig config = HclConfig.load(new LoadRequest(dir, TEMPLATE, List.of(), Map.of(), Map.of(), clock), diags);
        config.initialize(diags);
        EvalContext ctx = config.evalContext();
        for (File f : config.files()) {
            for (Block b : ((SyntaxBody) f.body()).blocks()) {
                if (!DECODED_BY_LOAD.contains(b.type())) {
                    evaluate(b.body(), ctx, diags);
                }
            }
        }
        return diags;
    }

    /** The template is native syntax, so every body is a {@link SyntaxBody}. */
    private static void evaluate(Body body, EvalContext ctx, Diagnostics diags) {
        SyntaxBody syntax = (SyntaxBody) body;
        for (Attribute a : syntax.attributes().values()) {
            Evaluator.evaluate(a.expr(), ctx, diags);
        }
        for (Block b : syntax.blocks()) {
            evaluate(b.body(), ctx, diags);
        }
    }
}
