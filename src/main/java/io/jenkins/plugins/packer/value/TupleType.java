package io.jenkins.plugins.packer.value;

import java.util.List;
import java.util.stream.Collectors;

/** A tuple type: a fixed sequence of element types, one per position. */
public record TupleType(List<Type> elements) implements Type {

    public TupleType {
        elements = List.copyOf(elements);
    }

    @Override
    public String friendlyName() {
        return "tuple";
    }

    @Override
    public String typeExpression() {
        return elements.stream().map(Type::typeExpression).collect(Collectors.joining(",", "tuple([", "])"));
    }

    @Override
    public boolean hasDynamicTypes() {
        return elements.stream().anyMatch(Type::hasDynamicTypes);
    }

    @Override
    public String toString() {
        return typeExpression();
    }
}
