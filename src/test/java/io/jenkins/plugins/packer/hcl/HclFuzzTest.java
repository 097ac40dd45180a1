package io.jenkins.plugins.packer.hcl;

import io.jenkins.plugins.packer.SharedCorpus;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jenkins.plugins.packer.function.FunctionContext;
import io.jenkins.plugins.packer.function.Functions;
import io.jenkins.plugins.packer.hcl.ast.Attribute;
import io.jenkins.plugins.packer.hcl.ast.Block;
import io.jenkins.plugins.packer.hcl.ast.Body;
import io.jenkins.plugins.packer.hcl.ast.Expression;
import io.jenkins.plugins.packer.hcl.ast.File;
import io.jenkins.plugins.packer.hcl.ast.SyntaxBody;
import io.jenkins.plugins.packer.hcl.fmt.Formatter;
import io.jenkins.plugins.packer.value.Mark;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any bytes at all go through parse, evaluate and format, and the only outcome allowed is diagnostics: no exception,
 * no hang. Without {@code JAZZER_FUZZ} this is a regression test over the seeds (every HCL file of the shared corpus,
 * every handmade console expression, every example of packer's function docs, and the reproducers kept in
 * {@code HclFuzzTestInputs/}); with it, Jazzer mutates those seeds for {@code maxDuration}.
 *
 * <p>Short run: {@code mvn test -Pfuzz} (30 s). Long run: {@code mvn test -Pfuzz
 * -Dfuzz.seconds=300}. A crashing input is written into {@code HclFuzzTestInputs/parseEvaluateFormat/} under
 * src/test/resources, from where it runs as a regression case until deleted.
 */
class HclFuzzTest {

    /**
     * Per-input bound in regression mode. A parse of the largest corpus file takes milliseconds; anything near this is
     * a hang. In fuzzing mode libFuzzer's {@code -timeout} (set by the fuzz profile) bounds each input instead, since
     * a watchdog thread per input would cost most of the fuzzer's throughput.
     */
    private static final Duration PER_INPUT = Duration.ofSeconds(10);

    private static final boolean FUZZING = !System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty();

    /** Seeds above this size make every mutation slow and add little that smaller files do not already have. */
    private static final long MAX_SEED_BYTES = 64 * 1024;

    /** An HCL code block of the docs, or an expression typed at a console prompt in a shell-session block. */
    private static final Pattern DOC_EXAMPLE = Pattern.compile("```hcl\\n(.*?)```|^> ([^\\n]+)$",
            Pattern.DOTALL | Pattern.MULTILINE);

    private static final EvalContext CONTEXT = context();

    /** How the evaluator reports a function's defect at its call. */
    private static final Pattern INTERNAL = Pattern.compile(
            "Call to function \"[^\"]*\" failed: internal error in pkrj, please report it: ");

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void parseEvaluateFormat(byte[] input) {
        if (FUZZING) {
            exercise(input);
        } else {
            assertTimeoutPreemptively(PER_INPUT, () -> exercise(input));
        }
    }

    /** The pipeline under test; any exception it lets out is a finding. */
    static void exercise(byte[] input) {
        Diagnostics diags = new Diagnostics();
        File file = Parser.parseConfig(input, "fuzz.pkr.hcl", diags);
        evaluateBody(file.body(), diags);

        Diagnostics exprDiags = new Diagnostics();
        Expression expr = Parser.parseExpression(input, "<console-input>", exprDiags);
        Evaluator.evaluate(expr, CONTEXT, exprDiags);

        // Rendering quotes source lines by the diagnostics' ranges, so wrong ranges fail here.
        DiagnosticWriter writer = new DiagnosticWriter(Map.of(
                "fuzz.pkr.hcl", new DiagnosticWriter.SourceFile(input, file.body()),
                "<console-input>", new DiagnosticWriter.SourceFile(input, null)), 78);
        writer.write(diags);
        writer.write(exprDiags);
        // A function's defect is reported as an error at its call (not to crash a user's command): still a finding.
        for (Diagnostics ds : List.of(diags, exprDiags)) {
            for (Diagnostic d : ds) {
                // Its text starts so; an argument quoted further on may hold the same words (a fuzzed string).
                if (d.detail() != null && INTERNAL.matcher(d.detail()).lookingAt()) {
                    throw new IllegalStateException(d.detail());
                }
            }
        }

        Formatter.format(input);
    }

