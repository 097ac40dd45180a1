package io.jenkins.plugins.packer.hcl;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.function.Function;
import io.jenkins.plugins.packer.hcl.ast.Expression;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Function lookups from scopes that hold only variables, such as a for expression's iteration scope. */
class FunctionCallScopeTest {

    @Test
    void unknownFunctionInsideForExpressionIsADiagnostic() {
        Diagnostics diags = new Diagnostics();
        Expression e = Parser.parseExpression("[for s in [\"a\"] : nosuchfn(s)]".getBytes(StandardCharsets.UTF_8),
                "<console-input>", diags);
        Evaluator.evaluate(e, new EvalContext(Map.of(), Map.<String, Function>of()), diags);

        assertThat(diags.list()).singleElement().satisfies(d -> {
            assertThat(d.summary()).isEqualTo("Call to unknown function");
            assertThat(d.detail()).isEqualTo("There is no function named \"nosuchfn\".");
        });
    }
}
