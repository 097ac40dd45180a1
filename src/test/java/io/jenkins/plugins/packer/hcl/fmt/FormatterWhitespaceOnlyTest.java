package io.jenkins.plugins.packer.hcl.fmt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every HCL-syntax file of the corpus, including those packer could not parse, formats without failing and
 * changes only in spaces and tabs (and a leading byte order mark, which the scanner skips).
 */
class FormatterWhitespaceOnlyTest {

    private static final Path CORPUS = Corpus.DIR;

    static Stream<Path> hclFiles() throws IOException {
        try (Stream<Path> all = Files.walk(CORPUS)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> !CORPUS.relativize(p).startsWith("fmt-expected")
                            && !CORPUS.relativize(p).startsWith("oracle-output")
                            && !CORPUS.relativize(p).startsWith(Path.of("handmade", "oracle")))
                    .filter(p -> p.getFileName().toString().matches(".*\\.(hcl|hcldec|t)"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("hclFiles")
    void changesOnlyWhitespace(Path file) throws IOException {
        byte[] src = Files.readAllBytes(file);
        byte[] out = Formatter.format(src);
        assertThat(latin1(withoutBlanks(out))).isEqualTo(latin1(withoutBlanks(withoutBom(src))));
    }

    private static byte[] withoutBom(byte[] b) {
        boolean bom = b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
        return bom ? Arrays.copyOfRange(b, 3, b.length) : b;
    }

    private static byte[] withoutBlanks(byte[] b) {
        byte[] kept = new byte[b.length];
        int n = 0;
        for (byte x : b) {
            if (x != ' ' && x != '\t') {
                kept[n++] = x;
            }
        }
        return Arrays.copyOf(kept, n);
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
