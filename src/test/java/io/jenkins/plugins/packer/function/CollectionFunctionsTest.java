package io.jenkins.plugins.packer.function;

import static io.jenkins.plugins.packer.function.CoreFixtures.call;
import static io.jenkins.plugins.packer.function.CoreFixtures.failure;
import static io.jenkins.plugins.packer.function.CoreFixtures.num;
import static io.jenkins.plugins.packer.function.CoreFixtures.str;
import static io.jenkins.plugins.packer.function.CoreFixtures.strings;
import static io.jenkins.plugins.packer.function.CoreFixtures.tuple;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.value.ConsoleFormat;
import io.jenkins.plugins.packer.value.Mark;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Collection functions beyond the corpus: Packer 1.16's alltrue/anytrue/index, unknowns, marks, sets. */
class CollectionFunctionsTest {

    private static Value bools(Value... b) {
        return Value.list(List.of(b));
    }

    @Test
    void alltrueAndAnytrue() throws FunctionException {
        assertThat(call("alltrue", bools(Value.TRUE, Value.TRUE))).isEqualTo(Value.TRUE);
        assertThat(call("alltrue", Value.emptyList(Type.BOOL))).isEqualTo(Value.TRUE);
        assertThat(call("alltrue", bools(Value.TRUE, Value.nullOf(Type.BOOL)))).isEqualTo(Value.FALSE);
        assertThat(call("alltrue", bools(Value.unknown(Type.BOOL), Value.FALSE)).isKnown()).isFalse();
        assertThat(call("anytrue", bools(Value.unknown(Type.BOOL), Value.TRUE))).isEqualTo(Value.TRUE);
        assertThat(call("anytrue", bools(Value.unknown(Type.BOOL), Value.FALSE)).isKnown()).isFalse();
        assertThat(call("anytrue", Value.emptyList(Type.BOOL))).isEqualTo(Value.FALSE);
    }

    @Test
    void indexFindsTheFirstPositionOfAValue() throws FunctionException {
        assertThat(call("index", strings("a", "b", "b"), str("b"))).isEqualTo(num("1"));
        assertThat(failure("index", strings("a"), str("z")).getMessage()).isEqualTo("item not found");
    }

    @Test
    void elementWithANegativeRemainderIsAnErrorWherePackerPanics() {
        assertThat(failure("element", strings("a", "b", "c"), num("-2")).getMessage())
                .isEqualTo("cannot use element function with a negative index");
    }

    @Test
    void lengthCountsGraphemesOfStringsAndIsUnknownForUnknowns() throws FunctionException {
        assertThat(call("length", str("e\u0301x"))).isEqualTo(num("2"));
        assertThat(call("length", Value.unknown(Type.list(Type.STRING))).isKnown()).isFalse();
        assertThat(call("length", Value.DYNAMIC_UNKNOWN).isKnown()).isFalse();
        assertThat(call("length", tuple(num("1"), str("a")))).isEqualTo(num("2"));
    }

    @Test
    void setOperationsUnifyElementTypes() throws FunctionException {
        Value union = call("setunion", Value.set(List.of(num("1"))), Value.set(List.of(str("x"))));
        assertThat(union.type()).isEqualTo(Type.set(Type.STRING));
        Value product = call("setproduct", Value.set(List.of(str("a"))), strings("x", "y"));
        assertThat(product.type()).isEqualTo(Type.set(Type.tuple(List.of(Type.STRING, Type.STRING))));
        assertThat(product.length()).isEqualTo(2);
    }

    @Test
    void mergeOfMapsOfOneTypeStaysAMap() throws FunctionException {
        Value a = Value.map(Map.of("a", num("1")));
        Value b = Value.map(Map.of("b", num("2")));
        assertThat(call("merge", a, b).type()).isEqualTo(Type.map(Type.NUMBER));
        assertThat(call("merge", Value.nullOf(Type.map(Type.NUMBER))).isNull()).isTrue();
    }

    @Test
    void lookupOnAnObjectFallsBackToTheDefault() throws FunctionException {
        Value obj = Value.object(Map.of("a", num("1")));
        assertThat(call("lookup", obj, str("a"), str("d"))).isEqualTo(num("1"));
        assertThat(call("lookup", obj, str("b"), str("d"))).isEqualTo(str("d"));
        FunctionException e = failure("lookup", Value.map(Map.of("a", num("1"))), str("b"), tuple());
        assertThat(e.argIndex()).isEqualTo(2);
        assertThat(e.getMessage()).isEqualTo("the default value must have the same type as the map elements");
    }

    @Test
    void sensitiveElementsKeepTheWholeResultSensitive() throws FunctionException {
        Value list = Value.list(List.of(str("a"), str("b").mark(Mark.SENSITIVE)));
        assertThat(ConsoleFormat.format(call("reverse", list))).isEqualTo("<sensitive>");
        assertThat(call("length", list).hasMark(Mark.SENSITIVE)).isTrue();
    }

    @Test
    void sliceOfATupleKeepsElementTypes() throws FunctionException {
        Value t = tuple(str("a"), num("1"), Value.TRUE);
        assertThat(call("slice", t, num("1"), num("3"))).isEqualTo(tuple(num("1"), Value.TRUE));
        assertThat(failure("slice", Value.set(List.of(str("a"))), num("0"), num("1")).getMessage())
                .startsWith("cannot slice a set");
    }
}
