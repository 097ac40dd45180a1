package io.jenkins.plugins.packer.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperatorTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "op-arith-01", "op-arith-03", "op-arith-04", "op-arith-05", "op-arith-06", "op-arith-07",
        "op-arith-08", "op-arith-09", "op-arith-10", "op-arith-12", "op-arith-13", "op-arith-14",
        "op-logic-01", "op-logic-02", "op-logic-03", "op-logic-04", "op-logic-08", "op-logic-09",
        "op-compare-01", "op-compare-02", "op-compare-04", "op-compare-05", "op-compare-06", "op-compare-07",
        "op-compare-08", "op-compare-09", "op-compare-11", "op-compare-12", "op-compare-13", "op-compare-14",
        "op-types-01", "op-types-04", "conversion-01", "conversion-02", "null-01"})
    void resultsPrintLikePacker(String id) {
        OracleCases.assertPrintsLikePacker(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "op-logic-06", "op-logic-07", "op-compare-03", "op-compare-10", "op-types-02", "op-types-03",
        "op-types-05", "conversion-03", "null-09"})
    void failuresReadLikePacker(String id) {
        OracleCases.assertFailsLikePacker(id);
    }

    @Test
    void bothUnsuitableOperandsAreReportedLeftFirst() {
        assertThatThrownBy(() -> Operator.LESS_THAN.apply(Value.string("a"), Value.TRUE))
                .isInstanceOfSatisfying(OperandException.class, e -> assertThat(e.problems()).containsExactly(
                        new OperandException.Problem(OperandException.Side.LEFT, "a number is required"),
                        new OperandException.Problem(OperandException.Side.RIGHT, "number required")));
    }

    @Test
    void moduloTakesTheSignOfTheDividend() {
        assertThat(Operator.MODULO.apply(Value.number(-7), Value.number(3))).isEqualTo(Value.number(-1));
        assertThat(Operator.MODULO.apply(Value.number(7), Value.number(-3))).isEqualTo(Value.number(1));
    }

    /** Difference 55: modulo of numbers past 1e±2000 is refused at once instead of computed for hours. */
    @Test
    void moduloOfNumbersFarOutIsRefusedAtOnce() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> Operator.MODULO.apply(Value.parseNumber("1e-0700002"), Value.number(1)))
                .isInstanceOf(OperationException.class)
                .hasMessage("can't use modulo with a number beyond 1e2000 or below 1e-2000");
        assertThatThrownBy(() -> Operator.MODULO.apply(Value.number(3), Value.parseNumber("1e70000")))
                .isInstanceOf(OperationException.class);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(5));
        assertThat(Operator.MODULO.apply(Value.parseNumber("1e-30"), Value.number(1)))
                .isEqualTo(Value.parseNumber("1e-30"));
    }

    @Test
    void moduloByZeroGivesTheDividend() {
        assertThat(Operator.MODULO.apply(Value.number(5), Value.ZERO)).isEqualTo(Value.number(5));
    }

    @Test
    void divisionByZeroGivesASignedInfinity() {
        assertThat(Operator.DIVIDE.apply(Value.number(-2), Value.ZERO)).isEqualTo(Value.NEGATIVE_INFINITY);
    }

    @Test
    void opposingInfinitiesCannotBeAdded() {
        assertThatThrownBy(() -> Operator.ADD.apply(Value.POSITIVE_INFINITY, Value.NEGATIVE_INFINITY))
                .isInstanceOf(OperationException.class).hasMessage("can't compute sum of opposing infinities");
    }

    @Test
    void infinityTimesZeroFails() {
        assertThatThrownBy(() -> Operator.MULTIPLY.apply(Value.POSITIVE_INFINITY, Value.ZERO))
                .isInstanceOf(OperationException.class).hasMessage("can't multiply zero by infinity");
    }

    @Test
    void divisionKeepsOneHundredFiftyFiveSignificantDigits() {
        Value third = Operator.DIVIDE.apply(Value.number(1), Value.number(3));
        assertThat(third.asBigDecimal().precision()).isEqualTo(155);
    }

    @Test
    void unknownOperandGivesUnknownResultOfTheOperatorType() {
        Value sum = Operator.ADD.apply(Value.unknown(Type.NUMBER), Value.number(1));
        assertThat(sum).isEqualTo(Value.unknown(Type.NUMBER));
    }

    @Test
    void unknownDynamicOperandGivesUnknownBoolForComparison() {
        assertThat(Operator.GREATER_THAN.apply(Value.DYNAMIC_UNKNOWN, Value.number(1))).isEqualTo(Value.unknown(Type.BOOL));
    }

    @Test
    void sensitiveOperandMarksTheResult() {
        Value secret = Value.number(2).mark(Mark.SENSITIVE);
        assertThat(Operator.MULTIPLY.apply(secret, Value.number(3)))
                .isEqualTo(Value.number(6).mark(Mark.SENSITIVE));
    }

    @Test
    void sensitiveOperandMarksAnEqualityResult() {
        Value secret = Value.string("x").mark(Mark.SENSITIVE);
        assertThat(Operator.EQUAL.apply(secret, Value.string("x"))).isEqualTo(Value.TRUE.mark(Mark.SENSITIVE));
    }

    @Test
    void negationOfNullFails() {
        assertThatThrownBy(() -> Operator.NEGATE.apply(Value.nullOf(Type.NUMBER)))
                .isInstanceOf(OperationException.class).hasMessage("argument must not be null");
    }

    @Test
    void unaryOperatorRefusesTwoOperands() {
        assertThatThrownBy(() -> Operator.NOT.apply(Value.TRUE, Value.TRUE)).isInstanceOf(IllegalStateException.class);
    }
}
