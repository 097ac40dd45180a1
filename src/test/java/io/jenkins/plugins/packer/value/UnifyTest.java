package io.jenkins.plugins.packer.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnifyTest {

    @Test
    void stringAndNumberUnifyToString() {
        assertThat(Convert.unify(List.of(Type.NUMBER, Type.STRING))).contains(Type.STRING);
    }

    @Test
    void numberAndBoolDoNotUnify() {
        assertThat(Convert.unify(List.of(Type.NUMBER, Type.BOOL))).isEmpty();
    }

    @Test
    void dynamicGivesWayToAKnownType() {
        assertThat(Convert.unify(List.of(Type.DYNAMIC, Type.NUMBER))).contains(Type.DYNAMIC);
        assertThat(Convert.unifyUnsafe(List.of(Type.DYNAMIC, Type.NUMBER))).contains(Type.NUMBER);
    }

    @Test
    void tuplesOfOneLengthUnifyElementwise() {
        Type a = Type.tuple(List.of(Type.NUMBER, Type.BOOL));
        Type b = Type.tuple(List.of(Type.STRING, Type.BOOL));
        assertThat(Convert.unify(List.of(a, b))).contains(Type.tuple(List.of(Type.STRING, Type.BOOL)));
    }

    @Test
    void tuplesOfDifferentLengthsUnifyToList() {
        Type a = Type.tuple(List.of(Type.NUMBER));
        Type b = Type.tuple(List.of(Type.STRING, Type.STRING));
        assertThat(Convert.unify(List.of(a, b))).contains(Type.list(Type.STRING));
    }

    @Test
    void objectsWithDifferentAttributesUnifyToMap() {
        Type a = Type.object(Map.of("x", Type.NUMBER));
        Type b = Type.object(Map.of("y", Type.STRING));
        assertThat(Convert.unify(List.of(a, b))).contains(Type.map(Type.STRING));
    }

    @Test
    void mapsUnifyTheirElementTypes() {
        assertThat(Convert.unify(List.of(Type.map(Type.NUMBER), Type.map(Type.STRING)))).contains(Type.map(Type.STRING));
    }

    @Test
    void tupleAndObjectDoNotUnify() {
        assertThat(Convert.unify(List.of(Type.tuple(List.of()), Type.object(Map.of())))).isEmpty();
    }

    @Test
    void nothingUnifiesNoTypes() {
        assertThat(Convert.unify(List.of())).isEmpty();
    }
}
