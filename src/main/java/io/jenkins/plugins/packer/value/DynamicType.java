package io.jenkins.plugins.packer.value;

/** cty.DynamicPseudoType: written {@code any} in a type constraint. */
public enum DynamicType implements Type {
    DYNAMIC;

    @Override
    public String friendlyName() {
        return "dynamic";
    }

    @Override
    public String friendlyNameForConstraint() {
        return "any type";
    }

    @Override
    public String typeExpression() {
        return "any";
    }

    @Override
    public boolean hasDynamicTypes() {
        return true;
    }

    @Override
    public String toString() {
        return "dynamic";
    }
}
