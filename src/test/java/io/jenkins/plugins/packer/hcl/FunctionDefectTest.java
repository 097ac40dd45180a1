package io.jenkins.plugins.packer.hcl;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.function.Function;
import io.jenkins.plugins.packer.function.Parameter;
import io.jenkins.plugins.packer.hcl.ast.Expression;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A function that fails in a way it does not foresee (a defect, such as an I/O exception it does not catch) is an
 * error at its call, with the call's position, saying that it is an internal one: not a crash of the whole command.
 */
class FunctionDefectTest {

    private static final class Broken extends Function {
        Broken() {
            super("broken", List.of(Parameter.of("path", Type.STRING)), null);
        }

        @Override
        protected Value impl(List<Value> args, Type returnType) {
            throw new DirectoryIteratorException(new java.io.IOException("Input/output error"));
        }
    }

    @Test
    void aFunctionThatThrowsUnexpectedlyIsAnErrorAtItsCall() {
        String source = "upper(broken(\"d\"))";
        Diagnostics diags = new Diagnostics();
        Expression expr = Parser.parseExpression(source.getBytes(StandardCharsets.UTF_8), "t.pkr.hcl", diags);

        Value v = Evaluator.evaluate(expr, new EvalContext(Map.of(), Map.of("broken", new Broken(),
                "upper", io.jenkins.plugins.packer.function.Functions.packer(
                        new io.jenkins.plugins.packer.function.FunctionContext(java.nio.file.Path.of("."), null,
                                Map.of(), java.time.Clock.systemUTC())).get("upper"))), diags);

        assertThat(v.isKnown()).isFalse();
        assertThat(diags.size()).isEqualTo(1);
        Diagnostic d = diags.iterator().next();
        assertThat(d.summary()).isEqualTo("Error in function call");
        assertThat(d.detail()).isEqualTo("Call to function \"broken\" failed: internal error in pkrj, please report it:"
                + " java.nio.file.DirectoryIteratorException: java.io.IOException: Input/output error.");
        assertThat(d.subject().start().column()).isEqualTo(7);
    }
}
