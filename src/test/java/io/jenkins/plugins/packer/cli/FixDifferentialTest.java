package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pkrj fix} beside the real {@code packer fix} (v1.6.6, Debian's), live: on the handmade inputs of
 * {@code src/test/resources/fix/inputs} (one or more per fixer that changes something, inputs it leaves alone, and
 * decoding, fixing and validation errors) with and without {@code -validate}, on the command line's own mistakes,
 * and on every legacy JSON template of the corpus; and {@code pkrj validate} beside {@code packer validate} on the
 * JSON templates of {@code fix/validate}, whose keys a fixer replaces. Each run has a scratch directory holding only
 * its input; standard output, standard error (pkrj writes none) and the exit code must be equal byte for byte.
 *
 * <p>Where packer 1.6.6 panics, pkrj says what is wrong (docs/differences.md): the handmade cases are data in
 * {@code fix-differences}, the corpus's in {@link #CORPUS_CRASHES}; both must still crash packer. Under
 * {@code CI=true} a missing packer fails the test; elsewhere it is skipped.
 */
@Tag("differential")
class FixDifferentialTest {

    private static final Path INPUTS = Path.of("src/test/resources/fix/inputs").toAbsolutePath();
    private static final Path VALIDATE_INPUTS = Path.of("src/test/resources/fix/validate").toAbsolutePath();
    private static final Path CORPUS = CorpusFiles.root();
    private static final DeliberateDifferences DIFFERENCES = DeliberateDifferences.of("fix-differences");

    /** Corpus templates packer 1.6.6's {@code fix} panics on: a builder without a {@code type}. */
    private static final List<String> CORPUS_CRASHES = List.of(
            "packer-testdata/v1.6.6/packer-plugin-sdk/template/test-fixtures/error-duplicate-config.json",
            "packer-testdata/v1.6.6/packer-plugin-sdk/template/test-fixtures/error-duplicate-variables.json",
            "packer-testdata/v1.6.6/packer-plugin-sdk/template/test-fixtures/parse-builder-no-type.json");

    private static Path packer;

    @TempDir
    static Path scratch;

    /** What one tool did: exit code, standard output, standard error. */
    record Outcome(int rc, String out, String err) {}

    @BeforeAll
    static void findPacker() {
        packer = BuildRuns.findPacker();
    }

    static Stream<Arguments> inputs() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(INPUTS)) {
            for (Path p : files.sorted().toList()) {
                out.add(Arguments.of(p.getFileName().toString(), List.<String>of()));
                out.add(Arguments.of(p.getFileName().toString(), List.of("-validate=false")));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "fix {1} {0}")
    @MethodSource("inputs")
    void fixesHandmadeInputsAsPackerDoes(String name, List<String> flags) throws Exception {
        Path dir = alone(INPUTS.resolve(name), "inputs" + flags.size());
        List<String> args = new ArrayList<>(List.of("fix"));
        args.addAll(flags);
        args.add(name);
        Outcome theirs = packer(dir, args);
        Run ours = Run.pkrj(dir, "", args.toArray(String[]::new));
        String key = name.substring(0, name.length() - ".json".length());
        if (DIFFERENCES.check(key, ours, (theirs.out() + theirs.err()).getBytes(StandardCharsets.UTF_8))) {
            assertThat(theirs.rc()).as("packer still crashes on %s", name).isEqualTo(2);
            return;
        }
        assertSame(theirs, ours, String.join(" ", args));
    }

    static Stream<Arguments> commandLines() {
        return Stream.of(
                Arguments.of(List.of("fix")),
                Arguments.of(List.of("fix", "nochange-null.json", "nochange-null.json")),
                Arguments.of(List.of("fix", "missing.json")),
                Arguments.of(List.of("fix", "folder")),
                Arguments.of(List.of("fix", "-validate", "nochange-null.json")),
                Arguments.of(List.of("fix", "--validate=0", "validate-no-builders.json")),
                Arguments.of(List.of("fix", "-validate=T", "validate-no-builders.json")),
                Arguments.of(List.of("fix", "-validate", "false", "nochange-null.json")),
                Arguments.of(List.of("fix", "-h")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandLines")
    void readsTheCommandLineAsPackerDoes(List<String> args) throws Exception {
        Path dir = scratch.resolve("command-line");
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.resolve("folder"));
            Files.copy(INPUTS.resolve("nochange-null.json"), dir.resolve("nochange-null.json"));
            Files.copy(INPUTS.resolve("validate-no-builders.json"), dir.resolve("validate-no-builders.json"));
        }
        Run ours = Run.pkrj(dir, "", args.toArray(String[]::new));
        // The help names the tool that prints it.
        Run named = new Run(ours.rc(), ours.out().replace("Usage: pkrj fix", "Usage: packer fix"), ours.bytes());
        assertSame(packer(dir, args), named, String.join(" ", args));
    }

    static Stream<String> corpusTemplates() throws IOException {
        return CorpusFiles.tsv(CORPUS.resolve("ORACLE.tsv")).stream().filter(r -> r[1].equals("json")).map(r -> r[0]);
    }

    @ParameterizedTest(name = "fix {0}")
    @MethodSource("corpusTemplates")
    void fixesTheCorpusAsPackerDoes(String file) throws Exception {
        Path source = CORPUS.resolve(file);
        Path dir = alone(source, "corpus/" + file.replaceAll("[^A-Za-z0-9._-]", "_"));
        String name = source.getFileName().toString();
        Outcome theirs = packer(dir, List.of("fix", name));
        Run ours = Run.pkrj(dir, "", "fix", name);
        if (CORPUS_CRASHES.contains(file)) {
            assertThat(theirs.rc()).as("packer still crashes on %s", file).isEqualTo(2);
            assertThat(ours.out()).startsWith("Error fixing: builder 1: missing 'type'");
            assertThat(ours.rc()).isEqualTo(1);
            return;
        }
        assertSame(theirs, ours, "fix " + file);
    }

    static Stream<String> validateInputs() throws IOException {
        try (Stream<Path> files = Files.list(VALIDATE_INPUTS)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** packer 1.6.6 never reports a template {@code fix} would change; it calls the keys fixers replace deprecated. */
    @ParameterizedTest(name = "validate {0}")
    @MethodSource("validateInputs")
    void validatesFixableTemplatesAsPackerDoes(String name) throws Exception {
        Path dir = alone(VALIDATE_INPUTS.resolve(name), "validate");
        assertSame(packer(dir, List.of("validate", name)), Run.pkrj(dir, "", "validate", name), "validate " + name);
    }

    private static void assertSame(Outcome theirs, Run ours, String what) {
        assertThat(theirs.err()).as("packer's standard error for %s (pkrj writes none)", what).isEmpty();
        assertThat(ours.out()).as("output of pkrj %s", what).isEqualTo(theirs.out());
        assertThat(ours.rc()).as("exit code of pkrj %s", what).isEqualTo(theirs.rc());
    }

    /** A directory of its own holding only a copy of the input (packer writes crash.log where it runs). */
    private static Path alone(Path input, String group) throws IOException {
        Path dir = scratch.resolve(group).resolve(input.getFileName().toString() + ".d");
        Files.createDirectories(dir);
        Files.copy(input, dir.resolve(input.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return dir;
    }

    private static Outcome packer(Path dir, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(packer.toString());
        cmd.addAll(args);
        Path err = Files.createTempFile(scratch, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "CHECKPOINT_DISABLE", "1", "LANG", "C.UTF-8",
                "HOME", scratch.toString()));
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out;
        try (InputStream o = p.getInputStream()) {
            out = o.readAllBytes();
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("packer " + args + " did not finish in 30 s");
        }
        return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
