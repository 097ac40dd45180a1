package io.jenkins.plugins.packer.template.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the real packer beside ours on malformed templates and variables files the corpus lacks, and expects the
 * same bytes and exit code. Cases where packer's output depends on Go map order (several bad variables) or shows
 * raw invalid UTF-8 are left out.
 */
@Tag("differential")
class JsonValidateDifferentialTest {

    private static final Path PACKER = Path.of("/usr/bin/packer");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            root types          | {"description":1,"min_packer_version":true,"builders":{},"variables":[],"sensitive-variables":"a","post-processors":"x","push":"p","comments":[{"a":1}],"rawcontents":"x"} |
            root case           | {"Builders":[{"TYPE":"null"}],"DESCRIPTION":"d","PROVISIONERS":[]} |
            builders            | {"builders":["x", 5, {"type":true,"name":1.5}, {"type":[1]}, {"type":{"a":1}}, {"type":"null","config":"x"}, {"type":"null","name":"n2","config":[{"a":1},"q"]}]} |
            provisioners        | {"provisioners":["shell", null, {"type":"shell","pause_before":"5x"}, {"type":"shell","timeout":""}, {"type":"shell","only":"a","except":5,"override":[],"max_retries":3}, {"type":"shell","pause_before":[1]}, {"type":1}], "error-cleanup-provisioner": "x"} |
            provisioner fields  | {"provisioners":[{"type":"shell","only":{"a":1},"override":"x"}, {"type":"shell","override":[{"a":1},[{"b":2},[]],null]}, {"type":"shell","override":[[5]]}, {"type":"shell","config":5}, {"type":["a"]}, {"type":null}]} |
            post-processors     | {"post-processors":[5, null, [["a"]], [5, null, "ok"], {"name":"x"}, "", {"type":"a","config":"s","except":[1]}]} |
            post-processor keys | {"post-processors":[{"type":"a","keep_input_artifact":1}, {"type":"b","only":"x","except":[null,"y"]}, {"type":"c","Name":true}]} |
            comments            | {"_a":"x","_b":1,"_c":"y","zz":1} |
            comment lists       | {"Comments":[{"a":"b"},null,"x",{"c":null,"d":[1]}]} |
            raw contents        | {"rawcontents":[1,null,[1],{"a":1},true,-0.5]} |
            nested duplicate    | {"a":{"b":1,"b":2},"a":3} |
            big number          | {"a":1,"a":1e400} |
            cut literal         | {"a":nul |
            cut number          | {"a":1e+ |
            crlf                | `{\r\n  "a": 1,\r\n  "b": x\r\n}` |
            floats              | {"variables":{"a":0.000001234}} |
            var file garbage    | {"builders":[{"type":"null"}]} | `12x`
            var file string     | {"builders":[{"type":"null"}]} | `"s"`
            var file cut        | {"builders":[{"type":"null"}]} | `{"a":"b"`
            var file value      | {"builders":[{"type":"null"}]} | `{"a":true,"b":[]}`
            """)
    void printsWhatPackerPrints(String name, String template, String varFile) throws Exception {
        assumeTrue(Files.isExecutable(PACKER), "packer is not installed");
        Files.writeString(dir.resolve("t.json"), template);
        List<String> varFiles = new ArrayList<>();
        if (varFile != null) {
            Files.writeString(dir.resolve("v.json"), varFile);
            varFiles.add("v.json");
        }
        JsonValidate.Result ours = JsonValidate.syntaxOnly(dir, "t.json", varFiles);
        JsonValidate.Result theirs = packer(varFiles);
        assertThat(ours.output()).isEqualTo(theirs.output());
        assertThat(ours.exitCode()).isEqualTo(theirs.exitCode());
    }

    private JsonValidate.Result packer(List<String> varFiles) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PACKER.toString(), "validate", "-syntax-only"));
        varFiles.forEach(v -> cmd.add("-var-file=" + v));
        cmd.add("t.json");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "HOME", dir.toString(), "CHECKPOINT_DISABLE", "1"));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("packer did not finish");
        }
        return new JsonValidate.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
