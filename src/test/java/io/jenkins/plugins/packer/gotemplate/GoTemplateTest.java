package io.jenkins.plugins.packer.gotemplate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Go template parser and executor against Go's own {@code text/template}: each row is what Go 1.26 printed for
 * the same text and functions ({@code user}, {@code split}, {@code lower} and a variadic {@code isotime}), its
 * output or its parse or execution error.
 */
class GoTemplateTest {

    private static final Map<String, GoTemplateExecutor.Function> FUNCTIONS = Map.of(
            "user", GoTemplateExecutor.strings(1, a -> "${var." + a.get(0) + "}"),
            "split", new GoTemplateExecutor.Function() {
                @Override
                public List<GoTemplateExecutor.Kind> parameters() {
                    return List.of(GoTemplateExecutor.Kind.STRING, GoTemplateExecutor.Kind.STRING,
                            GoTemplateExecutor.Kind.INT);
                }

                @Override
                public Object call(List<Object> args) {
                    return "{{ split `" + args.get(0) + "` `" + args.get(1) + "` " + args.get(2) + " }}";
                }
            },
            "lower", GoTemplateExecutor.strings(1, a -> "{{ lower `" + a.get(0) + "` }}"),
            "isotime", GoTemplateExecutor.variadicStrings(a -> "${timestamp()}"));

    private static String run(String text) {
        try {
            List<GoTemplateNode> root = GoTemplateParser.parse("hcl2_upgrade", text, FUNCTIONS.keySet());
            return "OK|" + GoTemplateExecutor.execute("hcl2_upgrade", text, root, FUNCTIONS);
        } catch (GoTemplateException e) {
            return "ERR|" + e.getMessage();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " ~> ", quoteCharacter = '\'', textBlock = """
            x\\n{{ foo }} ~> ERR ~> template: hcl2_upgrade:2: function "foo" not defined
            {{ user }} ~> ERR ~> template: hcl2_upgrade:1:3: executing "hcl2_upgrade" at <user>: wrong number of args for user: want 1 got 0
            {{ split `a` `b` `c` }} ~> ERR ~> template: hcl2_upgrade:1:17: executing "hcl2_upgrade" at <`c`>: expected integer; found `c`
            {{ user 1 }} ~> ERR ~> template: hcl2_upgrade:1:8: executing "hcl2_upgrade" at <1>: expected string; found 1
            {{ .A | lower }} ~> ERR ~> template: hcl2_upgrade:1:8: executing "hcl2_upgrade" at <lower>: invalid value; expected string
            {{ user `a` | lower }} ~> OK ~> {{ lower `${var.a}` }}
            {{ end }} ~> ERR ~> template: hcl2_upgrade:1: unexpected {{end}}
            {{ user `a` ~> ERR ~> template: hcl2_upgrade:1: unclosed action
            {{ (user `a`).B }} ~> ERR ~> template: hcl2_upgrade:1:9: executing "hcl2_upgrade" at <`a`>: can't evaluate field B in type string
            {{ "abc" | lower }} ~> OK ~> {{ lower `abc` }}
            {{ 3 | lower }} ~> ERR ~> template: hcl2_upgrade:1:7: executing "hcl2_upgrade" at <lower>: wrong type for value; expected string; got int
            {{- user `a` -}}  x ~> OK ~> ${var.a}x
            {{/* c */}}y ~> OK ~> y
            {{ $x := user `a` }}{{ $x }} ~> OK ~> ${var.a}
            {{ $y }} ~> ERR ~> template: hcl2_upgrade:1: undefined variable "$y"
            {{ print 1 2 "a" 3 }} ~> OK ~> 1 2a3
            {{ .Foo.Bar }} ~> OK ~> <no value>
            {{ isotime | lower }} ~> OK ~> {{ lower `${timestamp()}` }}
            {{ user `aaaaaaaaaaaaaaaaaaaaaaaaaaa` | split `x` }} ~> ERR ~> template: hcl2_upgrade:1:40: executing "hcl2_upgrade" at <split>: wrong number of args for split: want 3 got 2
            {{ 1.5 }} {{ 0x10 }} {{ 'a' }} {{ 1e3 }} ~> OK ~> 1.5 16 97 1000
            {{ user `a` `b` }} ~> ERR ~> template: hcl2_upgrade:1:3: executing "hcl2_upgrade" at <user>: wrong number of args for user: want 1 got 2
            a = "{{ user \\"x\\" }}" ~> ERR ~> template: hcl2_upgrade:1: unexpected "\\\\" in operand
            """)
    void behavesAsGoTextTemplate(String text, String kind, String result) {
        assertThat(run(text.replace("\\n", "\n")))
                .isEqualTo(kind + "|" + result);
    }
}
