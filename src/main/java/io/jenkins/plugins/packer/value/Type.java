package io.jenkins.plugins.packer.value;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The type of a {@link Value}, following go-cty's type system: three primitives, the dynamic
 * pseudo-type, three collection kinds (list, set, map) and two structural kinds (tuple, object).
 */
public sealed interface Type
        permits PrimitiveType, DynamicType, CollectionType, TupleType, ObjectType {

    Type STRING = PrimitiveType.STRING;
    Type NUMBER = PrimitiveType.NUMBER;
    Type BOOL = PrimitiveType.BOOL;
    /** cty.DynamicPseudoType: "any type", and the type of a value whose type is not known yet. */
    Type DYNAMIC = DynamicType.DYNAMIC;

    static ListType list(Type element) {
        return new ListType(element);
    }

    static SetType set(Type element) {
        return new SetType(element);
    }

    static MapType map(Type element) {
        return new MapType(element);
    }

    static TupleType tuple(List<Type> elements) {
        return new TupleType(elements);
    }

    static ObjectType object(Map<String, Type> attributes) {
        return new ObjectType(attributes, Set.of());
    }

    /** The name cty's {@code FriendlyName} gives, quoted by conversion and function errors. */
    String friendlyName();

    /**
     * The name cty's {@code FriendlyNameForConstraint} gives: like {@link #friendlyName()} but
     * says "any type" for {@link #DYNAMIC}, used when the type is something wanted.
     */
    default String friendlyNameForConstraint() {
        return friendlyName();
    }

    /** The type in HCL type-constraint syntax: {@code list(string)}, {@code object({a=number})}. */
    String typeExpression();

    default boolean isPrimitive() {
        return this instanceof PrimitiveType;
    }

    default boolean isDynamic() {
        return this == DYNAMIC;
    }

    /** List, set or map. */
    default boolean isCollection() {
        return this instanceof CollectionType;
    }

    default boolean isList() {
        return this instanceof ListType;
    }

    default boolean isSet() {
        return this instanceof SetType;
    }

    default boolean isMap() {
        return this instanceof MapType;
    }

    default boolean isTuple() {
        return this instanceof TupleType;
    }

    default boolean isObject() {
        return this instanceof ObjectType;
    }

    /** Tuple or object. */
    default boolean isStructural() {
        return this instanceof TupleType || this instanceof ObjectType;
    }

    /** The element type of a collection type; fails for any other type. */
    default Type elementType() {
        if (this instanceof CollectionType c) {
            return c.element();
        }
        throw new IllegalStateException(friendlyName() + " has no element type");
    }

    /** Whether the type is, or contains anywhere, {@link #DYNAMIC}. */
    boolean hasDynamicTypes();
}