    /** Native syntax only: parseConfig never yields another kind of body. */
    private static void evaluateBody(Body body, Diagnostics diags) {
        SyntaxBody syntax = (SyntaxBody) body;
        for (Attribute a : syntax.attributes().values()) {
            Evaluator.evaluate(a.expr(), CONTEXT, diags);
        }
        for (Block b : syntax.blocks()) {
            evaluateBody(b.body(), diags);
        }
    }

    /**
     * Variables of each kind of value an expression may meet in a template, and the function library, confined to a
     * scratch workspace so that file functions never read this machine's files.
     */
    private static EvalContext context() {
        Path workspace;
        try {
            workspace = Files.createTempDirectory("hcl-fuzz");
            // Deleted in reverse order of registration: the files, then the directory.
            workspace.toFile().deleteOnExit();
            Files.writeString(workspace.resolve("a.txt"), "hello ${name}\n").toFile().deleteOnExit();
            Files.writeString(workspace.resolve("b.json"), "{\"k\": [1, 2]}").toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FunctionContext fctx = new FunctionContext(workspace, workspace, Map.of("HOME", workspace.toString()),
                Clock.fixed(Instant.parse("2020-12-16T10:00:00Z"), ZoneOffset.UTC));
        Value var = Value.object(Map.of(
                "name", Value.string("packer"),
                "count", Value.number(3),
                "enabled", Value.TRUE,
                "list", Value.list(List.of(Value.string("a"), Value.string("b"))),
                "map", Value.map(Map.of("x", Value.number(1), "y", Value.number(2))),
                "secret", Value.string("s3cr3t").mark(Mark.SENSITIVE),
                "nothing", Value.nullOf(Type.STRING),
                "later", Value.unknown(Type.STRING)));
        Value path = Value.object(Map.of("root", Value.string(workspace.toString()),
                "cwd", Value.string(workspace.toString())));
        // The lookups that reach other services (Consul, Vault, AWS) stay out: fuzzing makes no network calls.
        Map<String, io.jenkins.plugins.packer.function.Function> functions = new java.util.HashMap<>(
                Functions.packer(fctx));
        functions.keySet().removeAll(java.util.Set.of("consul_key", "vault", "aws_secretsmanager",
                "aws_secretsmanager_raw"));
        return new EvalContext(Map.of("var", var, "local", Value.object(Map.of("tags", var)), "path", path,
                "build", Value.unknown(Type.object(Map.of()))), functions);
    }

    static Stream<Arguments> seeds() throws IOException {
        Path corpus = corpusDir();
        List<Arguments> seeds = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(corpus.resolve("oracle-output")) && !p.startsWith(corpus.resolve("fmt-expected")))
                    .filter(p -> p.toString().matches(".*\\.(hcl|hcldec|t|pkr\\.json)$"))
                    .sorted()
                    .toList();
        }
        for (Path f : files) {
            if (Files.size(f) <= MAX_SEED_BYTES) {
                seeds.add(seed(corpus.relativize(f).toString(), Files.readAllBytes(f)));
            }
        }
        for (String row : Files.readAllLines(corpus.resolve("handmade/expressions/cases.tsv"), StandardCharsets.UTF_8)) {
            String[] fields = row.split("\t", -1);
            seeds.add(seed("expression " + fields[0], fields[1].getBytes(StandardCharsets.UTF_8)));
        }
        Path functionDocs = corpus.resolve("packer-docs-v1.6.6/website/content/docs/from-1.5/functions");
        try (Stream<Path> walk = Files.walk(functionDocs)) {
            for (Path doc : walk.filter(p -> p.toString().endsWith(".mdx")).sorted().toList()) {
                Matcher m = DOC_EXAMPLE.matcher(Files.readString(doc, StandardCharsets.UTF_8));
                for (int i = 0; m.find(); i++) {
                    String example = m.group(1) != null ? m.group(1) : m.group(2);
                    seeds.add(seed(corpus.relativize(doc) + " #" + i, example.getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return seeds.stream();
    }

    private static Arguments seed(String name, byte[] bytes) {
        return Arguments.of(Named.of(name, bytes));
    }

    private static Path corpusDir() {
        return SharedCorpus.dir();
    }
}
