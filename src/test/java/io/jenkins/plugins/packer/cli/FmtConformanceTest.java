package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pkrj fmt -check FILE} and {@code pkrj fmt FILE} print, exit and rewrite as packer 1.6.6 did, on every HCL
 * file of the corpus and of the handmade set. Each run works on a scratch copy named as packer saw it.
 */
class FmtConformanceTest {

    private static final Path CORPUS = CorpusFiles.root();

    @TempDir
    Path scratch;

    record Row(String path, String name, int rc, Path expectedCheckOutput, Path expectedFormatted) {}

    static Stream<Arguments> rows() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String[] r : CorpusFiles.tsv(CORPUS.resolve("ORACLE.tsv"))) {
            if (r[2].equals("-")) {
                continue;
            }
            String base = Path.of(r[0]).getFileName().toString();
            // packer 1.6.6 formats only *.pkr.hcl / *.pkrvars.hcl: other HCL files were given to it renamed.
            String name = r[1].equals("hcl") ? base + ".pkr.hcl" : base;
            int rc = Integer.parseInt(r[2]);
            Path failure = CORPUS.resolve("oracle-output/" + r[0] + ".fmt.txt");
            Path formatted = rc == 1 ? null : CORPUS.resolve("fmt-expected/" + r[0]);
            out.add(Arguments.of(new Row(r[0], name, rc, rc == 1 ? failure : null, formatted)));
        }
        for (String[] r : CorpusFiles.tsv(CORPUS.resolve("handmade/ORACLE.tsv"))) {
            if (r[1].equals("-")) {
                continue;
            }
            int rc = Integer.parseInt(r[1]);
            Path check = CORPUS.resolve("handmade/oracle/" + r[0] + ".fmt-check.txt");
            Path formatted = CORPUS.resolve("handmade/oracle/" + r[0] + ".fmt.txt");
            out.add(Arguments.of(new Row("handmade/templates/" + r[0], r[0], rc, check,
                    Files.exists(formatted) ? formatted : null)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void checkAndRewriteAsPackerDid(Row row) throws IOException {
        Path file = scratch.resolve(row.name());
        Files.copy(CORPUS.resolve(row.path()), file);
        byte[] original = Files.readAllBytes(file);

        Run check = Run.pkrj(scratch, "", "fmt", "-check", row.name());
        assertThat(check.rc()).as(check.out()).isEqualTo(row.rc());
        String expected = row.expectedCheckOutput() != null
                ? Files.readString(row.expectedCheckOutput(), StandardCharsets.UTF_8)
                : row.rc() == 3 ? row.name() + "\n" : "";
        if (row.expectedCheckOutput() != null
                && !row.name().equals(Path.of(row.path()).getFileName().toString())) {
            expected = expected.replace(Path.of(row.path()).getFileName().toString(), row.name());
        }
        assertThat(check.out()).isEqualTo(expected);
        assertThat(Files.readAllBytes(file)).as("-check leaves the file alone").isEqualTo(original);

        Run write = Run.pkrj(scratch, "", "fmt", row.name());
        assertThat(write.rc()).isEqualTo(row.rc() == 3 ? 0 : row.rc());
        if (row.expectedFormatted() != null) {
            assertThat(Files.readAllBytes(file)).isEqualTo(Files.readAllBytes(row.expectedFormatted()));
        }
    }
}
