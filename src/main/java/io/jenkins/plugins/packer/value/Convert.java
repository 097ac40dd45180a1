package io.jenkins.plugins.packer.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Type conversion and unification with the rules and messages of go-cty's {@code convert}
 * package: "1" ↔ 1, "true" ↔ true, tuple → list/set, object → map, list ↔ set, map → object,
 * null and unknown convert to anything, and the dynamic type accepts any value as it is.
 *
 * <p>A "safe" conversion cannot fail for any value of the source type (number → string); an
 * "unsafe" one may ("a" → number). {@link #convert} allows both, as HCL does when it checks
 * an argument or an operand; {@link #unify} uses only safe ones, like cty's Unify.
 */
public final class Convert {

    /** A conversion between two particular types; applies to known, non-null, unmarked values. */
    @FunctionalInterface
    private interface Conversion {
        Value apply(Value v);
    }

    private Convert() {
    }

    /**
     * The value converted to the wanted type.
     *
     * @throws ConversionException with cty's message, e.g. "a number is required",
     *         "list of string required", "attribute \"x\" is required"
     */
    public static Value convert(Value value, Type want) {
        if (value.type().equals(want)) {
            return value;
        }
        Conversion conv = get(value.type(), want, true);
        if (conv == null) {
            throw new ConversionException(mismatchMessage(value.type(), want));
        }
        return conv.apply(value);
    }

    /** Whether some value of type {@code from} may convert to {@code to}. */
    public static boolean canConvert(Type from, Type to) {
        return from.equals(to) || get(from, to, true) != null;
    }

    /** Whether every value of type {@code from} converts to {@code to}. */
    public static boolean canConvertSafely(Type from, Type to) {
        return from.equals(to) || get(from, to, false) != null;
    }

    /**
     * cty's Unify: the one type all the given types convert to safely, preferring the most
     * general (string over number and bool, list over tuple...), or empty when there is none.
     * HCL uses it for the two results of a conditional and for tuple → list and object → map.
     */
    public static Optional<Type> unify(List<Type> types) {
        return Optional.ofNullable(unify(types, false));
    }

    /** cty's UnifyUnsafe: like {@link #unify} but allowing conversions that may fail. */
    public static Optional<Type> unifyUnsafe(List<Type> types) {
        return Optional.ofNullable(unify(types, true));
    }

    // ---------------------------------------------------------------- conversions

    private static Conversion get(Type in, Type out, boolean unsafe) {
        Conversion conv = getKnown(in, out, unsafe);
        if (conv == null) {
            return null;
        }
        return v -> {
            if (v.isMarked()) {
                return wrapped(conv, out, v.unmark()).withMarks(v.marks());
            }
            return wrapped(conv, out, v);
        };
    }

    private static Value wrapped(Conversion conv, Type out, Value v) {
        if (out.isDynamic()) {
            return v;
        }
        if (!v.isKnown()) {
            return Value.unknown(out);
        }
        if (v.isNull()) {
            return Value.nullOf(out);
        }
        return conv.apply(v);
    }

    private static Conversion getKnown(Type in, Type out, boolean unsafe) {
        if (out.isDynamic()) {
            return v -> v;
        }
        if (in.isDynamic()) {
            return unsafe ? v -> convert(v, out) : null;
        }
        if (in.isPrimitive() && out.isPrimitive()) {
            return primitive((PrimitiveType) in, (PrimitiveType) out, unsafe);
        }
        if (in instanceof ObjectType oi && out instanceof ObjectType oo) {
            return objectToObject(oi, oo, unsafe);
        }
        if (in instanceof TupleType ti && out instanceof TupleType to) {
            return tupleToTuple(ti, to, unsafe);
        }
        if (out.isList() && (in.isList() || in.isSet())) {
            return collectionToSequence(in.elementType(), out.elementType(), unsafe, false);
        }
        if (out.isSet() && (in.isList() || in.isSet())) {
            if (in.isList() && !unsafe) {
                return null;
            }
            return collectionToSequence(in.elementType(), out.elementType(), unsafe, true);
        }
        if (out.isMap() && in.isMap()) {
            return mapToMap(in.elementType(), out.elementType(), unsafe);
        }
        if (out.isList() && in instanceof TupleType ti) {
            return tupleToSequence(ti, out.elementType(), unsafe, false);
        }
        if (out.isSet() && in instanceof TupleType ti) {
            return tupleToSequence(ti, out.elementType(), unsafe, true);
        }
        if (out.isMap() && in instanceof ObjectType oi) {
            return objectToMap(oi, out.elementType(), unsafe);
        }
        if (out instanceof ObjectType oo && in.isMap()) {
            return unsafe ? mapToObject(in.elementType(), oo) : null;
        }
        return null;
    }

    private static Conversion primitive(PrimitiveType in, PrimitiveType out, boolean unsafe) {
        if (in == out) {
            return v -> v;
        }
        if (out == PrimitiveType.STRING) {
            return in == PrimitiveType.NUMBER
                    ? v -> Value.string(Numbers.toDecimalString(v))
                    : v -> Value.string(Boolean.toString(v.asBool()));
        }
        if (!unsafe || in != PrimitiveType.STRING) {
            return null;
        }
        if (out == PrimitiveType.NUMBER) {
            return v -> Value.parseNumber(v.asString());
        }
        return v -> switch (v.asString()) {
            case "true", "1" -> Value.TRUE;
            case "false", "0" -> Value.FALSE;
            default -> throw new ConversionException(boolMismatch(v.asString()));
        };
    }

    private static String boolMismatch(String s) {
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return "a bool is required; to convert from string, use lowercase \"" + lower + "\"";
        }
        return "a bool is required";
    }

    private static Conversion objectToObject(ObjectType in, ObjectType out, boolean unsafe) {
        Map<String, Conversion> convs = new LinkedHashMap<>();
        for (Map.Entry<String, Type> e : out.attributes().entrySet()) {
            String name = e.getKey();
            if (!in.hasAttribute(name)) {
                if (out.optional().contains(name)) {
                    continue;
                }
                return null;
            }
            Conversion c = elementConversion(in.attributeType(name), e.getValue(), unsafe);
            if (c == null) {
                return null;
            }
            convs.put(name, c);
        }
        return v -> {
            Map<String, Value> attrs = new TreeMap<>();
            for (Map.Entry<String, Type> e : out.attributes().entrySet()) {
                Conversion c = convs.get(e.getKey());
                attrs.put(e.getKey(), c == null ? Value.nullOf(e.getValue()) : c.apply(v.entries().get(e.getKey())));
            }
            return Value.object(attrs);
        };
    }

    private static Conversion tupleToTuple(TupleType in, TupleType out, boolean unsafe) {
        if (in.elements().size() != out.elements().size()) {
            return null;
        }
        List<Conversion> convs = new ArrayList<>();
        for (int i = 0; i < in.elements().size(); i++) {
            Conversion c = elementConversion(in.elements().get(i), out.elements().get(i), unsafe);
            if (c == null) {
                return null;
            }
            convs.add(c);
        }
        return v -> {
            List<Value> out2 = new ArrayList<>();
            for (int i = 0; i < convs.size(); i++) {
                out2.add(convs.get(i).apply(v.elements().get(i)));
            }
            return Value.tuple(out2);
        };
    }

    private static Conversion collectionToSequence(Type inEty, Type outEty, boolean unsafe, boolean toSet) {
        Conversion c = elementConversion(inEty, outEty, unsafe);
        if (c == null) {
            return null;
        }
        return v -> sequence(v.elements().stream().map(c::apply).toList(),
                outEty.isDynamic() ? v.type().elementType() : outEty, toSet);
    }

    private static Conversion tupleToSequence(TupleType in, Type outEty, boolean unsafe, boolean toSet) {
        if (in.elements().isEmpty()) {
            return v -> sequence(List.of(), outEty, toSet);
        }
        Type ety = outEty.isDynamic() ? unify(in.elements(), unsafe) : outEty;
        if (ety == null) {
            return null;
        }
        if (outEty.isDynamic() && ety.isDynamic() && !in.elements().stream().allMatch(Type::isDynamic)) {
            // As cty: elements that unify only as "any" make a list of one type only when they all are "any".
            return null;
        }
        List<Conversion> convs = new ArrayList<>();
        for (Type t : in.elements()) {
            Conversion c = elementConversion(t, ety, unsafe);
            if (c == null) {
                return null;
            }
            convs.add(c);
        }
        return v -> {
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < convs.size(); i++) {
                out.add(convs.get(i).apply(v.elements().get(i)));
            }
            return sequence(out, ety, toSet);
        };
    }

    private static Value sequence(List<Value> elements, Type emptyType, boolean toSet) {
        if (elements.isEmpty()) {
            return toSet ? Value.emptySet(emptyType) : Value.emptyList(emptyType);
        }
        return toSet ? Value.set(elements) : Value.list(elements);
    }

    private static Conversion mapToMap(Type inEty, Type outEty, boolean unsafe) {
        Conversion c = elementConversion(inEty, outEty, unsafe);
        if (c == null) {
            return null;
        }
        return v -> {
            Map<String, Value> out = new TreeMap<>();
            v.entries().forEach((k, e) -> out.put(k, c.apply(e)));
            return map(out, outEty.isDynamic() ? inEty : outEty, outEty, unsafe);
        };
    }

    private static Conversion objectToMap(ObjectType in, Type outEty, boolean unsafe) {
        if (in.attributes().isEmpty()) {
            return v -> Value.emptyMap(outEty);
        }
        Type ety = outEty.isDynamic() ? unify(List.copyOf(in.attributes().values()), unsafe) : outEty;
        if (ety == null) {
            return null;
        }
        Map<String, Conversion> convs = new LinkedHashMap<>();
        for (Map.Entry<String, Type> e : in.attributes().entrySet()) {
            Conversion c = elementConversion(e.getValue(), ety, unsafe);
            if (c == null) {
                return null;
            }
            convs.put(e.getKey(), c);
        }
        return v -> {
            Map<String, Value> out = new TreeMap<>();
            v.entries().forEach((k, e) -> out.put(k, convs.get(k).apply(e)));
            return map(out, ety, ety, unsafe);
        };
    }

    /** A map of converted elements; elements of a structural or collection type are unified first, as cty does. */
    private static Value map(Map<String, Value> elements, Type emptyType, Type ety, boolean unsafe) {
        if (elements.isEmpty()) {
            return Value.emptyMap(emptyType);
        }
        Map<String, Value> unified = elements;
        if (ety.isCollection() || ety.isStructural()) {
            Type u = unify(elements.values().stream().map(Value::type).toList(), unsafe);
            if (u != null) {
                unified = new TreeMap<>();
                for (Map.Entry<String, Value> e : elements.entrySet()) {
                    unified.put(e.getKey(), convert(e.getValue(), u));
                }
            }
        }
        Type first = null;
        for (Value e : unified.values()) {
            if (first == null) {
                first = e.type();
            } else if (!first.equals(e.type()) && !e.type().isDynamic()) {
                throw new ConversionException(first.friendlyName() + " is required");
            }
        }
        return Value.map(unified);
    }

    private static Conversion mapToObject(Type mapEty, ObjectType out) {
        Map<String, Conversion> convs = new LinkedHashMap<>();
        for (Map.Entry<String, Type> e : out.attributes().entrySet()) {
            Conversion c = elementConversion(mapEty, e.getValue(), true);
            if (c == null) {
                return null;
            }
            convs.put(e.getKey(), c);
        }
        return v -> {
            Map<String, Value> attrs = new TreeMap<>();
            for (Map.Entry<String, Type> e : out.attributes().entrySet()) {
                Value element = v.entries().get(e.getKey());
                if (element != null) {
                    attrs.put(e.getKey(), convs.get(e.getKey()).apply(element));
                } else if (out.optional().contains(e.getKey())) {
                    attrs.put(e.getKey(), Value.nullOf(e.getValue()));
                } else {
                    throw new ConversionException("map has no element for required attribute \"" + e.getKey() + "\"");
                }
            }
            return Value.object(attrs);
        };
    }

    /** The conversion of one element or attribute: none needed when the types are equal. */
    private static Conversion elementConversion(Type in, Type out, boolean unsafe) {
        if (in.equals(out)) {
            return v -> v;
        }
        return get(in, out, unsafe);
    }

    // ---------------------------------------------------------------- unification

    private static Type unify(List<Type> types, boolean unsafe) {
        if (types.isEmpty()) {
            return null;
        }
        int maps = 0;
        int objects = 0;
        int tuples = 0;
        int dynamics = 0;
        for (Type t : types) {
            if (t.isMap()) {
                maps++;
            } else if (t.isObject()) {
                objects++;
            } else if (t.isTuple()) {
                tuples++;
            } else if (t.isDynamic()) {
                dynamics++;
            }
        }
        int n = types.size();
        if (maps > 0 && maps + dynamics == n) {
            return dynamics > 0 ? Type.DYNAMIC : unifyMaps(types, unsafe);
        }
        if (objects > 0 && objects + dynamics == n) {
            return dynamics > 0 ? Type.DYNAMIC : unifyObjects(types, unsafe);
        }
        if (tuples > 0 && tuples + dynamics == n) {
            return dynamics > 0 ? Type.DYNAMIC : unifyTuples(types, unsafe);
        }
        if (objects > 0 && tuples > 0) {
            return null;
        }
        for (int want : preferenceOrder(types)) {
            Type wanted = types.get(want);
            if (types.stream().allMatch(t -> t.equals(wanted) || get(t, wanted, unsafe) != null)) {
                return wanted;
            }
        }
        return null;
    }

    private static boolean allConvert(List<Type> types, Type to, boolean unsafe) {
        return types.stream().allMatch(t -> t.equals(to) || get(t, to, unsafe) != null);
    }

    private static Type unifyMaps(List<Type> types, boolean unsafe) {
        Type ety = unify(types.stream().map(Type::elementType).toList(), unsafe);
        if (ety == null) {
            return null;
        }
        Type result = new MapType(ety);
        return allConvert(types, result, unsafe) ? result : null;
    }

    private static Type unifyObjects(List<Type> types, boolean unsafe) {
        Set<String> names = ((ObjectType) types.get(0)).attributes().keySet();
        for (Type t : types) {
            if (!((ObjectType) t).attributes().keySet().equals(names)) {
                return unifyObjectsToMap(types, unsafe);
            }
        }
        Map<String, Type> attrs = new TreeMap<>();
        for (String name : names) {
            Type u = unify(types.stream().map(t -> ((ObjectType) t).attributeType(name)).toList(), unsafe);
            if (u == null) {
                return null;
            }
            attrs.put(name, u);
        }
        Type result = new ObjectType(attrs, Set.of());
        return allConvert(types, result, unsafe) ? result : unifyObjectsToMap(types, unsafe);
    }

    private static Type unifyObjectsToMap(List<Type> types, boolean unsafe) {
        List<Type> all = types.stream().flatMap(t -> ((ObjectType) t).attributes().values().stream()).toList();
        Type ety = unify(all, unsafe);
        if (ety == null) {
            return null;
        }
        Type result = new MapType(ety);
        return allConvert(types, result, unsafe) ? result : null;
    }

    private static Type unifyTuples(List<Type> types, boolean unsafe) {
        int size = ((TupleType) types.get(0)).elements().size();
        if (types.stream().anyMatch(t -> ((TupleType) t).elements().size() != size)) {
            return unifyTuplesToList(types, unsafe);
        }
        List<Type> elements = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int idx = i;
            Type u = unify(types.stream().map(t -> ((TupleType) t).elements().get(idx)).toList(), unsafe);
            if (u == null) {
                return null;
            }
            elements.add(u);
        }
        Type result = new TupleType(elements);
        return allConvert(types, result, unsafe) ? result : unifyTuplesToList(types, unsafe);
    }

    private static Type unifyTuplesToList(List<Type> types, boolean unsafe) {
        List<Type> all = types.stream().flatMap(t -> ((TupleType) t).elements().stream()).toList();
        Type ety = unify(all, unsafe);
        if (ety == null) {
            return null;
        }
        Type result = new ListType(ety);
        return allConvert(types, result, unsafe) ? result : null;
    }

    /**
     * The indexes of the types, most preferred first: a topological order (Kahn's, taking ties
     * in index order) of cty's "a is preferred to b" relation.
     */
    private static List<Integer> preferenceOrder(List<Type> types) {
        int n = types.size();
        List<List<Integer>> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            edges.add(new ArrayList<>());
        }
        for (int i = 0; i < n - 1; i++) {
            for (int j = i + 1; j < n; j++) {
                int cmp = compareTypes(types.get(i), types.get(j));
                if (cmp < 0) {
                    edges.get(i).add(j);
                } else if (cmp > 0) {
                    edges.get(j).add(i);
                }
            }
        }
        int[] inDegree = new int[n];
        edges.forEach(out -> out.forEach(j -> inDegree[j]++));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (inDegree[i] == 0) {
                order.add(i);
            }
        }
        for (int q = 0; q < order.size(); q++) {
            for (int j : edges.get(order.get(q))) {
                if (--inDegree[j] == 0) {
                    order.add(j);
                }
            }
        }
        return order;
    }

    /** cty's compareTypes: negative when {@code a} is preferred (more general) than {@code b}. */
    private static int compareTypes(Type a, Type b) {
        if (a.isDynamic() || b.isDynamic()) {
            return a.isDynamic() == b.isDynamic() ? 0 : a.isDynamic() ? 1 : -1;
        }
        if (a.isPrimitive() && b.isPrimitive() && (a == Type.STRING || b == Type.STRING)) {
            return a == b ? 0 : a == Type.STRING ? -1 : 1;
        }
        if ((a.isList() && b.isList()) || (a.isSet() && b.isSet()) || (a.isMap() && b.isMap())) {
            return compareTypes(a.elementType(), b.elementType());
        }
        int swap = 1;
        if ((a.isTuple() && b.isList()) || (a.isObject() && b.isMap())
                || (a.isSet() && b.isTuple()) || (a.isSet() && b.isList())) {
            Type t = a;
            a = b;
            b = t;
            swap = -1;
        }
        if (b.isSet() && (a.isTuple() || a.isList())) {
            return -swap;
        }
        if ((a.isList() && b.isTuple()) || (a.isMap() && b.isObject())) {
            return -swap;
        }
        List<Type[]> pairs = new ArrayList<>();
        if (a instanceof ObjectType oa && b instanceof ObjectType ob) {
            if (!oa.attributes().keySet().equals(ob.attributes().keySet())) {
                return 0;
            }
            oa.attributes().forEach((k, t) -> pairs.add(new Type[] {t, ob.attributeType(k)}));
        } else if (a instanceof TupleType ta && b instanceof TupleType tb) {
            if (ta.elements().size() != tb.elements().size()) {
                return 0;
            }
            for (int i = 0; i < ta.elements().size(); i++) {
                pairs.add(new Type[] {ta.elements().get(i), tb.elements().get(i)});
            }
        } else {
            return 0;
        }
        boolean aSuper = false;
        boolean bSuper = false;
        for (Type[] p : pairs) {
            int cmp = compareTypes(p[0], p[1]);
            aSuper |= cmp < 0;
            bSuper |= cmp > 0;
        }
        if (aSuper == bSuper) {
            return 0;
        }
        return aSuper ? -swap : swap;
    }

    // ---------------------------------------------------------------- messages

    /** cty's MismatchMessage: why no value of type {@code got} can become a {@code want}. */
    public static String mismatchMessage(Type got, Type want) {
        if (got instanceof ObjectType go && want instanceof ObjectType wo) {
            return mismatchObjects(go, wo);
        }
        if (got.isTuple() && want.isList() && want.elementType().isDynamic()) {
            return "all list elements must have the same type";
        }
        if (got.isTuple() && want.isSet() && want.elementType().isDynamic()) {
            return "all set elements must have the same type";
        }
        if (got.isObject() && want.isMap() && want.elementType().isDynamic()) {
            return "all map elements must have the same type";
        }
        if (got.isStructural() && want.isCollection()) {
            return mismatchFromStructural(got, want);
        }
        if (got.isCollection() && want.isCollection()) {
            return mismatchFromCollection(got, want);
        }
        return want.friendlyNameForConstraint() + " required";
    }

    private static String mismatchObjects(ObjectType got, ObjectType want) {
        List<String> missing = new ArrayList<>();
        String unsafeMismatch = null;
        String safeMismatch = null;
        for (Map.Entry<String, Type> e : want.attributes().entrySet()) {
            String name = e.getKey();
            if (!got.hasAttribute(name)) {
                if (!want.optional().contains(name)) {
                    missing.add(name);
                }
                continue;
            }
            Type gotType = got.attributeType(name);
            if (unsafeMismatch == null && !canConvert(gotType, e.getValue())) {
                unsafeMismatch = "attribute \"" + name + "\": " + mismatchMessage(gotType, e.getValue());
            }
            if (safeMismatch == null && !canConvertSafely(gotType, e.getValue())) {
                safeMismatch = "attribute \"" + name + "\": " + mismatchMessage(gotType, e.getValue());
            }
        }
        if (missing.size() == 1) {
            return "attribute \"" + missing.get(0) + "\" is required";
        }
        if (missing.size() == 2) {
            return "attributes \"" + missing.get(0) + "\" and \"" + missing.get(1) + "\" are required";
        }
        if (!missing.isEmpty()) {
            StringBuilder sb = new StringBuilder("attributes ");
            for (String name : missing.subList(0, missing.size() - 1)) {
                sb.append('"').append(name).append("\", ");
            }
            return sb.append("and \"").append(missing.get(missing.size() - 1)).append("\" are required").toString();
        }
        if (unsafeMismatch != null) {
            return unsafeMismatch;
        }
        return safeMismatch != null ? safeMismatch : "incorrect object attributes";
    }

    private static String mismatchFromStructural(Type got, Type want) {
        if ((want.isList() || want.isSet()) && !got.isTuple() || want.isMap() && !got.isObject()) {
            return want.friendlyNameForConstraint() + " required";
        }
        Type wantEty = want.elementType();
        if (got instanceof TupleType tt) {
            for (int i = 0; i < tt.elements().size(); i++) {
                Type e = tt.elements().get(i);
                if (!canConvert(e, wantEty)) {
                    return "element " + i + ": " + mismatchMessage(e, wantEty);
                }
            }
        } else {
            for (Map.Entry<String, Type> e : ((ObjectType) got).attributes().entrySet()) {
                if (!canConvert(e.getValue(), wantEty)) {
                    return "element \"" + e.getKey() + "\": " + mismatchMessage(e.getValue(), wantEty);
                }
            }
        }
        return "all elements must be " + wantEty.friendlyNameForConstraint();
    }

    private static String mismatchFromCollection(Type got, Type want) {
        if ((want.isList() || want.isSet()) && !(got.isList() || got.isSet()) || want.isMap() && !got.isMap()) {
            return want.friendlyNameForConstraint() + " required";
        }
        String noun = want.isList() ? "list element type" : want.isSet() ? "set element type" : "map element type";
        return "incorrect " + noun + ": " + mismatchMessage(got.elementType(), want.elementType());
    }
}
