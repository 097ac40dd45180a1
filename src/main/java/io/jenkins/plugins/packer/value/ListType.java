package io.jenkins.plugins.packer.value;

import java.util.Objects;

/** The list type: an ordered sequence of elements of one type. */
public record ListType(Type element) implements CollectionType {

    public ListType {
        Objects.requireNonNull(element, "element");
    }

    @Override
    public String friendlyName() {
        return "list of " + element.friendlyName();
    }

    @Override
    public String friendlyNameForConstraint() {
        return "list of " + (element.isDynamic() ? "any single type" : element.friendlyNameForConstraint());
    }

    @Override
    public String typeExpression() {
        return "list(" + element.typeExpression() + ")";
    }

    @Override
    public String toString() {
        return typeExpression();
    }
}
