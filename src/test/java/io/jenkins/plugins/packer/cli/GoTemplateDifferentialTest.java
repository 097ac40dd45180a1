package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Go template control structures in a legacy JSON template, run by the real {@code packer} 1.6.6 and by {@code pkrj}
 * side by side: each row is the {@code content} of a {@code file} builder (user variables {@code v} = {@code abc}
 * and {@code empty} = the empty string; a builder's options render with no data), built with
 * {@code build -color=false} and, for the rows marked so, checked with {@code validate}. Exit codes, console output and the file written must be the same. Under {@code CI=true} a
 * missing packer fails the test; elsewhere it is skipped.
 */
@Tag("differential")
class GoTemplateDifferentialTest {

    private static Path packer;

    @TempDir
    static Path scratch;

    @BeforeAll
    static void findPacker() {
        packer = BuildRuns.findPacker();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiterString = " ~ ", quoteCharacter = '\'', textBlock = """
            build ~ {{if true}}yes{{else}}no{{end}}
            build ~ {{if user `empty`}}a{{else if user `v`}}b{{else}}c{{end}}
            build ~ {{if eq (user `v`) "x"}}1{{else if eq (user `v`) "abc"}}2{{else}}3{{end}}
            build ~ {{ if and (eq (user `v`) "abc") (ne (user `empty`) "") }}a{{ else if or (user `empty`) (user `v`) }}b{{ end }}
            build ~ {{with user `v`}}[{{.}}]{{else}}none{{end}}|{{with 0}}b{{else}}c{{end}}
            build ~ {{if $y := user `v`}}{{$y}}{{else}}[{{$y}}]{{end}}{{$x := 1}}{{if true}}{{$x = 2}}{{$z := 3}}{{end}}{{$x}}
            build ~ {{ if true -}}\\n   a   \\n{{- else -}} b {{- end }}|
            build ~ {{eq nil 1}} {{eq 1 2 3 1}} {{gt "b" "a"}} {{ge 1 1}} {{le "a" "b"}} {{ne "a" "a"}} {{lt 1.5 2.5}}
            build ~ {{and 1 0 2}} {{or 0 "" 3}} {{or 0 ""}} {{not 0}} {{and false (env `X`)}}
            build ~ {{range .Foo}}{{break}}{{else}}none{{end}}
            build ~ {{define "x"}}<{{.}}>{{end}}{{template "x" user `v`}}{{block "b" 1}}[{{.}}]{{end}}
            build ~ {{.ID}}|{{.}}|{{with user `v`}}{{$}}/{{.}}{{end}}
            build ~ {{build `ID`}}
            build ~ {{len .Foo}}
            build ~ {{html "<a>&"}}|{{js "a=b<c>"}}|{{urlquery "a b&c"}}|{{index "abc" 1}}|{{slice "abcdef" 1 3}}
            build ~ {{index "abc" 3}}
            build ~ {{slice "abc" 2 1}}
            build ~ {{call .Foo}}
            build ~ line1\\n{{if true}}\\n  {{eq 1 "x"}}\\n{{end}}
            build ~ {{lt true false}}
            build ~ {{eq 1}}
            build ~ {{ne 1}}
            build ~ {{and true (env `X`)}}
            build ~ {{range user `v`}}x{{end}}
            build ~ {{template "y"}}
            build ~ {{$q = 1}}
            build ~ {{define "a"}}{{template "a"}}{{end}}{{template "a"}}
            validate ~ {{if}}x{{end}}
            validate ~ {{if true}}x{{else}}y
            validate ~ {{with true}}a{{else with 1}}b{{end}}
            validate ~ {{if true}}{{$z := 1}}{{end}}{{$z}}
            validate ~ {{break}}
            validate ~ {{define "x"}}a{{end}}{{define "x"}}b{{end}}
            validate ~ {{if eq 1 "a"}}x{{end}}
            """)
    void sameAsPacker(String command, String content) throws Exception {
        Map<String, Object> builder = new LinkedHashMap<>();
        builder.put("type", "file");
        builder.put("content", content.replace("\\n", "\n"));
        builder.put("target", "out.txt");
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("variables", Map.of("v", "abc", "empty", ""));
        template.put("builders", List.of(builder));
        String json = new ObjectMapper().writeValueAsString(template);
        String key = Integer.toHexString(content.hashCode()) + "-" + command;
        Path theirsDir = Files.createDirectories(scratch.resolve("packer").resolve(key));
        Path oursDir = Files.createDirectories(scratch.resolve("pkrj").resolve(key));
        Files.writeString(theirsDir.resolve("template.json"), json);
        Files.writeString(oursDir.resolve("template.json"), json);
        List<String> args = command.equals("build") ? List.of("build", "-color=false", "template.json")
                : List.of("validate", "template.json");
        BuildRuns runs = new BuildRuns(packer, scratch);
        BuildRuns.Outcome theirs = runs.packer(theirsDir, args);
        BuildRuns.Outcome ours = runs.pkrj(oursDir, args);
        assertThat(ours.out()).as("output of pkrj %s", args).isEqualTo(theirs.out());
        assertThat(ours.rc()).as("exit code of pkrj %s", args).isEqualTo(theirs.rc());
        assertThat(BuildRuns.fileDifferences(ours.files(), theirs.files())).as("files left by pkrj").isEmpty();
    }
}
