package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pkrj validate -syntax-only} on files of HCL's JSON syntax prints what packer 1.6.6 printed, byte for byte,
 * and exits as it did: parse errors, body decoding, types and templates in JSON strings, and JSON var-files. The
 * outputs in {@code hcl-json/oracle/} were recorded with packer 1.6.6, each run in a directory holding only the
 * file (and, for a var-file, {@code declares.pkr.hcl}), as the handmade corpus was.
 */
class JsonSyntaxConformanceTest {

    private static final Path ROOT = Path.of("src/test/resources/hcl-json").toAbsolutePath();

    static Stream<Arguments> rows() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String[] r : CorpusFiles.tsv(ROOT.resolve("ORACLE.tsv"))) {
            out.add(Arguments.of(r[0], Integer.parseInt(r[1])));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void printsWhatPackerPrinted(String file, int oracleRc) throws IOException {
        Path path = ROOT.resolve(file);
        String name = path.getFileName().toString();
        Run run = file.startsWith("var-files/")
                ? Run.pkrj(path.getParent(), "", "validate", "-syntax-only", "-var-file=" + name, "declares.pkr.hcl")
                : Run.pkrj(path.getParent(), "", "validate", "-syntax-only", name);
        byte[] expected = Files.readAllBytes(ROOT.resolve("oracle/" + name + ".validate-syntax.txt"));
        assertThat(new String(run.bytes(), StandardCharsets.ISO_8859_1)).as("output of %s", file)
                .isEqualTo(new String(expected, StandardCharsets.ISO_8859_1));
        assertThat(run.rc()).as("rc of %s", file).isEqualTo(oracleRc);
    }
}
