package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pkrj inspect FILE.json} prints and exits as packer 1.6.6 did on every legacy JSON template of the handmade
 * set, each run alone in a scratch directory as the oracle was made: parse errors, variables (required, optional,
 * sensitive), builders and provisioners.
 */
class JsonInspectConformanceTest {

    private static final Path HANDMADE = CorpusFiles.root().resolve("handmade");

    @TempDir
    Path scratch;

    static Stream<Arguments> rows() throws IOException {
        return CorpusFiles.tsv(HANDMADE.resolve("ORACLE.tsv")).stream()
                .filter(r -> r[0].endsWith(".json") && !r[0].endsWith(".pkr.json") && !r[4].equals("-"))
                .map(r -> Arguments.of(r[0], Integer.parseInt(r[4])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void printsWhatPackerPrinted(String name, int rc) throws IOException {
        Files.copy(HANDMADE.resolve("templates").resolve(name), scratch.resolve(name));
        Run run = Run.pkrj(scratch, "", "inspect", name);
        // Compared as bytes, so that a difference in encoding shows too.
        String expected = new String(Files.readAllBytes(HANDMADE.resolve("oracle/" + name + ".inspect.txt")),
                StandardCharsets.ISO_8859_1);
        assertThat(new String(run.bytes(), StandardCharsets.ISO_8859_1)).as("output of %s", name)
                .isEqualTo(expected);
        assertThat(run.rc()).as("rc of %s", name).isEqualTo(rc);
    }

    @Test
    // A filter that silently drops rows would let the conformance check pass on nothing.
    void coversEveryJsonTemplate() throws IOException {
        assertThat(rows()).hasSize(18);
    }
}
