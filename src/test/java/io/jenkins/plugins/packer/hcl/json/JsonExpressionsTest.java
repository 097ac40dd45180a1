package io.jenkins.plugins.packer.hcl.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.EvalContext;
import io.jenkins.plugins.packer.hcl.Evaluator;
import io.jenkins.plugins.packer.hcl.TypeExpressions;
import io.jenkins.plugins.packer.hcl.Variables;
import io.jenkins.plugins.packer.hcl.ast.Expression;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON values as HCL expressions: evaluation, references, and types written as JSON strings. */
class JsonExpressionsTest {

    private static final String FILE = "t.pkr.json";
    private static final EvalContext CTX = new EvalContext(
            Map.of("var", Value.object(Map.of("name", Value.string("web"), "n", Value.number(2)))), Map.of());

    /** The value of the property {@code x} of a one-property object. */
    private static Expression expr(String json) {
        Diagnostics diags = new Diagnostics();
        JsonValue root = JsonParser.parseValue(("{\"x\": " + json + "}").getBytes(StandardCharsets.UTF_8), FILE,
                diags);
        assertThat(diags.list()).isEmpty();
        return new Expression.Json(((JsonValue.ObjectValue) root).properties().get(0).value());
    }

    private static Value eval(String json, EvalContext ctx) {
        Diagnostics diags = new Diagnostics();
        Value v = Evaluator.evaluate(expr(json), ctx, diags);
        assertThat(diags.list()).isEmpty();
        return v;
    }

    @Test
    void stringIsLiteralTextWithoutAContext() {
        assertThat(eval("\"${var.name}\"", null)).isEqualTo(Value.string("${var.name}"));
    }

    @Test
    void stringIsATemplateWithAContext() {
        assertThat(eval("\"app-${var.name}\"", CTX)).isEqualTo(Value.string("app-web"));
    }

    @Test
    void lonelyInterpolationKeepsItsType() {
        assertThat(eval("\"${var.n}\"", CTX)).isEqualTo(Value.number(2));
    }

    @Test
    void templateErrorsArePlacedAfterTheOpeningQuote() {
        Diagnostics diags = new Diagnostics();
        Value v = Evaluator.evaluate(expr("\"a ${var.nope}\""), CTX, diags);
        assertThat(v.isKnown()).isFalse();
        Diagnostic d = diags.list().get(0);
        assertThat(d.summary()).isEqualTo("Unsupported attribute");
        assertThat(d.subject()).hasToString(FILE + ":1,15-20");
    }

    @Test
    void numberKeepsFullPrecision() {
        assertThat(eval("0.1000000000000000000000000001", null).asBigDecimal())
                .isEqualByComparingTo(new BigDecimal("0.1000000000000000000000000001"));
    }

    @Test
    void arrayIsATupleAndObjectAnObject() {
        assertThat(eval("[true, null, {\"a\": 1}]", null)).isEqualTo(Value.tuple(List.of(Value.TRUE,
                Value.DYNAMIC_NULL, Value.object(Map.of("a", Value.number(1))))));
    }

    @Test
    void objectKeysAreTemplatesToo() {
        assertThat(eval("{\"${var.name}-key\": 1}", CTX)).isEqualTo(Value.object(Map.of("web-key", Value.number(1))));
    }

    @Test
    void keysThatEvaluateAlikeAreDuplicates() {
        Diagnostics diags = new Diagnostics();
        Evaluator.evaluate(expr("{\"web\": 1, \"${var.name}\": 2}"), CTX, diags);
        Diagnostic d = diags.list().get(0);
        assertThat(d.summary()).isEqualTo("Duplicate object attribute");
        assertThat(d.detail()).isEqualTo("An attribute named \"web\" was already defined at " + FILE + ":1,8-13.");
    }

    @Test
    void referencesAreFoundInStringsAndKeys() {
        List<String> refs = Variables.of(expr("{\"${local.k}\": [\"${var.a}\", 1, \"b\"]}")).stream()
                .map(Variables::traversalString).toList();
        assertThat(refs).containsExactly("local.k", "var.a");
    }

    @Test
    void typeIsReadFromAJsonString() {
        Diagnostics diags = new Diagnostics();
        Type t = TypeExpressions.parse(expr("\"map(list(string))\""), true, diags);
        assertThat(diags.list()).isEmpty();
        assertThat(t).isEqualTo(Type.map(Type.list(Type.STRING)));
    }

    @Test
    void badTypeKeywordPointsAtTheWholeJsonString() {
        Diagnostics diags = new Diagnostics();
        TypeExpressions.parse(expr("\"strin\""), true, diags);
        assertThat(diags.list()).extracting(Diagnostic::detail)
                .containsExactly("The keyword \"strin\" is not a valid type specification.");
        assertThat(diags.list().get(0).subject()).hasToString(FILE + ":1,7-14");
    }

    @Test
    void typeThatIsNoJsonStringIsNoTypeSpecification() {
        Diagnostics diags = new Diagnostics();
        TypeExpressions.parse(expr("[\"string\"]"), true, diags);
        assertThat(diags.list()).extracting(Diagnostic::detail).containsExactly("A type specification is either a"
                + " primitive type keyword (bool, number, string) or a complex type constructor call, like"
                + " list(string).");
    }

    @Test
    void typeArgumentPositionsStartAtTheOpeningQuote() {
        // HCL parses the string from the position of its quote, so inner ranges sit one column to the left.
        Diagnostics diags = new Diagnostics();
        TypeExpressions.parse(expr("\"list(strin)\""), true, diags);
        assertThat(diags.list().get(0).subject()).hasToString(FILE + ":1,12-17");
    }
}
