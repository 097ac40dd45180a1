package io.jenkins.plugins.packer.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SetOrderTest {

    @Test
    void stringsAreSortedAndDeduplicated() {
        Value letters = Value.set(List.of(Value.string("b"), Value.string("a"), Value.string("b"), Value.string("c")));
        assertThat(ConsoleFormat.format(letters)).isEqualTo(Corpus.output("refs-19"));
    }

    @Test
    void numbersAreSortedByValue() {
        Value s = Value.set(List.of(Value.number(10), Value.number(9), Value.parseNumber("-1.5")));
        assertThat(s.elements()).containsExactly(Value.parseNumber("-1.5"), Value.number(9), Value.number(10));
    }

    @Test
    void falseComesBeforeTrue() {
        assertThat(Value.set(List.of(Value.TRUE, Value.FALSE)).elements()).containsExactly(Value.FALSE, Value.TRUE);
    }

    @Test
    void nullAndUnknownComeLast() {
        Value s = Value.set(List.of(Value.unknown(Type.STRING), Value.nullOf(Type.STRING), Value.string("z")));
        assertThat(s.elements()).containsExactly(Value.string("z"), Value.unknown(Type.STRING), Value.nullOf(Type.STRING));
    }

    @Test
    void unknownsAreNeverMerged() {
        Value s = Value.set(List.of(Value.unknown(Type.STRING), Value.unknown(Type.STRING)));
        assertThat(s.elements()).hasSize(2);
    }

    @Test
    void tuplesAreOrderedByTheirHashText() {
        Value b2 = Value.tuple(List.of(Value.string("b"), Value.number(2)));
        Value a1 = Value.tuple(List.of(Value.string("a"), Value.number(1)));
        Value b1 = Value.tuple(List.of(Value.string("b"), Value.number(1)));
        Value a2 = Value.tuple(List.of(Value.string("a"), Value.number(2)));
        assertThat(ConsoleFormat.format(Value.set(List.of(b2, a1, b1, a2)))).isEqualTo(Corpus.output("fn-setproduct-01"));
    }

    @Test
    void equalListsAreOneElement() {
        Value one = Value.list(List.of(Value.number(1)));
        Value two = Value.list(List.of(Value.number(2)));
        Value s = Value.set(List.of(one, Value.list(List.of(Value.number(1))), two));
        assertThat(ConsoleFormat.format(s)).isEqualTo(Corpus.output("fn-distinct-05"));
    }
}
