package io.jenkins.plugins.packer.function;

import static io.jenkins.plugins.packer.function.CoreFixtures.call;
import static io.jenkins.plugins.packer.function.CoreFixtures.failure;
import static io.jenkins.plugins.packer.function.CoreFixtures.num;
import static io.jenkins.plugins.packer.function.CoreFixtures.str;
import static io.jenkins.plugins.packer.function.CoreFixtures.tuple;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.value.ConsoleFormat;
import io.jenkins.plugins.packer.value.Mark;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Numeric functions beyond the corpus: Packer 1.16's sum, and where we report what packer 1.6.6 panics on. */
class NumericFunctionsTest {

    @Test
    void sumAddsListsSetsAndTuplesOfNumbers() throws FunctionException {
        assertThat(call("sum", Value.list(List.of(num("1"), num("2.5"))))).isEqualTo(num("3.5"));
        assertThat(call("sum", tuple(num("1"), str("2")))).isEqualTo(num("3"));
        assertThat(call("sum", Value.set(List.of(num("4"), num("5"))))).isEqualTo(num("9"));
    }

    @Test
    void sumRejectsWhatItCannotAdd() {
        assertThat(failure("sum", Value.emptyList(Type.NUMBER)).getMessage()).isEqualTo("cannot sum an empty list");
        assertThat(failure("sum", str("x")).getMessage()).isEqualTo("cannot sum noniterable");
        assertThat(failure("sum", Value.map(Map.of("a", num("1")))).getMessage())
                .isEqualTo("argument must be list, set, or tuple. Received map of number");
        assertThat(failure("sum", tuple(num("1"), str("x"))).getMessage())
                .isEqualTo("argument must be list, set, or tuple of number values");
        assertThat(failure("sum", tuple(Value.POSITIVE_INFINITY, Value.NEGATIVE_INFINITY)).getMessage())
                .isEqualTo("can't compute sum of opposing infinities");
    }

    @Test
    void logOfANegativeNumberIsAnErrorWherePackerPanics() {
        FunctionException e = failure("log", num("-1"), num("10"));
        assertThat(e.isArgError()).isFalse();
        assertThat(e.getMessage()).isEqualTo("the result is not a number (NaN)");
    }

    @Test
    void ceilAndFloorWorkOnTheExactNumber() throws FunctionException {
        assertThat(ConsoleFormat.format(call("ceil", num("1e30")))).isEqualTo("1e+30");
        assertThat(call("floor", num("-123456789012345678901.5"))).isEqualTo(num("-123456789012345678902"));
        assertThat(call("ceil", Value.NEGATIVE_INFINITY)).isEqualTo(Value.NEGATIVE_INFINITY);
    }

    @Test
    void parseintReadsBasesUpTo62() throws FunctionException {
        assertThat(call("parseint", str("Zz"), num("62"))).isEqualTo(num(Long.toString(61 * 62 + 35)));
        assertThat(call("parseint", str("+7"), num("8"))).isEqualTo(num("7"));
        assertThat(failure("parseint", str("٣"), num("10")).getMessage())
                .isEqualTo("cannot parse \"٣\" as a base 10 integer");
    }

    @Test
    void absKeepsMarksAndOthersCarryThem() throws FunctionException {
        Value secret = num("-3").mark(Mark.SENSITIVE);
        assertThat(call("abs", secret)).isEqualTo(num("3").mark(Mark.SENSITIVE));
        assertThat(call("max", secret, num("1")).hasMark(Mark.SENSITIVE)).isTrue();
    }
}
