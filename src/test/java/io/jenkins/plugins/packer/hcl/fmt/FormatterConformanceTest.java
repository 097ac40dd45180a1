package io.jenkins.plugins.packer.hcl.fmt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every HCL file that packer 1.6.6 could format, from the shared corpus and the handmade set, must come out byte for
 * byte as packer wrote it, and packer's output must already be canonical for us.
 */
class FormatterConformanceTest {

    private static final Path CORPUS = Corpus.DIR;

    /** An input and what packer fmt wrote for it. */
    record Case(String name, Path input, Path expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> corpusCases() {
        return casesFrom(CORPUS.resolve("ORACLE.tsv"), 2,
                path -> new Case(path, CORPUS.resolve(path), CORPUS.resolve("fmt-expected").resolve(path)));
    }

    static Stream<Arguments> handmadeCases() {
        Path handmade = CORPUS.resolve("handmade");
        return casesFrom(handmade.resolve("ORACLE.tsv"), 1, file -> new Case(file,
                handmade.resolve("templates").resolve(file), handmade.resolve("oracle").resolve(file + ".fmt.txt")));
    }

    /** Rows whose fmt exit code is 0 (already canonical) or 3 (rewritten); 1 means packer could not parse it. */
    private static Stream<Arguments> casesFrom(Path oracle, int rcColumn, Function<String, Case> toCase) {
        return read(oracle).lines().skip(1)
                .map(row -> row.split("\t", -1))
                .filter(f -> f[rcColumn].equals("0") || f[rcColumn].equals("3"))
                .map(f -> Arguments.of(toCase.apply(f[0])));
    }

    @Test
    void theCorpusIsThere() {
        assertThat(corpusCases().count()).as("corpus rows under %s", CORPUS).isEqualTo(471);
        assertThat(handmadeCases().count()).isEqualTo(116);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusCases")
    void formatsTheCorpusLikePacker(Case c) {
        assertFormatsLikePacker(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handmadeCases")
    void formatsTheHandmadeSetLikePacker(Case c) {
        assertFormatsLikePacker(c);
    }

    private static void assertFormatsLikePacker(Case c) {
        byte[] expected = bytes(c.expected());
        assertThat(latin1(Formatter.format(bytes(c.input())))).isEqualTo(latin1(expected));
        assertThat(latin1(Formatter.format(expected))).as("formatting packer's output again").isEqualTo(latin1(expected));
    }

    /** Latin-1 maps bytes one to one, so the comparison is exact even for invalid UTF-8, yet diffs stay readable. */
    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        return new String(bytes(p), StandardCharsets.UTF_8);
    }
}
