package io.jenkins.plugins.packer.value;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * An immutable value of the template language, with go-cty's semantics: a {@link Type}, possibly
 * null, possibly unknown (only known while a build runs), possibly carrying {@link Mark}s.
 *
 * <p>Java {@link #equals} is cty's {@code RawEquals} (same type, same content, same marks);
 * {@link #equal} is the language's {@code ==}. Numbers are held as described in {@link Numbers}.
 */
public final class Value {

    /** The payload of every unknown value. */
    private static final Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "unknown";
        }
    };

    public static final Value TRUE = new Value(Type.BOOL, Boolean.TRUE, Set.of());
    public static final Value FALSE = new Value(Type.BOOL, Boolean.FALSE, Set.of());
    public static final Value ZERO = new Value(Type.NUMBER, BigDecimal.ZERO, Set.of());
    public static final Value POSITIVE_INFINITY = new Value(Type.NUMBER, Double.POSITIVE_INFINITY, Set.of());
    public static final Value NEGATIVE_INFINITY = new Value(Type.NUMBER, Double.NEGATIVE_INFINITY, Set.of());
    public static final Value EMPTY_STRING = new Value(Type.STRING, "", Set.of());
    public static final Value EMPTY_TUPLE = new Value(new TupleType(List.of()), List.of(), Set.of());
    public static final Value EMPTY_OBJECT = new Value(new ObjectType(Map.of(), Set.of()), Collections.emptySortedMap(), Set.of());
    /** cty.NullVal(cty.DynamicPseudoType): the literal {@code null}. */
    public static final Value DYNAMIC_NULL = new Value(Type.DYNAMIC, null, Set.of());
    /** cty.DynamicVal: a value of which neither the type nor the content is known. */
    public static final Value DYNAMIC_UNKNOWN = new Value(Type.DYNAMIC, UNKNOWN, Set.of());

    private final Type type;
    /**
     * null for a null value, {@link #UNKNOWN}, or by type: String; BigDecimal or an infinite
     * Double (number); Boolean; List of Value (list, tuple, and set in cty's set order);
     * SortedMap of String to Value (map, object).
     */
    private final Object payload;
    private final Set<Mark> marks;

    private Value(Type type, Object payload, Set<Mark> marks) {
        this.type = type;
        this.payload = payload;
        this.marks = marks;
    }

    // ---------------------------------------------------------------- factories

    /** A string, normalised to Unicode NFC as cty.StringVal does. */
    public static Value string(String s) {
        return new Value(Type.STRING, nfc(s), Set.of());
    }

    /**
     * {@code s} in Unicode NFC. Text without a character from U+0300 on (no combining mark, nothing NFC would
     * compose or replace) is already NFC and is returned as it is, without the normaliser's work.
     */
    public static String nfc(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x300) {
                return Normalizer.normalize(s, Normalizer.Form.NFC);
            }
        }
        return s;
    }

    public static Value number(BigDecimal n) {
        return new Value(Type.NUMBER, Numbers.normalize(n), Set.of());
    }

    public static Value number(long n) {
        return number(BigDecimal.valueOf(n));
    }

    /**
     * A number from a double: infinities are kept, a finite double becomes the shortest decimal
     * that reads back as it ({@code 0.1} stays 0.1), not its exact binary expansion.
     */
    public static Value number(double n) {
        if (Double.isNaN(n)) {
            throw new IllegalArgumentException("NaN is not a number value");
        }
        if (Double.isInfinite(n)) {
            return n > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY;
        }
        return number(new BigDecimal(Double.toString(n)));
    }

    /**
     * Parses a number as cty.ParseNumberVal does (Go's big.ParseFloat, base 10): an optional sign,
     * digits with an optional point, an optional exponent; "Inf" and "inf" are infinities; no
     * surrounding space.
     *
     * @throws ConversionException "a number is required" when the text is not a number
     */
    public static Value parseNumber(String text) {
        return Numbers.parse(text);
    }

    public static Value bool(boolean b) {
        return b ? TRUE : FALSE;
    }

    /**
     * A list of the given elements, which must all have the same type (elements of the dynamic
     * type, such as {@link #DYNAMIC_UNKNOWN}, fit any list); use {@link #emptyList} for none.
     */
    public static Value list(List<Value> elements) {
        EvaluationCancelled.check();
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("a list needs at least one element: use emptyList(type)");
        }
        return new Value(new ListType(commonElementType(elements, "list")), List.copyOf(elements), Set.of());
    }

    public static Value emptyList(Type elementType) {
        return new Value(new ListType(elementType), List.of(), Set.of());
    }

    /**
     * A set of the given elements, all of one type, with duplicates dropped and the rest in cty's
     * order (see {@link SetOrder}). As in cty, marks of the elements move to the set itself.
     */
    public static Value set(Collection<Value> elements) {
        EvaluationCancelled.check();
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("a set needs at least one element: use emptySet(type)");
        }
        Set<Mark> marks = new HashSet<>();
        List<Value> unmarked = new ArrayList<>(elements.size());
        for (Value e : elements) {
            marks.addAll(e.deepMarks());
            unmarked.add(e.unmarkDeep());
        }
        Type elementType = commonElementType(unmarked, "set");
        return new Value(new SetType(elementType), SetOrder.distinctSorted(unmarked), Set.of()).withMarks(marks);
    }

    public static Value emptySet(Type elementType) {
        return new Value(new SetType(elementType), List.of(), Set.of());
    }

    /** A map of the given entries, whose values must all have the same type; keys are NFC-normalised. */
    public static Value map(Map<String, Value> entries) {
        EvaluationCancelled.check();
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a map needs at least one element: use emptyMap(type)");
        }
        SortedMap<String, Value> sorted = sortedEntries(entries);
        return new Value(new MapType(commonElementType(sorted.values(), "map")), sorted, Set.of());
    }

    public static Value emptyMap(Type elementType) {
        return new Value(new MapType(elementType), Collections.emptySortedMap(), Set.of());
    }

    public static Value tuple(List<Value> elements) {
        EvaluationCancelled.check();
        List<Type> types = elements.stream().map(Value::type).toList();
        return new Value(new TupleType(types), List.copyOf(elements), Set.of());
    }

    /** An object whose attributes are the given entries; names are NFC-normalised. */
    public static Value object(Map<String, Value> attributes) {
        EvaluationCancelled.check();
        SortedMap<String, Value> sorted = sortedEntries(attributes);
        Map<String, Type> types = new TreeMap<>();
        sorted.forEach((k, v) -> types.put(k, v.type()));
        return new Value(new ObjectType(types, Set.of()), sorted, Set.of());
    }

    public static Value nullOf(Type type) {
        return new Value(type, null, Set.of());
    }

    public static Value unknown(Type type) {
        return new Value(type, UNKNOWN, Set.of());
    }

    private static Type commonElementType(Collection<Value> elements, String kind) {
        Type elementType = Type.DYNAMIC;
        for (Value e : elements) {
            if (elementType.isDynamic()) {
                elementType = e.type;
            } else if (!e.type.isDynamic() && !elementType.equals(e.type)) {
                throw new IllegalArgumentException("inconsistent " + kind + " element types ("
                        + elementType.typeExpression() + " then " + e.type.typeExpression() + ")");
            }
        }
        return elementType;
    }

    private static SortedMap<String, Value> sortedEntries(Map<String, Value> entries) {
        TreeMap<String, Value> sorted = new TreeMap<>(Value::compareCodePoints);
        entries.forEach((k, v) -> sorted.put(nfc(k), Objects.requireNonNull(v, k)));
        return Collections.unmodifiableSortedMap(sorted);
    }

    /** Go's string order: by Unicode code point (UTF-8 byte order), not Java's UTF-16 unit order. */
    public static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int k = 0;
        while (k < n && a.charAt(k) == b.charAt(k)) {
            k++;
        }
        if (k == n) {
            return Integer.compare(a.length(), b.length());
        }
        char x = a.charAt(k);
        char y = b.charAt(k);
        if (!Character.isSurrogate(x) && !Character.isSurrogate(y)) {
            // Outside surrogate pairs UTF-16 units order as code points do.
            return x < y ? -1 : 1;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    // ---------------------------------------------------------------- state

    public Type type() {
        return type;
    }

    public boolean isNull() {
        return payload == null;
    }

    public boolean isKnown() {
        return payload != UNKNOWN;
    }

    /** Known, and so is every element or attribute inside, at any depth. */
    public boolean isWhollyKnown() {
        if (!isKnown()) {
            return false;
        }
        if (payload instanceof List<?> || payload instanceof Map<?, ?>) {
            return children().stream().allMatch(Value::isWhollyKnown);
        }
        return true;
    }

    // ---------------------------------------------------------------- marks

    /** The marks of this value itself (not of its elements). */
    public Set<Mark> marks() {
        return marks;
    }

    public boolean isMarked() {
        return !marks.isEmpty();
    }

    public boolean hasMark(Mark mark) {
        return marks.contains(mark);
    }

    /** Whether this value or anything inside it is marked. */
    public boolean containsMarked() {
        return isMarked() || children().stream().anyMatch(Value::containsMarked);
    }

    public Value mark(Mark mark) {
        return withMarks(Set.of(mark));
    }

    /** This value with the given marks added to its own. */
    public Value withMarks(Collection<Mark> more) {
        if (marks.containsAll(more)) {
            return this;
        }
        Set<Mark> all = new LinkedHashSet<>(marks);
        all.addAll(more);
        return new Value(type, payload, Collections.unmodifiableSet(all));
    }

    /** This value with the marks of all the given values added, as cty's WithSameMarks. */
    public Value withMarksOf(Value... sources) {
        Value v = this;
        for (Value s : sources) {
            v = v.withMarks(s.marks);
        }
        return v;
    }

    /** This value without its own marks; marks inside it stay. */
    public Value unmark() {
        return marks.isEmpty() ? this : new Value(type, payload, Set.of());
    }

    /** This value without any mark, at any depth. */
    public Value unmarkDeep() {
        if (!containsMarked()) {
            return this;
        }
        return new Value(type, mapChildren(Value::unmarkDeep), Set.of());
    }

    /** The marks of this value and of everything inside it. */
    public Set<Mark> deepMarks() {
        if (!containsMarked()) {
            return Set.of();
        }
        Set<Mark> all = new LinkedHashSet<>(marks);
        children().forEach(c -> all.addAll(c.deepMarks()));
        return Collections.unmodifiableSet(all);
    }

    private List<Value> children() {
        if (payload instanceof List<?> l) {
            @SuppressWarnings("unchecked")
            List<Value> values = (List<Value>) l;
            return values;
        }
        if (payload instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Collection<Value> values = (Collection<Value>) m.values();
            return List.copyOf(values);
        }
        return List.of();
    }

    private Object mapChildren(UnaryOperator<Value> f) {
        if (payload instanceof List<?>) {
            return children().stream().map(f).toList();
        }
        if (payload instanceof Map<?, ?>) {
            TreeMap<String, Value> out = new TreeMap<>(Value::compareCodePoints);
            entries().forEach((k, v) -> out.put(k, f.apply(v)));
            return Collections.unmodifiableSortedMap(out);
        }
        return payload;
    }

    // ---------------------------------------------------------------- accessors

    public String asString() {
        requireKnownNonNull(Type.STRING);
        return (String) payload;
    }

    public boolean asBool() {
        requireKnownNonNull(Type.BOOL);
        return (Boolean) payload;
    }

    /** Whether this is +Inf or -Inf (which cty's big.Float numbers can be, e.g. from 1/0). */
    public boolean isInfinite() {
        requireKnownNonNull(Type.NUMBER);
        return payload instanceof Double;
    }

    /**
     * The number as a BigDecimal, without trailing zeros.
     *
     * @throws ArithmeticException for an infinity
     */
    public BigDecimal asBigDecimal() {
        requireKnownNonNull(Type.NUMBER);
        if (payload instanceof Double d) {
            throw new ArithmeticException(d > 0 ? "+Inf" : "-Inf");
        }
        return (BigDecimal) payload;
    }

    /** The nearest double (infinities stay infinities, huge numbers become infinities). */
    public double asDouble() {
        requireKnownNonNull(Type.NUMBER);
        return payload instanceof Double d ? d : ((BigDecimal) payload).doubleValue();
    }

    public boolean isInteger() {
        requireKnownNonNull(Type.NUMBER);
        return payload instanceof BigDecimal b && Numbers.isInteger(b);
    }

    /**
     * The number as a long.
     *
     * @throws ValueException when it is not a whole number or out of the long range
     */
    public long asLong() {
        requireKnownNonNull(Type.NUMBER);
        if (!(payload instanceof BigDecimal b) || !Numbers.isInteger(b)) {
            throw new ValueException("value must be a whole number");
        }
        try {
            return b.longValueExact();
        } catch (ArithmeticException e) {
            throw new ValueException("value must be a whole number, between "
                    + Long.MIN_VALUE + " and " + Long.MAX_VALUE + " inclusive");
        }
    }

    /**
     * The number as an int.
     *
     * @throws ValueException when it is not a whole number or out of the int range
     */
    public int asInt() {
        long l = asLong();
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new ValueException("value must be a whole number, between "
                    + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE + " inclusive");
        }
        return (int) l;
    }

    /** The elements of a list, set or tuple, in order (cty's order for a set). */
    public List<Value> elements() {
        requireKnownNonNull(null);
        if (!(type.isList() || type.isSet() || type.isTuple())) {
            throw new IllegalStateException(type.friendlyName() + " has no elements in sequence");
        }
        return children();
    }

    /** The entries of a map or the attributes of an object, sorted by key as cty iterates them. */
    public SortedMap<String, Value> entries() {
        requireKnownNonNull(null);
        if (!(type.isMap() || type.isObject())) {
            throw new IllegalStateException(type.friendlyName() + " has no keyed entries");
        }
        @SuppressWarnings("unchecked")
        SortedMap<String, Value> m = (SortedMap<String, Value>) payload;
        return m;
    }

    /** The number of elements, entries or attributes of a known, non-null collection or structure. */
    public int length() {
        requireKnownNonNull(null);
        if (payload instanceof List<?> l) {
            return l.size();
        }
        if (payload instanceof Map<?, ?> m) {
            return m.size();
        }
        throw new IllegalStateException(type.friendlyName() + " has no length");
    }

    /**
     * The length as cty's Length: unknown for an unknown collection (marks kept).
     */
    public Value lengthValue() {
        if (!isKnown()) {
            return unknown(Type.NUMBER).withMarks(marks);
        }
        return number(length()).withMarks(marks);
    }

    /**
     * The attribute of an object; unknown (of the attribute's type) if this object is unknown.
     * Marks of the object are carried to the result.
     */
    public Value getAttr(String name) {
        if (!(type instanceof ObjectType ot)) {
            throw new IllegalStateException("can't get attribute \"" + name + "\" of " + type.friendlyName());
        }
        Type at = ot.attributeType(name);
        if (!isKnown()) {
            return unknown(at).withMarks(marks);
        }
        if (isNull()) {
            throw new IllegalStateException("can't get attribute of a null object");
        }
        return entries().get(name).withMarks(marks);
    }

    /**
     * cty's HasIndex: whether {@code key} identifies an element (true, false, or unknown when
     * either side is unknown). The key must already be a number (list, tuple) or a string (map).
     */
    public Value hasIndex(Value key) {
        Set<Mark> all = new LinkedHashSet<>(marks);
        all.addAll(key.marks);
        Value k = key.unmark();
        if (!isKnown() || !k.isKnown()) {
            return unknown(Type.BOOL).withMarks(all);
        }
        if (isNull() || k.isNull()) {
            return FALSE.withMarks(all);
        }
        if (type.isList() || type.isTuple()) {
            if (!k.type.equals(Type.NUMBER) || !k.isInteger()) {
                return FALSE.withMarks(all);
            }
            BigDecimal i = k.asBigDecimal();
            return bool(i.signum() >= 0 && i.compareTo(BigDecimal.valueOf(length())) < 0).withMarks(all);
        }
        if (type.isMap()) {
            return bool(k.type.equals(Type.STRING) && entries().containsKey(k.asString())).withMarks(all);
        }
        if (type.isSet()) {
            return bool(elements().contains(k.unmarkDeep())).withMarks(all);
        }
        throw new IllegalStateException("can't index " + type.friendlyName());
    }

    /**
     * cty's Index: the element of a list or tuple at a whole-number key, or of a map at a string
     * key. Unknown collections give an unknown element; marks of both sides carry to the result.
     *
     * @throws ValueException when the key does not identify an element
     */
    public Value index(Value key) {
        Set<Mark> all = new LinkedHashSet<>(marks);
        all.addAll(key.marks);
        Value k = key.unmark();
        if (!isKnown()) {
            Type et = type instanceof CollectionType c ? c.element() : Type.DYNAMIC;
            return unknown(et).withMarks(all);
        }
        if (isNull()) {
            throw new ValueException("can't index a null value");
        }
        if (type.isList() || type.isTuple()) {
            if (!k.isKnown()) {
                Type et = type.isList() ? type.elementType() : Type.DYNAMIC;
                return unknown(et).withMarks(all);
            }
            if (!(k.type.equals(Type.NUMBER) && !k.isNull() && k.isInteger())) {
                throw new ValueException("key must be a whole number");
            }
            BigDecimal i = k.asBigDecimal();
            if (i.signum() < 0 || i.compareTo(BigDecimal.valueOf(length())) >= 0) {
                throw new ValueException("index out of range");
            }
            return elements().get(i.intValueExact()).withMarks(all);
        }
        if (type.isMap()) {
            if (!k.isKnown()) {
                return unknown(type.elementType()).withMarks(all);
            }
            if (!k.type.equals(Type.STRING) || k.isNull()) {
                throw new ValueException("key must be a string");
            }
            Value v = entries().get(k.asString());
            if (v == null) {
                throw new ValueException("key \"" + k.asString() + "\" does not exist");
            }
            return v.withMarks(all);
        }
        throw new ValueException("can't index " + type.friendlyName());
    }

    private void requireKnownNonNull(Type expected) {
        if (expected != null && !type.equals(expected)) {
            throw new IllegalStateException("not a " + expected.friendlyName() + ": " + type.friendlyName());
        }
        if (!isKnown()) {
            throw new IllegalStateException("value is unknown");
        }
        if (isNull()) {
            throw new IllegalStateException("value is null");
        }
    }

    // ---------------------------------------------------------------- equality

    /**
     * The language's {@code ==}, as cty's Equals: a bool, or an unknown bool when the answer
     * depends on something unknown (including types holding the dynamic pseudo-type, such as
     * {@code [null]}). Values of different types are never equal ({@code 1 == "1"} is false).
     * The result carries the marks of both sides.
     */
    public Value equal(Value other) {
        return Equality.equal(this, other);
    }

    public Value notEqual(Value other) {
        Value eq = equal(other);
        return eq.isKnown() ? bool(!eq.unmark().asBool()).withMarks(eq.marks) : eq;
    }

    /** cty's RawEquals: same type, same content (unknown equals unknown), same marks. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof Value v && type.equals(v.type) && marks.equals(v.marks)
                && Objects.equals(payload, v.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, payload, marks);
    }

    Object payload() {
        return payload;
    }

    /** The value as the console would print it nested in a collection; sensitive parts masked. */
    @Override
    public String toString() {
        return ConsoleFormat.formatNested(this);
    }
}
