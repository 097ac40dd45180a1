package io.jenkins.plugins.packer.value;

import java.util.Objects;

/** The set type: an unordered collection of distinct elements of one type. */
public record SetType(Type element) implements CollectionType {

    public SetType {
        Objects.requireNonNull(element, "element");
    }

    @Override
    public String friendlyName() {
        return "set of " + element.friendlyName();
    }

    @Override
    public String friendlyNameForConstraint() {
        return "set of " + (element.isDynamic() ? "any single type" : element.friendlyNameForConstraint());
    }

    @Override
    public String typeExpression() {
        return "set(" + element.typeExpression() + ")";
    }

    @Override
    public String toString() {
        return typeExpression();
    }
}
