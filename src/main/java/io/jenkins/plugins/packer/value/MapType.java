package io.jenkins.plugins.packer.value;

import java.util.Objects;

/** The map type: string keys to elements of one type. */
public record MapType(Type element) implements CollectionType {

    public MapType {
        Objects.requireNonNull(element, "element");
    }

    @Override
    public String friendlyName() {
        return "map of " + element.friendlyName();
    }

    @Override
    public String friendlyNameForConstraint() {
        return "map of " + (element.isDynamic() ? "any single type" : element.friendlyNameForConstraint());
    }

    @Override
    public String typeExpression() {
        return "map(" + element.typeExpression() + ")";
    }

    @Override
    public String toString() {
        return typeExpression();
    }
}
