package io.jenkins.plugins.packer.ops;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jenkins.plugins.packer.SharedCorpus;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.template.HclConfig;
import io.jenkins.plugins.packer.template.LoadRequest;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any bytes as the other inputs a user hands the engine: a var-file in HCL or JSON beside a template that declares
 * variables of every kind, a legacy JSON template, and lines typed at the console. The first byte chooses which; the
 * only outcome allowed is the command's own result (diagnostics, an exit code): no exception, no hang. Without
 * {@code JAZZER_FUZZ} this replays the seeds (the corpus' var-files and JSON templates, console expressions, and
 * deep and large inputs made here); with it ({@code mvn test -Pfuzz -Dfuzz.test=TemplateInputsFuzzTest}), Jazzer
 * mutates them. A crashing input is written under {@code TemplateInputsFuzzTestInputs/} and replayed from then on.
 */
class TemplateInputsFuzzTest {

    private static final Duration PER_INPUT = Duration.ofSeconds(20);
    private static final boolean FUZZING = !System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty();
    private static final long MAX_SEED_BYTES = 64 * 1024;
    private static final byte VAR_FILE = 0;
    private static final byte JSON_VAR_FILE = 1;
    private static final byte JSON_TEMPLATE = 2;
    private static final byte CONSOLE = 3;

    /** The template the var-files and console lines meet: variables of each type, and locals built from them. */
    static final String TEMPLATE = """
            variable "name" {
              type    = string
              default = "packer"
            }
            variable "count" {
              type    = number
              default = 1
            }
            variable "zones" {
              type    = list(string)
              default = ["a"]
            }
            variable "sizes" {
              type    = map(number)
              default = {}
            }
            variable "settings" {
              type = object({ enabled = bool, tags = map(string) })
              default = { enabled = true, tags = {} }
            }
            variable "secret" {
              type      = string
              default   = "s3cr3t"
              sensitive = true
            }
            variable "anything" {
              default = null
            }
            locals {
              summary = "${var.name}-${var.count}-${length(var.zones)}"
            }
            source "null" "n" {
              communicator = "none"
            }
            build {
              sources = ["source.null.n"]
            }
            """;

    private static final Path DIR = scratch();

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void varFilesJsonTemplatesAndConsole(byte[] input) {
        if (FUZZING) {
            exercise(input);
        } else {
            assertTimeoutPreemptively(PER_INPUT, () -> exercise(input));
        }
    }

