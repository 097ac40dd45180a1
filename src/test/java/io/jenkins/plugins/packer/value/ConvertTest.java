package io.jenkins.plugins.packer.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConvertTest {

    private static final Value ONE_AND_A = Value.tuple(List.of(Value.number(1), Value.string("a")));

    private static void assertPrintsLike(Value v, String id) {
        assertThat(ConsoleFormat.format(v)).isEqualTo(Corpus.output(id));
    }

    private static void assertFailsLike(Value v, Type t, String id) {
        assertThatThrownBy(() -> Convert.convert(v, t)).isInstanceOfSatisfying(ConversionException.class,
                e -> assertThat(Corpus.errorText(id)).contains("parameter: " + e.getMessage() + "."));
    }

    @Test
    void tupleConvertsToListOfString() {
        assertPrintsLike(Convert.convert(ONE_AND_A, Type.list(Type.STRING)), "conversion-05");
    }

    @Test
    void tupleElementThatIsNotANumberFailsListOfNumber() {
        assertFailsLike(ONE_AND_A, Type.list(Type.NUMBER), "conversion-06");
    }

    @Test
    void emptyObjectConvertsToEmptyMap() {
        assertPrintsLike(Convert.convert(Value.EMPTY_OBJECT, Type.map(Type.NUMBER)), "conversion-07");
    }

    @Test
    void wholeNumberConvertsToStringWithoutPoint() {
        assertPrintsLike(Convert.convert(Value.parseNumber("5.0"), Type.STRING), "conversion-09");
        assertPrintsLike(Convert.convert(Value.parseNumber("1e3"), Type.STRING), "conversion-10");
    }

    @Test
    void fractionConvertsToItsShortDecimal() {
        assertPrintsLike(Convert.convert(Value.parseNumber("0.1"), Type.STRING), "conversion-24");
    }

    @Test
    void boolDoesNotConvertToNumber() {
        assertFailsLike(Value.TRUE, Type.NUMBER, "conversion-11");
    }

    @Test
    void tupleConvertsToSet() {
        assertPrintsLike(Convert.convert(Value.tuple(List.of(Value.string("a"))), Type.set(Type.STRING)), "conversion-12");
    }

    @Test
    void emptyTupleConvertsToEmptyTupleType() {
        assertPrintsLike(Convert.convert(Value.EMPTY_TUPLE, Type.tuple(List.of())), "conversion-13");
    }

    @Test
    void objectAttributeConvertsToWantedType() {
        Value obj = Value.object(Map.of("a", Value.number(1)));
        assertPrintsLike(Convert.convert(obj, Type.object(Map.of("a", Type.STRING))), "conversion-14");
    }

    @Test
    void onlyTrueAndFalseStringsConvertToBool() {
        assertFailsLike(Value.string("yes"), Type.BOOL, "conversion-15");
    }

    @Test
    void capitalisedBoolStringIsToldToUseLowercase() {
        assertThatThrownBy(() -> Convert.convert(Value.string("TRUE"), Type.BOOL))
                .hasMessage("a bool is required; to convert from string, use lowercase \"true\"");
    }

    @Test
    void mapConvertsToObjectDroppingOtherKeys() {
        Value labels = Value.map(Map.of("env", Value.string("dev"), "team", Value.string("core")));
        assertPrintsLike(Convert.convert(labels, Type.object(Map.of("env", Type.STRING))), "conversion-17");
    }

    @Test
    void mapWithoutARequiredAttributeFailsToConvertToObject() {
        Value labels = Value.map(Map.of("env", Value.string("dev")));
        assertThatThrownBy(() -> Convert.convert(labels, Type.object(Map.of("team", Type.STRING))))
                .hasMessage("map has no element for required attribute \"team\"");
    }

    @Test
    void tupleConvertsElementwiseToTuple() {
        Value v = Value.tuple(List.of(Value.number(1), Value.number(2)));
        assertPrintsLike(Convert.convert(v, Type.tuple(List.of(Type.NUMBER, Type.STRING))), "conversion-18");
    }

    @Test
    void nullElementStaysNullInConvertedList() {
        Value mixed = Value.tuple(List.of(Value.number(1), Value.string("two"), Value.TRUE, Value.DYNAMIC_NULL));
        assertPrintsLike(Convert.convert(mixed, Type.list(Type.STRING)), "conversion-19");
    }

    @Test
    void stringWithTrailingZeroConvertsToNumber() {
        assertPrintsLike(Convert.convert(Value.string("0.10"), Type.NUMBER), "conversion-20");
    }

    @Test
    void stringWithSpaceIsNotANumber() {
        assertThatThrownBy(() -> Convert.convert(Value.string(" 1"), Type.NUMBER)).hasMessage("a number is required");
    }

    @Test
    void stringWithExponentIsANumber() {
        assertThat(Convert.convert(Value.string("1e3"), Type.NUMBER)).isEqualTo(Value.number(1000));
    }

    @Test
    void nullConvertsToNullOfTheWantedType() {
        assertThat(Convert.convert(Value.DYNAMIC_NULL, Type.list(Type.STRING))).isEqualTo(Value.nullOf(Type.list(Type.STRING)));
    }

    @Test
    void unknownConvertsToUnknownOfTheWantedType() {
        assertThat(Convert.convert(Value.unknown(Type.STRING), Type.NUMBER)).isEqualTo(Value.unknown(Type.NUMBER));
    }

    @Test
    void dynamicTargetKeepsTheValue() {
        assertThat(Convert.convert(ONE_AND_A, Type.DYNAMIC)).isSameAs(ONE_AND_A);
    }

    @Test
    void marksSurviveConversion() {
        Value secret = Value.number(5).mark(Mark.SENSITIVE);
        assertThat(Convert.convert(secret, Type.STRING)).isEqualTo(Value.string("5").mark(Mark.SENSITIVE));
    }

    @Test
    void setConvertsToListInSetOrder() {
        Value set = Value.set(List.of(Value.string("b"), Value.string("a")));
        assertThat(Convert.convert(set, Type.list(Type.STRING)).elements()).containsExactly(Value.string("a"), Value.string("b"));
    }

    @Test
    void listConvertsToSetOnlyUnsafely() {
        assertThat(Convert.canConvert(Type.list(Type.STRING), Type.set(Type.STRING))).isTrue();
        assertThat(Convert.canConvertSafely(Type.list(Type.STRING), Type.set(Type.STRING))).isFalse();
    }

    @Test
    void tuplesOfDifferentLengthsDoNotConvert() {
        assertThat(Convert.canConvert(Type.tuple(List.of(Type.STRING)), Type.tuple(List.of()))).isFalse();
    }

    @Test
    void missingAttributeIsNamed() {
        Value obj = Value.object(Map.of("a", Value.number(1)));
        assertThatThrownBy(() -> Convert.convert(obj, Type.object(Map.of("a", Type.NUMBER, "x", Type.STRING))))
                .hasMessage("attribute \"x\" is required");
    }

    @Test
    void threeMissingAttributesAreListed() {
        assertThatThrownBy(() -> Convert.convert(Value.EMPTY_OBJECT,
                Type.object(Map.of("c", Type.STRING, "a", Type.STRING, "b", Type.STRING))))
                .hasMessage("attributes \"a\", \"b\", and \"c\" are required");
    }

    @Test
    void optionalAttributeMayBeMissing() {
        ObjectType want = new ObjectType(Map.of("a", Type.NUMBER, "b", Type.STRING), Set.of("b"));
        Value converted = Convert.convert(Value.object(Map.of("a", Value.number(1))), want);
        assertThat(converted.getAttr("b")).isEqualTo(Value.nullOf(Type.STRING));
    }

    @Test
    void primitiveMismatchNamesTheWantedType() {
        assertThatThrownBy(() -> Convert.convert(Value.string("x"), Type.list(Type.STRING)))
                .hasMessage("list of string required");
    }

    @Test
    void collectionMismatchNamesTheElementType() {
        assertThat(Convert.mismatchMessage(Type.list(Type.BOOL), Type.list(Type.list(Type.STRING))))
                .isEqualTo("incorrect list element type: list of string required");
    }

    @Test
    void mixedTupleToDynamicListSaysElementsMustMatch() {
        Value v = Value.tuple(List.of(Value.EMPTY_TUPLE, Value.number(1)));
        assertThatThrownBy(() -> Convert.convert(v, Type.list(Type.DYNAMIC)))
                .hasMessage("all list elements must have the same type");
    }
}
