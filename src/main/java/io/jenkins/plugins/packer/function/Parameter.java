package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.value.Type;

/**
 * A function parameter as cty declares it: the evaluator converts each argument to {@code type} first; null, unknown
 * and marked arguments reach the implementation only when the matching flag allows them.
 */
public record Parameter(String name, Type type, boolean allowNull, boolean allowUnknown, boolean allowDynamicType,
                        boolean allowMarked) {

    public static Parameter of(String name, Type type) {
        return new Parameter(name, type, false, false, false, false);
    }

    public Parameter allowingNull() {
        return new Parameter(name, type, true, allowUnknown, allowDynamicType, allowMarked);
    }

    public Parameter allowingUnknown() {
        return new Parameter(name, type, allowNull, true, allowDynamicType, allowMarked);
    }

    public Parameter allowingDynamicType() {
        return new Parameter(name, type, allowNull, allowUnknown, true, allowMarked);
    }

    public Parameter allowingMarked() {
        return new Parameter(name, type, allowNull, allowUnknown, allowDynamicType, true);
    }
}
