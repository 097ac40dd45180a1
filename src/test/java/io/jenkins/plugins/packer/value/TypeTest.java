package io.jenkins.plugins.packer.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TypeTest {

    @Test
    void friendlyNamesAreCtys() {
        assertThat(Type.STRING.friendlyName()).isEqualTo("string");
        assertThat(Type.list(Type.STRING).friendlyName()).isEqualTo("list of string");
        assertThat(Type.map(Type.NUMBER).friendlyName()).isEqualTo("map of number");
        assertThat(Type.set(Type.BOOL).friendlyName()).isEqualTo("set of bool");
        assertThat(Type.tuple(List.of(Type.STRING)).friendlyName()).isEqualTo("tuple");
        assertThat(Type.object(Map.of("a", Type.STRING)).friendlyName()).isEqualTo("object");
        assertThat(Type.DYNAMIC.friendlyName()).isEqualTo("dynamic");
    }

    @Test
    void constraintNamesSayAnyType() {
        assertThat(Type.DYNAMIC.friendlyNameForConstraint()).isEqualTo("any type");
        assertThat(Type.list(Type.DYNAMIC).friendlyNameForConstraint()).isEqualTo("list of any single type");
    }

    @Test
    void typeExpressionsUseHclConstraintSyntax() {
        Type t = new ObjectType(Map.of("b", Type.list(Type.STRING), "a", Type.DYNAMIC), Set.of("b"));
        assertThat(t.typeExpression()).isEqualTo("object({a=any,b=optional(list(string))})");
        assertThat(Type.tuple(List.of(Type.NUMBER, Type.BOOL)).typeExpression()).isEqualTo("tuple([number,bool])");
    }

    @Test
    void structurallyEqualTypesAreEqual() {
        assertThat(Type.map(Type.list(Type.STRING))).isEqualTo(Type.map(Type.list(Type.STRING)));
        assertThat(Type.object(Map.of("a", Type.STRING, "b", Type.NUMBER)))
                .isEqualTo(Type.object(Map.of("b", Type.NUMBER, "a", Type.STRING)))
                .hasSameHashCodeAs(Type.object(Map.of("b", Type.NUMBER, "a", Type.STRING)));
    }

    @Test
    void objectAttributesAreSortedByName() {
        ObjectType t = (ObjectType) Type.object(Map.of("zeta", Type.STRING, "alpha", Type.STRING));
        assertThat(t.attributes().keySet()).containsExactly("alpha", "zeta");
    }

    @Test
    void dynamicInsideIsFound() {
        assertThat(Type.tuple(List.of(Type.STRING, Type.list(Type.DYNAMIC))).hasDynamicTypes()).isTrue();
        assertThat(Type.map(Type.STRING).hasDynamicTypes()).isFalse();
    }

    @Test
    void kindsAreClassified() {
        assertThat(Type.set(Type.STRING).isCollection()).isTrue();
        assertThat(Type.tuple(List.of()).isStructural()).isTrue();
        assertThat(Type.NUMBER.isPrimitive()).isTrue();
        assertThat(Type.map(Type.BOOL).elementType()).isEqualTo(Type.BOOL);
    }
}
