package io.jenkins.plugins.packer.function;

import static io.jenkins.plugins.packer.function.ExtOracle.str;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.value.Mark;
import io.jenkins.plugins.packer.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** templatefile follows Packer 1.16's documentation (packer 1.6.6 did not have it). */
class FilesystemTemplateFileTest {

    @TempDir
    Path dir;

    private Map<String, Function> fns;

    @BeforeEach
    void functions() {
        fns = ExtOracle.functions(new FunctionContext(dir, null, Map.of(), ExtOracle.CONTEXT.clock()));
    }

    private String render(String template, Value vars) throws IOException {
        Files.writeString(dir.resolve("t.tpl"), template);
        return ExtOracle.actual(fns, "templatefile", str("t.tpl"), vars);
    }

    private static Value vars(Map<String, Value> m) {
        return Value.object(m);
    }

    @Test
    void rendersInterpolationsDirectivesAndFunctions() throws IOException {
        String out = render("Hello, ${basename(name)}!\n%{ for p in ports ~}\nport ${p}\n%{ endfor ~}\n",
                vars(Map.of("name", str("/a/packer"), "ports", Value.tuple(List.of(Value.number(22),
                        Value.number(80))))));
        assertThat(out).isEqualTo("Hello, packer!\nport 22\nport 80\n\n");
    }

    @Test
    void aSingleInterpolationKeepsItsType() throws IOException {
        assertThat(render("${n}", vars(Map.of("n", Value.number(3))))).isEqualTo("3\n");
        assertThat(render("${cidrsubnets(p, 1, 1)}", Value.map(Map.of("p", str("10.0.0.0/8")))))
                .isEqualTo("[\n  \"10.0.0.0/9\",\n  \"10.128.0.0/9\",\n]\n");
    }

    @Test
    void varsMustBeAMapWithIdentifierKeysCoveringEveryReference() throws IOException {
        assertThat(render("x", Value.tuple(List.of()))).isEqualTo("Error: Invalid function argument\n"
                + "Invalid value for \"vars\" parameter: invalid vars value: must be a map.");
        assertThat(render("x", Value.map(Map.of("1st", str("v")))))
                .endsWith("\"vars\" parameter: invalid template variable name \"1st\": must start with a "
                        + "letter, followed by zero or more letters, digits, and underscores.");
        assertThat(render("a ${b}", vars(Map.of("a", str("1")))))
                .endsWith("\"vars\" parameter: vars map does not contain key \"b\", referenced at t.tpl:1,5-6.");
    }

    @Test
    void templatefileCannotCallItself() throws IOException {
        assertThat(render("${templatefile(\"t.tpl\", {})}", vars(Map.of()))).isEqualTo("Error: Error in function "
                + "call\nCall to function \"templatefile\" failed: t.tpl:1,3-16: Error in function call; Call to "
                + "function \"templatefile\" failed: cannot recursively call templatefile from inside templatefile "
                + "call..");
    }

    @Test
    void aMissingFileFailsAsFileDoes() {
        assertThat(ExtOracle.actual(fns, "templatefile", str("nope.tpl"), vars(Map.of())))
                .endsWith("failed: no file exists at nope.tpl.");
    }

    @Test
    void aSyntaxErrorNamesItsPlace() throws IOException {
        assertThat(render("${", vars(Map.of()))).startsWith("Error: Error in function call\nCall to function "
                + "\"templatefile\" failed: t.tpl:1,");
    }

    @Test
    void sensitiveVarsMakeASensitiveResult() throws IOException, FunctionException {
        Files.writeString(dir.resolve("s.tpl"), "pw=${pw}");
        Value v = fns.get("templatefile").call(List.of(str("s.tpl"),
                vars(Map.of("pw", str("secret").mark(Mark.SENSITIVE)))));
        assertThat(v.hasMark(Mark.SENSITIVE)).isTrue();
        assertThat(v.unmark().asString()).isEqualTo("pw=secret");
    }
}
