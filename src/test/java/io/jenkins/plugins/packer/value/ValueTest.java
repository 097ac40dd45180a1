package io.jenkins.plugins.packer.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTest {

    private static Value tuple(Value... elements) {
        return Value.tuple(List.of(elements));
    }

    @Test
    void stringsAreNormalisedToNfc() {
        assertThat(Value.string("A\u030A")).isEqualTo(Value.string("\u00C5"));
        assertThat(Value.string("A\u030A").asString()).isEqualTo("\u00C5");
    }

    @Test
    void stringsOrderByCodePointAsGoDoes() {
        // U+1F600 is a surrogate pair in UTF-16, which orders it below U+FFFD; Go orders by code point (UTF-8 bytes).
        assertThat(Value.compareCodePoints("\uD83D\uDE00", "\uFFFD")).isPositive();
        assertThat(Value.compareCodePoints("a\uFFFD", "a\uD83D\uDE00")).isNegative();
        assertThat(Value.compareCodePoints("\uD83D\uDE00", "\uD83D\uDE01")).isNegative();
        assertThat(Value.compareCodePoints("v10", "v9")).isNegative();
        assertThat(Value.compareCodePoints("v1", "v10")).isNegative();
        assertThat(Value.compareCodePoints("v10", "v1")).isPositive();
        assertThat(Value.compareCodePoints("é", "z")).isPositive();
        assertThat(Value.compareCodePoints("same", "same")).isZero();
        assertThat(Value.compareCodePoints("", "")).isZero();
    }

    @Test
    void numbersEqualRegardlessOfScale() {
        assertThat(Value.parseNumber("1.50")).isEqualTo(Value.parseNumber("1.5"));
        assertThat(Value.parseNumber("1.0").equal(Value.number(1))).isEqualTo(Value.TRUE);
    }

    @Test
    void numberParsingFollowsGoBigFloat() {
        assertThat(Value.parseNumber("007")).isEqualTo(Value.number(7));
        assertThat(Value.parseNumber(".5")).isEqualTo(Value.number(new BigDecimal("0.5")));
        assertThat(Value.parseNumber("-Inf")).isEqualTo(Value.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> Value.parseNumber("0x10")).hasMessage("a number is required");
        assertThatThrownBy(() -> Value.parseNumber("1e")).hasMessage("a number is required");
    }

    @Test
    void literalsAreRoundedTo155SignificantDigits() {
        Value n = Value.parseNumber("1." + "1".repeat(200));
        assertThat(n.asBigDecimal().precision()).isEqualTo(155);
    }

    @Test
    void differentTypesAreNeverEqual() {
        assertThat(Value.number(1).equal(Value.string("1"))).isEqualTo(Value.FALSE);
        assertThat(Value.EMPTY_OBJECT.equal(Value.EMPTY_TUPLE)).isEqualTo(Value.FALSE);
    }

    @Test
    void objectsEqualWhateverTheirConstructionOrder() {
        Value a = Value.object(Map.of("a", Value.number(1), "b", Value.number(2)));
        Value b = Value.object(Map.of("b", Value.number(2), "a", Value.number(1)));
        assertThat(a.equal(b)).isEqualTo(Value.TRUE);
    }

    @Test
    void tuplesHoldingNullCompareAsUnknown() {
        Value v = tuple(Value.DYNAMIC_NULL, Value.number(1));
        assertThat(v.equal(tuple(Value.DYNAMIC_NULL, Value.number(1)))).isEqualTo(Value.unknown(Type.BOOL));
    }

    @Test
    void nullEqualsNullOfAnyType() {
        assertThat(Value.DYNAMIC_NULL.equal(Value.nullOf(Type.STRING))).isEqualTo(Value.TRUE);
        assertThat(Value.DYNAMIC_NULL.equal(Value.number(1))).isEqualTo(Value.FALSE);
    }

    @Test
    void unknownOfAnotherTypeIsNotEqual() {
        assertThat(Value.number(1).equal(Value.unknown(Type.STRING))).isEqualTo(Value.FALSE);
        assertThat(Value.number(1).equal(Value.unknown(Type.NUMBER))).isEqualTo(Value.unknown(Type.BOOL));
    }

    @Test
    void listsDifferingInOrderAreNotEqual() {
        Value a = Value.list(List.of(Value.number(1), Value.number(2)));
        Value b = Value.list(List.of(Value.number(2), Value.number(1)));
        assertThat(a.notEqual(b)).isEqualTo(Value.TRUE);
    }

    @Test
    void setsEqualWhateverTheirConstructionOrder() {
        Value a = Value.set(List.of(Value.number(1), Value.number(2)));
        Value b = Value.set(List.of(Value.number(2), Value.number(1), Value.number(2)));
        assertThat(a.equal(b)).isEqualTo(Value.TRUE);
    }

    @Test
    void listElementsMustShareOneType() {
        assertThatThrownBy(() -> Value.list(List.of(Value.number(1), Value.string("a"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownElementOfDynamicTypeFitsAnyList() {
        Value l = Value.list(List.of(Value.DYNAMIC_UNKNOWN, Value.string("a")));
        assertThat(l.type()).isEqualTo(Type.list(Type.STRING));
        assertThat(l.isKnown()).isTrue();
        assertThat(l.isWhollyKnown()).isFalse();
    }

    @Test
    void markedElementKeepsItsMarkInAList() {
        Value l = Value.list(List.of(Value.string("a").mark(Mark.SENSITIVE)));
        assertThat(l.isMarked()).isFalse();
        assertThat(l.containsMarked()).isTrue();
        assertThat(l.deepMarks()).containsExactly(Mark.SENSITIVE);
    }

    @Test
    void markedElementMarksTheWholeSet() {
        Value s = Value.set(List.of(Value.string("a").mark(Mark.SENSITIVE), Value.string("b")));
        assertThat(s.hasMark(Mark.SENSITIVE)).isTrue();
        assertThat(s.elements()).containsExactly(Value.string("a"), Value.string("b"));
    }

    @Test
    void unmarkDeepRemovesEveryMark() {
        Value o = Value.object(Map.of("k", Value.string("v").mark(Mark.SENSITIVE))).mark(Mark.SENSITIVE);
        assertThat(o.unmarkDeep()).isEqualTo(Value.object(Map.of("k", Value.string("v"))));
        assertThat(o.unmark().containsMarked()).isTrue();
    }

    @Test
    void marksTakePartInRawEquality() {
        assertThat(Value.string("a").mark(Mark.SENSITIVE)).isNotEqualTo(Value.string("a"));
    }

    @Test
    void attributeOfMarkedObjectIsMarked() {
        Value o = Value.object(Map.of("k", Value.string("v"))).mark(Mark.SENSITIVE);
        assertThat(o.getAttr("k")).isEqualTo(Value.string("v").mark(Mark.SENSITIVE));
    }

    @Test
    void attributeOfUnknownObjectIsUnknownOfItsType() {
        Value o = Value.unknown(Type.object(Map.of("k", Type.NUMBER)));
        assertThat(o.getAttr("k")).isEqualTo(Value.unknown(Type.NUMBER));
    }

    @Test
    void listIsIndexedByWholeNumber() {
        Value l = Value.list(List.of(Value.string("a"), Value.string("b")));
        assertThat(l.index(Value.number(1))).isEqualTo(Value.string("b"));
        assertThatThrownBy(() -> l.index(Value.number(2))).isInstanceOf(ValueException.class);
        assertThat(l.hasIndex(Value.number(2))).isEqualTo(Value.FALSE);
    }

    @Test
    void mapIsIndexedByKey() {
        Value m = Value.map(Map.of("a", Value.number(1)));
        assertThat(m.index(Value.string("a"))).isEqualTo(Value.number(1));
        assertThatThrownBy(() -> m.index(Value.string("b"))).isInstanceOf(ValueException.class);
    }

    @Test
    void entriesComeInCodePointOrder() {
        Value m = Value.map(Map.of("\uFF21", Value.TRUE, "\uD83D\uDE00", Value.TRUE, "a", Value.TRUE));
        assertThat(m.entries().keySet()).containsExactly("a", "\uFF21", "\uD83D\uDE00");
    }

    @Test
    void integerCheckAndLongConversion() {
        assertThat(Value.parseNumber("3.0").isInteger()).isTrue();
        assertThat(Value.parseNumber("3.5").isInteger()).isFalse();
        assertThat(Value.parseNumber("1e3").asLong()).isEqualTo(1000L);
        assertThatThrownBy(() -> Value.parseNumber("1e30").asLong()).isInstanceOf(ValueException.class);
        assertThatThrownBy(() -> Value.number(1L << 40).asInt()).isInstanceOf(ValueException.class);
    }

    @Test
    void lengthOfUnknownIsUnknown() {
        assertThat(Value.unknown(Type.list(Type.STRING)).lengthValue()).isEqualTo(Value.unknown(Type.NUMBER));
        assertThat(Value.EMPTY_TUPLE.lengthValue()).isEqualTo(Value.ZERO);
    }

    @Test
    void doublesBecomeTheirShortestDecimal() {
        assertThat(Value.number(0.1).asBigDecimal()).isEqualTo(new BigDecimal("0.1"));
    }
}
