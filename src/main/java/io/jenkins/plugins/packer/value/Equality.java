package io.jenkins.plugins.packer.value;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** cty's Equals, the language's {@code ==}. */
final class Equality {

    private Equality() {
    }

    static Value equal(Value a, Value b) {
        Set<Mark> marks = new LinkedHashSet<>(a.deepMarks());
        marks.addAll(b.deepMarks());
        return compare(a.unmarkDeep(), b.unmarkDeep()).withMarks(marks);
    }

    private static Value compare(Value a, Value b) {
        Value unknown = Value.unknown(Type.BOOL);
        if (!a.isKnown() && !b.isKnown()) {
            return unknown;
        }
        if (!b.isKnown()) {
            return a.isNull() || b.type().hasDynamicTypes() || a.type().equals(b.type()) ? unknown : Value.FALSE;
        }
        if (!a.isKnown()) {
            return b.isNull() || a.type().hasDynamicTypes() || a.type().equals(b.type()) ? unknown : Value.FALSE;
        }
        if (a.isNull() || b.isNull()) {
            return Value.bool(a.isNull() && b.isNull());
        }
        if (a.type().hasDynamicTypes() || b.type().hasDynamicTypes()) {
            return unknown;
        }
        if (!a.type().equals(b.type())) {
            return Value.FALSE;
        }
        Type t = a.type();
        if (t.equals(Type.NUMBER)) {
            return Value.bool(compareNumbers(a, b) == 0);
        }
        if (t.isPrimitive()) {
            return Value.bool(a.payload().equals(b.payload()));
        }
        if (t.isSet()) {
            return Value.bool(containsAll(a.elements(), b.elements()) && containsAll(b.elements(), a.elements()));
        }
        if (t.isList() || t.isTuple()) {
            return allEqual(a.elements(), b.elements());
        }
        Map<String, Value> ea = a.entries();
        Map<String, Value> eb = b.entries();
        if (!ea.keySet().equals(eb.keySet())) {
            return Value.FALSE;
        }
        return allEqual(List.copyOf(ea.values()), List.copyOf(eb.values()));
    }

    private static Value allEqual(List<Value> a, List<Value> b) {
        if (a.size() != b.size()) {
            return Value.FALSE;
        }
        for (int i = 0; i < a.size(); i++) {
            Value eq = compare(a.get(i), b.get(i));
            if (!eq.isKnown()) {
                return eq;
            }
            if (!eq.asBool()) {
                return Value.FALSE;
            }
        }
        return Value.TRUE;
    }

    private static boolean containsAll(List<Value> haystack, List<Value> needles) {
        return needles.stream().allMatch(n -> haystack.stream().anyMatch(h -> isTrue(compare(h, n))));
    }

    static boolean isTrue(Value v) {
        return v.isKnown() && v.asBool();
    }

    /** Orders two known, non-null numbers, infinities included. */
    static int compareNumbers(Value a, Value b) {
        boolean ia = a.isInfinite();
        boolean ib = b.isInfinite();
        if (ia || ib) {
            return Double.compare(ia ? a.asDouble() : 0, ib ? b.asDouble() : 0);
        }
        BigDecimal x = a.asBigDecimal();
        return x.compareTo(b.asBigDecimal());
    }
}
