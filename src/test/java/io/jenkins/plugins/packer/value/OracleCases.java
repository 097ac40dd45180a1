package io.jenkins.plugins.packer.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Checks of a flat corpus expression against what packer console v1.6.6 printed for it. */
final class OracleCases {

    private OracleCases() {
    }

    static void assertPrintsLikePacker(String id) {
        Value result = FlatExpression.evaluate(Corpus.expression(id));
        assertThat(ConsoleFormat.format(result)).as("%s: %s", id, Corpus.expression(id)).isEqualTo(Corpus.output(id));
    }

    static void assertFailsLikePacker(String id) {
        ValueException e = catchThrowableOfType(ValueException.class, () -> FlatExpression.evaluate(Corpus.expression(id)));
        assertThat(e).as("%s: %s should fail", id, Corpus.expression(id)).isNotNull();
        String expected = Corpus.errorText(id);
        if (e instanceof OperandException oe) {
            assertThat(oe.problems()).isNotEmpty();
            for (OperandException.Problem p : oe.problems()) {
                assertThat(expected).contains("Error: " + OperandException.SUMMARY).contains(p.detail());
            }
            assertThat(expected.split("Error: ", -1)).hasSize(oe.problems().size() + 1);
        } else if (e instanceof OperationException oe) {
            assertThat(expected).contains("Error: " + OperationException.SUMMARY).contains(oe.detail());
        } else {
            assertThat(expected).contains(e.getMessage());
        }
    }
}
