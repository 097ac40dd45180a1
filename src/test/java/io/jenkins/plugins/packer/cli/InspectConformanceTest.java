package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pkrj inspect FILE} prints and exits as packer 1.6.6 did on every HCL2 template of the handmade set, each run
 * alone in a scratch directory as the oracle was made. Deliberate differences are data: exit code, reason and our
 * exact output.
 */
class InspectConformanceTest {

    private static final Path HANDMADE = CorpusFiles.root().resolve("handmade");
    private static final DeliberateDifferences DIFFERENCES = DeliberateDifferences.of("inspect-differences");

    @TempDir
    Path scratch;

    static Stream<Arguments> rows() throws IOException {
        return CorpusFiles.tsv(HANDMADE.resolve("ORACLE.tsv")).stream()
                .filter(r -> r[0].endsWith(".pkr.hcl") && !r[4].equals("-"))
                .map(r -> Arguments.of(r[0], Integer.parseInt(r[4])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void printsWhatPackerPrinted(String name, int rc) throws IOException {
        Files.copy(HANDMADE.resolve("templates").resolve(name), scratch.resolve(name));
        Run run = Run.pkrj(scratch, "", "inspect", name);
        // Compared as bytes: a file with invalid UTF-8 is quoted as it is.
        String expected = new String(Files.readAllBytes(HANDMADE.resolve("oracle/" + name + ".inspect.txt")),
                StandardCharsets.ISO_8859_1);
        String out = new String(run.bytes(), StandardCharsets.ISO_8859_1);
        if (DIFFERENCES.check(name, run, Files.readAllBytes(HANDMADE.resolve("oracle/" + name + ".inspect.txt")))) {
            return;
        }
        assertThat(out).isEqualTo(expected);
        assertThat(run.rc()).isEqualTo(rc);
    }
}