    /** On a deep stack, as the commands run (a nesting deeper than even that is the commands' own error). */
    static void exercise(byte[] input) {
        try {
            io.jenkins.plugins.packer.run.DeepStack.call(() -> {
                run(input);
                return null;
            });
        } catch (io.jenkins.plugins.packer.run.DeepStack.TooDeep e) {
            // Said to the user as "nested too deeply".
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The functions that reach other services (Consul, Vault, AWS): fuzzing makes no network calls. */
    private static final java.util.regex.Pattern NETWORK = java.util.regex.Pattern.compile(
            "consul_key|vault|aws_secretsmanager");

    private static void run(byte[] input) {
        byte kind = input.length == 0 ? VAR_FILE : (byte) (input[0] & 3);
        byte[] body = input.length == 0 ? input : java.util.Arrays.copyOfRange(input, 1, input.length);
        if (kind >= JSON_TEMPLATE && NETWORK.matcher(new String(body, StandardCharsets.ISO_8859_1)).find()) {
            return;
        }
        try {
            switch (kind) {
                case VAR_FILE, JSON_VAR_FILE -> {
                    String name = kind == VAR_FILE ? "in.pkrvars.hcl" : "in.pkrvars.json";
                    Files.write(DIR.resolve(name), body);
                    Validate.run(request(".", List.of(name)), false, List.of(), List.of()).text();
                }
                case JSON_TEMPLATE -> {
                    Files.write(DIR.resolve("in.json"), body);
                    Validate.run(request("in.json", List.of()), false, List.of(), List.of()).text();
                    Validate.run(request("in.json", List.of()), true, List.of(), List.of()).text();
                }
                default -> {
                    Diagnostics diags = new Diagnostics();
                    HclConfig cfg = HclConfig.load(request("t.pkr.hcl", List.of()), diags);
                    Console console = new Console(cfg);
                    String[] lines = new String(body, StandardCharsets.UTF_8).split("\n", 8);
                    for (String line : lines) {
                        console.evaluate(line);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LoadRequest request(String target, List<String> varFiles) {
        return new LoadRequest(DIR, target, varFiles, Map.of(), Map.of("HOME", DIR.toString()),
                Clock.fixed(Instant.parse("2020-12-16T10:00:00Z"), ZoneOffset.UTC), DIR);
    }

    private static Path scratch() {
        try {
            Path dir = Files.createTempDirectory("inputs-fuzz");
            dir.toFile().deleteOnExit();
            Files.writeString(dir.resolve("t.pkr.hcl"), TEMPLATE).toFile().deleteOnExit();
            for (String name : List.of("in.pkrvars.hcl", "in.pkrvars.json", "in.json")) {
                dir.resolve(name).toFile().deleteOnExit();
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> seeds() throws IOException {
        Path corpus = SharedCorpus.dir();
        List<Arguments> seeds = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(corpus.resolve("oracle-output"))
                            && !p.startsWith(corpus.resolve("fmt-expected")))
                    .sorted().toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            byte kind = name.endsWith(".pkrvars.hcl") ? VAR_FILE : name.endsWith(".pkrvars.json") ? JSON_VAR_FILE
                    : name.endsWith(".json") && !name.endsWith(".pkr.json") ? JSON_TEMPLATE : -1;
            if (kind >= 0 && Files.size(f) <= MAX_SEED_BYTES) {
                seeds.add(seed(kind, corpus.relativize(f).toString(), Files.readAllBytes(f)));
            }
        }
        for (String row : Files.readAllLines(corpus.resolve("handmade/expressions/cases.tsv"),
                StandardCharsets.UTF_8)) {
            String[] fields = row.split("\t", -1);
            seeds.add(seed(CONSOLE, "console " + fields[0], fields[1].getBytes(StandardCharsets.UTF_8)));
        }
        seeds.add(seed(CONSOLE, "console of the template's values",
                "var.settings.tags\nlocal.summary\nvar.secret\nvariables\n[for z in var.zones : upper(z)]"
                        .getBytes(StandardCharsets.UTF_8)));
        seeds.add(seed(JSON_VAR_FILE, "json var-file", """
                {"name": "x", "count": 3, "zones": ["a", "b"], "sizes": {"m": 2},
                 "settings": {"enabled": false, "tags": {"k": "v"}}}""".getBytes(StandardCharsets.UTF_8)));
        // Deep and large inputs: nesting as deep as the engine handles without a stack of its own, and sizes near the
        // seed limit.
        seeds.add(seed(VAR_FILE, "deep list var-file", ("anything = " + "[".repeat(2_000) + "]".repeat(2_000))
                .getBytes(StandardCharsets.UTF_8)));
        seeds.add(seed(JSON_VAR_FILE, "deep json var-file", ("{\"anything\": " + "[".repeat(5_000)
                + "]".repeat(5_000) + "}").getBytes(StandardCharsets.UTF_8)));
        seeds.add(seed(JSON_TEMPLATE, "deep json template", ("{\"variables\": {\"x\": " + "[".repeat(5_000)
                + "]".repeat(5_000) + "}, \"builders\": [{\"type\": \"null\", \"communicator\": \"none\"}]}")
                .getBytes(StandardCharsets.UTF_8)));
        seeds.add(seed(JSON_TEMPLATE, "deep go template", ("{\"builders\": [{\"type\": \"file\", \"content\": \"{{"
                + "(".repeat(2_000) + "user `x`" + ")".repeat(2_000) + "}}\", \"target\": \"o\"}]}")
                .getBytes(StandardCharsets.UTF_8)));
        seeds.add(seed(CONSOLE, "deep console parentheses", ("(".repeat(1_000) + "1" + ")".repeat(1_000))
                .getBytes(StandardCharsets.UTF_8)));
        StringBuilder many = new StringBuilder();
        for (int i = 0; many.length() < 60_000; i++) {
            many.append("sizes = { m").append(i).append(" = ").append(i).append(" }\n");
        }
        seeds.add(seed(VAR_FILE, "large var-file", many.toString().getBytes(StandardCharsets.UTF_8)));
        return seeds.stream();
    }

    private static Arguments seed(byte kind, String name, byte[] bytes) {
        byte[] input = new byte[bytes.length + 1];
        input[0] = kind;
        System.arraycopy(bytes, 0, input, 1, bytes.length);
        return Arguments.of(Named.of(name, input));
    }
}
