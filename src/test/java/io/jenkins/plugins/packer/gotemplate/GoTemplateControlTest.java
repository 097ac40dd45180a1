package io.jenkins.plugins.packer.gotemplate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Control structures of Go templates ({@code if}, {@code else if}, {@code else}, {@code with}, {@code range},
 * {@code define}, {@code template}, {@code block}), variables and the comparison builtins. Each row of
 * {@link #behavesAsPacker} is what packer 1.6.6 (Go 1.19's {@code text/template}) printed for the same text as a
 * builder option, with {@code user `v`} = {@code abc}, {@code user `empty`} = the empty string and no data; an error
 * is the message after packer's {@code render 'content': } or {@code invalid 'content': }.
 */
class GoTemplateControlTest {

    private static final Map<String, String> USER = Map.of("v", "abc", "empty", "");

    private static final Map<String, GoTemplateExecutor.Function> FUNCTIONS = Map.of(
            "user", GoTemplateExecutor.strings(1, a -> USER.getOrDefault(a.get(0), "")),
            "env", GoTemplateExecutor.strings(1, a -> {
                throw new IllegalStateException("env vars are not allowed here");
            }),
            "build_name", GoTemplateExecutor.strings(0, a -> "file"));

    private static String run(String text, Object data) {
        try {
            GoTemplate t = GoTemplateParser.parseTemplate("root", text, FUNCTIONS.keySet());
            return "OK|" + GoTemplateExecutor.execute(t, FUNCTIONS, data);
        } catch (GoTemplateException e) {
            return "ERR|" + e.getMessage();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " ~> ", quoteCharacter = '\'', textBlock = """
            {{if true}}yes{{else}}no{{end}} ~> OK ~> yes
            {{if false}}yes{{else}}no{{end}} ~> OK ~> no
            {{if 0}}a{{else}}b{{end}} ~> OK ~> b
            {{if ""}}a{{else}}b{{end}} ~> OK ~> b
            {{if user `empty`}}a{{else}}b{{end}} ~> OK ~> b
            {{if user `v`}}a{{else}}b{{end}} ~> OK ~> a
            {{if .Foo}}t{{else}}f{{end}} ~> OK ~> f
            {{if 1.5}}f{{end}}{{if 0.0}}z{{end}}{{if 'a'}}c{{end}} ~> OK ~> fc
            {{if eq (user `v`) "x"}}1{{else if eq (user `v`) "abc"}}2{{else}}3{{end}} ~> OK ~> 2
            {{if eq (user `v`) "x"}}1{{else if eq (user `v`) "y"}}2{{else}}3{{end}} ~> OK ~> 3
            {{if not (eq (user `v`) "abc")}}no{{else}}yes{{end}} ~> OK ~> yes
            {{if eq (user `v`) "abc" | not}}no{{else}}yes{{end}} ~> OK ~> yes
            {{ if and (eq (user `v`) "abc") (ne (user `empty`) "") }}a{{ else if or (user `empty`) (user `v`) }}b{{ end }} ~> OK ~> b
            {{if true}}{{if false}}a{{else}}{{with user `v`}}<{{.}}>{{end}}{{end}}{{end}} ~> OK ~> <abc>
            {{with user `v`}}[{{.}}]{{else}}none{{end}} ~> OK ~> [abc]
            {{with user `empty`}}[{{.}}]{{else}}none[{{.}}]{{end}} ~> OK ~> none[<no value>]
            {{with .Foo}}a{{end}}|{{with 0}}b{{else}}c{{end}} ~> OK ~> |c
            {{with $x := 1}}{{$x}}{{.}}{{end}} ~> OK ~> 11
            {{ if true -}}   a   {{- else -}} b {{- end }}| ~> OK ~> a|
            {{- if false }} a {{ else -}}   b   {{- end -}}   | ~> OK ~> b|
            {{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}} ~> OK ~> 2
            {{$x := 1}}{{if true}}{{$x := 2}}{{$x}}{{end}}{{$x}} ~> OK ~> 21
            {{if $y := user `v`}}{{$y}}{{else}}[{{$y}}]{{end}} ~> OK ~> abc
            {{eq nil 1}} {{eq .Foo 1}} {{eq nil nil}} {{eq .Foo nil}} ~> OK ~> false false true true
            {{eq 1 2 3 1}} ~> OK ~> true
            {{gt "b" "a"}} {{ge 1 1}} {{le "a" "b"}} {{ne "a" "a"}} {{ne nil 1}} ~> OK ~> true true true false true
            {{lt 1 2}} {{lt "a" "b"}} {{le 2 2}} {{gt 2.5 1.5}} ~> OK ~> true true true true
            {{1.5 | eq 1.5}} ~> OK ~> true
            {{and 1 0 2}} {{or 0 "" 3}} {{or 0 ""}} {{not 0}} {{and 1 2}} ~> OK ~> 0 3  true 2
            {{and false (env `X`)}} ~> OK ~> false
            {{or true (env `X`)}} ~> OK ~> true
            {{range .Foo}}{{break}}{{end}}x ~> OK ~> x
            {{range $i, $e := .Foo}}{{$i}}{{else}}E{{end}} ~> OK ~> E
            {{define "x"}}hi{{end}}[{{template "x"}}] ~> OK ~> [hi]
            {{define "x"}}{{.}}{{$}}{{end}}{{$y := 1}}{{template "x" 5}} ~> OK ~> 55
            {{block "z" 1}}b{{.}}{{end}} ~> OK ~> b1
            {{define "root"}}R{{end}} ~> OK ~> R
            {{define "x"}}a{{end}}{{define "x"}} {{end}}{{template "x"}} ~> OK ~> a
            {{index "abc" 1}}|{{index "abc"}}|{{slice "abcdef" 1 3}}|{{slice "abc"}}|{{slice "abc" 1}} ~> OK ~> 98|abc|bc|abc|bc
            {{if}}x{{end}} ~> ERR ~> template: root:1: missing value for if
            {{with}}{{end}} ~> ERR ~> template: root:1: missing value for with
            {{if true}}x ~> ERR ~> template: root:1: unexpected EOF
            {{if true}}x{{else}}y ~> ERR ~> template: root:1: unexpected EOF
            {{if true}}a{{else}}b{{else}}c{{end}} ~> ERR ~> template: root:1: expected end; found {{else}}
            {{if true}}a{{end}}{{end}} ~> ERR ~> template: root:1: unexpected {{end}}
            {{else}} ~> ERR ~> template: root:1: unexpected {{else}}
            {{with true}}a{{else with 1}}b{{end}} ~> ERR ~> template: root:1: unexpected <with> in else
            {{if true}}{{$z := 1}}{{end}}{{$z}} ~> ERR ~> template: root:1: undefined variable "$z"
            {{with $x := user `v`}}{{$x}}{{end}}{{$x}} ~> ERR ~> template: root:1: undefined variable "$x"
            {{$y := 1}}{{define "x"}}{{$y}}{{end}} ~> ERR ~> template: root:1: undefined variable "$y"
            {{break}} ~> ERR ~> template: root:1: {{break}} outside {{range}}
            {{define "x"}}a{{end}}{{define "x"}}b{{end}} ~> ERR ~> template: root:1: template: multiple definition of template "x"
            {{define "root"}}R{{end}}y ~> ERR ~> template: root:1: template: multiple definition of template "root"
            {{if eq 1 "a"}}x{{end}} ~> ERR ~> template: root:1:5: executing "root" at <eq 1 "a">: error calling eq: incompatible types for comparison
            line1\\n{{if true}}\\n  {{eq 1 "x"}}\\n{{end}} ~> ERR ~> template: root:3:4: executing "root" at <eq 1 "x">: error calling eq: incompatible types for comparison
            {{eq 1 1.0}} ~> ERR ~> template: root:1:2: executing "root" at <eq 1 1.0>: error calling eq: incompatible types for comparison
            {{le 1 1.0}} ~> ERR ~> template: root:1:2: executing "root" at <le 1 1.0>: error calling le: incompatible types for comparison
            {{lt true false}} ~> ERR ~> template: root:1:2: executing "root" at <lt true false>: error calling lt: invalid type for comparison
            {{lt nil 1}} ~> ERR ~> template: root:1:2: executing "root" at <lt nil 1>: error calling lt: invalid type for comparison
            {{eq 1}} ~> ERR ~> template: root:1:2: executing "root" at <eq 1>: error calling eq: missing argument for comparison
            {{eq}} ~> ERR ~> template: root:1:2: executing "root" at <eq>: wrong number of args for eq: want at least 1 got 0
            {{and}} ~> ERR ~> template: root:1:2: executing "root" at <and>: wrong number of args for and: want at least 1 got 0
            {{or}} ~> ERR ~> template: root:1:2: executing "root" at <or>: wrong number of args for or: want at least 1 got 0
            {{not 1 2}} ~> ERR ~> template: root:1:2: executing "root" at <not>: wrong number of args for not: want 1 got 2
            {{ne 1}} ~> ERR ~> template: root:1:2: executing "root" at <ne>: wrong number of args for ne: want 2 got 1
            {{and true (env `X`)}} ~> ERR ~> template: root:1:12: executing "root" at <env `X`>: error calling env: env vars are not allowed here
            {{range user `v`}}x{{end}} ~> ERR ~> template: root:1:13: executing "root" at <`v`>: range can't iterate over abc
            {{range $i, $c := 3}}{{$i}}{{end}} ~> ERR ~> template: root:1:18: executing "root" at <3>: range can't iterate over 3
            {{template "y"}} ~> ERR ~> template: root:1:11: executing "root" at <{{template "y"}}>: template "y" not defined
            {{$q = 1}} ~> ERR ~> template: root:1:7: executing "root" at <1>: undefined variable: $q
            {{call "x"}} ~> ERR ~> template: root:1:2: executing "root" at <call "x">: error calling call: non-function of type string
            {{call .Foo}} ~> ERR ~> template: root:1:2: executing "root" at <call .Foo>: error calling call: call of nil
            {{index "abc" 3}} ~> ERR ~> template: root:1:2: executing "root" at <index "abc" 3>: error calling index: reflect: string index out of range
            {{index "abc" -1}} ~> ERR ~> template: root:1:2: executing "root" at <index "abc" -1>: error calling index: index out of range: -1
            {{index .Foo 1}} ~> ERR ~> template: root:1:2: executing "root" at <index .Foo 1>: error calling index: index of untyped nil
            {{index 5 1}} ~> ERR ~> template: root:1:2: executing "root" at <index 5 1>: error calling index: can't index item of type int
            {{index "abc" 1.5}} ~> ERR ~> template: root:1:2: executing "root" at <index "abc" 1.5>: error calling index: cannot index slice/array with type float64
            {{index "abc" nil}} ~> ERR ~> template: root:1:2: executing "root" at <index "abc" nil>: error calling index: cannot index slice/array with nil
            {{slice "abc" 2 1}} ~> ERR ~> template: root:1:2: executing "root" at <slice "abc" 2 1>: error calling slice: invalid slice index: 2 > 1
            {{slice "abc" 1 2 3}} ~> ERR ~> template: root:1:2: executing "root" at <slice "abc" 1 2 3>: error calling slice: cannot 3-index slice a string
            {{slice 5}} ~> ERR ~> template: root:1:2: executing "root" at <slice 5>: error calling slice: can't slice item of type int
            {{len .Foo}} ~> ERR ~> template: root:1:2: executing "root" at <len .Foo>: error calling len: reflect: call of reflect.Value.Type on zero Value
            {{len 3}} ~> ERR ~> template: root:1:2: executing "root" at <len 3>: error calling len: len of type int
            {{len "héllo"}} {{if print}}x{{else}}y{{end}} ~> OK ~> 6 y
            {{if true}}{{template "root"}}{{end}} ~> ERR ~> template: root:1:22: executing "root" at <{{template "root"}}>: exceeded maximum template depth (100000)
            {{define "a"}}{{template "a"}}{{end}}{{template "a"}} ~> ERR ~> template: root:1:25: executing "a" at <{{template "a"}}>: exceeded maximum template depth (100000)
            """)
    void behavesAsPacker(String text, String kind, String result) {
        assertThat(run(text.replace("\\n", "\n"), null)).isEqualTo(kind + "|" + result);
    }

    @Test
    void rangeGoesOverAMapInKeyOrderWithIndexAndElementVariables() {
        Map<String, Object> data = new TreeMap<>(Map.of("b", "2", "a", "1", "c", "3"));
        assertThat(run("{{range $k, $v := .}}{{$k}}={{$v}};{{end}}", data)).isEqualTo("OK|a=1;b=2;c=3;");
        assertThat(run("{{range .}}{{.}}{{end}}", data)).isEqualTo("OK|123");
    }

    @Test
    void breakAndContinueEndTheLoopAndTheIteration() {
        Map<String, Object> data = Map.of("L", List.of("a", "b", "c", "d"));
        assertThat(run("{{range $i, $e := .L}}{{if eq $e \"b\"}}{{continue}}{{end}}{{if eq $i 3}}{{break}}{{end}}"
                + "{{$i}}{{$e}} {{end}}", data)).isEqualTo("OK|0a 2c ");
    }

    @Test
    void htmlJsAndUrlqueryEscapeAsGo() {
        assertThat(run("{{html \"<a href='x'>&\\\"b\\\"</a>\"}}|{{html .Foo}}|{{html 1 \"a\" 2}}"
                + "|{{\"<x>\" | html}}", null))
                .isEqualTo("OK|&lt;a href=&#39;x&#39;&gt;&amp;&#34;b&#34;&lt;/a&gt;|&lt;no value&gt;|1a2|&lt;x&gt;");
        assertThat(run("{{js \"a'b\\\"c\\\\d<e>f&g=h\\ti\\u0001j`k\\u2028l\"}}|{{js .Foo}}|{{js 1 2}}", null))
                .isEqualTo("OK|a\\'b\\\"c\\\\d\\u003Ce\\u003Ef\\u0026g\\u003Dh\\u0009i\\u0001j`k\\u2028l"
                        + "|\\u003Cno value\\u003E|1 2");
        assertThat(run("{{urlquery \"a b&c=d/\u00e9?~*'()\"}}|{{urlquery .Foo}}|{{urlquery \"x\" 1}}", null))
                .isEqualTo("OK|a+b%26c%3Dd%2F%C3%A9%3F~%2A%27%28%29|%3Cno+value%3E|x1");
    }

    @Test
    void indexLooksAKeyUpInAMapAndAMissingOneIsNoValue() {
        Map<String, Object> data = Map.of("ID", "i-1", "L", List.of("a", "b"));
        assertThat(run("[{{index . \"ID\"}}] [{{index . \"Nope\"}}] [{{index . 1}}] [{{index . \"L\" 1}}]"
                + " [{{index . \"ID\" 0}}]", data)).isEqualTo("OK|[i-1] [<no value>] [<no value>] [b] [105]");
    }

    @Test
    void anEmptyMapRunsTheElseBranchAndIsFalse() {
        assertThat(run("{{range .}}x{{else}}empty{{end}}|{{if .}}t{{else}}f{{end}}|{{with .}}w{{end}}", Map.of()))
                .isEqualTo("OK|empty|f|");
    }

    @Test
    void withRebindsDotToAFieldAndAStructIsAlwaysTrue() {
        GoTemplateExecutor.Struct st = new GoTemplateExecutor.Struct("*T", Map.of("Vars", "A=1", "Path", ""));
        assertThat(run("{{with .Vars}}[{{.}}]{{end}}{{with .Path}}p{{else}}no path{{end}}{{if .}} struct{{end}}", st))
                .isEqualTo("OK|[A=1]no path struct");
    }

    @Test
    void aMapIsUncomparable() {
        assertThat(run("{{eq . 1}}", new TreeMap<>(Map.of("a", "x"))))
                .isEqualTo("ERR|template: root:1:2: executing \"root\" at <eq . 1>: error calling eq: uncomparable"
                        + " type map[string]interface {}: map[a:x]");
    }

    @Test
    void theUpgradeStillRefusesControlStructuresByTheirGoType() throws GoTemplateException {
        List<GoTemplateNode> root = GoTemplateParser.parse("hcl2_upgrade",
                "{{if true}}a{{end}}{{with 1}}b{{end}}{{range .}}{{break}}{{end}}{{template \"x\"}}", Map.<String,
                        GoTemplateExecutor.Function>of().keySet());
        assertThat(root).extracting(GoTemplateNode::goType).containsExactly("*parse.IfNode", "*parse.WithNode",
                "*parse.RangeNode", "*parse.TemplateNode");
    }
}
