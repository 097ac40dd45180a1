package io.jenkins.plugins.packer.hcl;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.function.FunctionContext;
import io.jenkins.plugins.packer.function.Functions;
import io.jenkins.plugins.packer.hcl.ast.Expression;
import io.jenkins.plugins.packer.value.EvaluationCancelled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Expressions that would run for minutes (or until memory runs out) stop soon after their thread is interrupted,
 * as Ctrl-C and a Jenkins abort do, with {@link EvaluationCancelled} rather than a value or a stack trace.
 */
class EvaluationCancellationTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        "length([for a in range(1024): [for b in range(1024): [for c in range(1024): c]]])",
        "length({for a in range(1024): a => {for b in range(1024): b => [for c in range(1024): c]}})",
        "length(\"%{for a in range(1024)}%{for b in range(1024)}%{for c in range(1024)}x%{endfor}%{endfor}%{endfor}\")",
        "length([for a in range(1024): [for b in range(1024): range(1024)]][*][*][0])",
        "length(setproduct(range(1024), range(1024), range(9)))",
        "length(flatten([for a in range(1024): [for b in range(1024): range(1024)]]))",
        "length(join(\",\", [for a in range(1024): join(\",\", [for b in range(1024): join(\",\", range(1024))])]))",
        "length(formatlist(\"%d\", [for a in range(1024): [for b in range(1024): range(1024)]]...))",
        "length(jsondecode(format(\"[%s0]\", replace(format(\"%03000000d\", 0), \"0\", \"[[[0]]],\"))))",
        "length(yamldecode(format(\"[%s0]\", replace(format(\"%03000000d\", 0), \"0\", \"[[[0]]],\"))))",
        "length(regexall(\"(.*a){8}b\", format(\"%0900000d\", 0)))",
    })
    void aRunawayExpressionStopsSoonAfterItsThreadIsInterrupted(String source) throws Exception {
        Diagnostics parseDiags = new Diagnostics();
        Expression expr = Parser.parseExpression(source.getBytes(StandardCharsets.UTF_8), "t.pkr.hcl", parseDiags);
        assertThat(parseDiags.hasErrors()).as(parseDiags.toString()).isFalse();
        EvalContext ctx = new EvalContext(Map.of(),
                Functions.packer(new FunctionContext(dir, null, Map.of(), Clock.systemUTC())));
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                outcome.set(Evaluator.evaluate(expr, ctx, new Diagnostics()));
            } catch (EvaluationCancelled e) {
                outcome.set(e);
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "runaway evaluation");
        t.setDaemon(true);
        t.start();
        Thread.sleep(200);
        long interrupted = System.nanoTime();
        t.interrupt();
        t.join(5_000);
        long tookMillis = (System.nanoTime() - interrupted) / 1_000_000;

        assertThat(t.isAlive()).as("still evaluating 5 s after the interrupt").isFalse();
        assertThat(outcome.get()).as("ended %d ms after the interrupt", tookMillis)
                .isInstanceOf(EvaluationCancelled.class);
    }
}
