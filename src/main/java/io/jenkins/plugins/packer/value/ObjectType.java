package io.jenkins.plugins.packer.value;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An object type: named attributes, each with its own type, kept sorted by name as cty does.
 * {@code optional} names the attributes a conversion may leave out (HCL's {@code optional()},
 * Packer 1.16); they must be attributes of the type.
 */
public record ObjectType(Map<String, Type> attributes, Set<String> optional) implements Type {

    public ObjectType {
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
        optional = Collections.unmodifiableSortedSet(new TreeSet<>(optional));
        if (!attributes.keySet().containsAll(optional)) {
            throw new IllegalArgumentException("optional attributes " + optional + " are not all attributes of the type");
        }
    }

    public boolean hasAttribute(String name) {
        return attributes.containsKey(name);
    }

    /** The type of the attribute; fails if there is none of that name. */
    public Type attributeType(String name) {
        Type t = attributes.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no attribute named \"" + name + "\"");
        }
        return t;
    }

    @Override
    public String friendlyName() {
        return "object";
    }

    @Override
    public String typeExpression() {
        return attributes.entrySet().stream()
                .map(e -> e.getKey() + "=" + (optional.contains(e.getKey())
                        ? "optional(" + e.getValue().typeExpression() + ")"
                        : e.getValue().typeExpression()))
                .collect(Collectors.joining(",", "object({", "})"));
    }

    @Override
    public boolean hasDynamicTypes() {
        return attributes.values().stream().anyMatch(Type::hasDynamicTypes);
    }

    @Override
    public String toString() {
        return typeExpression();
    }
}
