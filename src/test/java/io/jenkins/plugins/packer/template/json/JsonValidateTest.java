package io.jenkins.plugins.packer.template.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output and exit code of {@code validate -syntax-only} around the parser: files, var files, success. */
class JsonValidateTest {

    @TempDir
    Path dir;

    @BeforeEach
    void template() throws IOException {
        Files.writeString(dir.resolve("t.json"), "{\"builders\": [{\"type\": \"null\"}]}");
    }

    @Test
    void passes() {
        assertThat(JsonValidate.syntaxOnly(dir, "t.json", List.of()))
                .isEqualTo(new JsonValidate.Result(0, "Syntax-only check passed. Everything looks okay.\n"));
    }

    @Test
    void missingTemplateIsReportedAsPackerStatsIt() {
        assertThat(JsonValidate.syntaxOnly(dir, "nope.json", List.of())).isEqualTo(
                new JsonValidate.Result(1, "\"nope.json\": stat nope.json: no such file or directory\n"));
    }

    @Test
    void templateErrorIsPrefixed() throws IOException {
        Files.writeString(dir.resolve("bad.json"), "{\"x\": 1}");
        assertThat(JsonValidate.syntaxOnly(dir, "bad.json", List.of())).isEqualTo(new JsonValidate.Result(1,
                "Failed to parse template: 1 error occurred:\n\t* Unknown root level key in template: 'x'\n\n\n"));
    }

    @Test
    void varFilesAreReadInOrderUntilOneFails() throws IOException {
        Files.writeString(dir.resolve("ok.json"), "{\"a\": \"b\"}");
        Files.writeString(dir.resolve("num.json"), "{\"a\": 1}");
        assertThat(JsonValidate.syntaxOnly(dir, "t.json", List.of("ok.json", "num.json", "missing.json")))
                .isEqualTo(new JsonValidate.Result(1, "Error reading variables in 'num.json': json: cannot unmarshal "
                        + "number into Go value of type string\n"));
    }

    @Test
    void missingVarFileIsAnOpenError() {
        assertThat(JsonValidate.syntaxOnly(dir, "t.json", List.of("missing.json")))
                .isEqualTo(new JsonValidate.Result(1, "open missing.json: no such file or directory\n"));
    }

    @Test
    void varFileThatIsADirectoryFailsOnRead() throws IOException {
        Files.createDirectory(dir.resolve("vars"));
        assertThat(JsonValidate.syntaxOnly(dir, "t.json", List.of("vars"))).isEqualTo(
                new JsonValidate.Result(1, "Error reading variables in 'vars': read vars: is a directory\n"));
    }

    @Test
    void varFilesAreNotReadWhenTheTemplateFails() throws IOException {
        Files.writeString(dir.resolve("bad.json"), "[]");
        assertThat(JsonValidate.syntaxOnly(dir, "bad.json", List.of("missing.json")).output())
                .isEqualTo("Failed to parse template: '' expected a map, got 'slice'\n");
    }
}
