package io.jenkins.plugins.packer.hcl.json;

import io.jenkins.plugins.packer.SharedCorpus;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.hcl.BodyContent;
import io.jenkins.plugins.packer.hcl.BodySchema;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.ast.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON inputs of HCL's own specification test suite (v2.6.0's and the current one). Its only JSON case is the
 * empty file: it must parse and decode to nothing, so that the suite's literal result is all there is.
 */
class SpecSuiteJsonTest {

    private static final Path CORPUS = SharedCorpus.dir();

    static Stream<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(CORPUS.resolve("hcl-specsuite"))) {
            List<Path> found = s.filter(p -> p.toString().endsWith(".hcl.json")).sorted().toList();
            assertThat(found).isNotEmpty();
            return found.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void parsesAndDecodesToNoContent(Path path) throws IOException {
        Diagnostics diags = new Diagnostics();
        File f = JsonParser.parse(Files.readAllBytes(path), path.getFileName().toString(), diags);
        BodyContent content = f.body().content(BodySchema.of(List.of(), List.of()), diags);
        assertThat(diags.list()).isEmpty();
        assertThat(content.attributes()).isEmpty();
        assertThat(content.blocks()).isEmpty();
    }
}
