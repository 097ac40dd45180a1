package io.jenkins.plugins.packer.value;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which cty iterates a set, so that printed sets match Packer's: known non-null
 * elements first; strings by code point, numbers by value, false before true; any other element
 * type by the bytes of cty's set-hash text of each element.
 */
final class SetOrder {

    private static final Comparator<Value> ORDER = SetOrder::compare;

    private SetOrder() {
    }

    /** The elements without duplicates (by {@code ==}; unknowns are never duplicates), in set order. */
    static List<Value> distinctSorted(List<Value> elements) {
        List<Value> out = new ArrayList<>();
        for (Value e : elements) {
            if (out.stream().noneMatch(o -> Equality.isTrue(o.equal(e)))) {
                out.add(e);
            }
        }
        out.sort(ORDER);
        return List.copyOf(out);
    }

    private static int compare(Value a, Value b) {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isNull() != b.isNull()) {
            return a.isNull() ? 1 : -1;
        }
        if (a.isKnown() != b.isKnown()) {
            return a.isKnown() ? -1 : 1;
        }
        if (a.isNull() || !a.isKnown()) {
            return 0;
        }
        Type t = a.type();
        if (t.equals(b.type()) && t.equals(Type.STRING)) {
            return Value.compareCodePoints(a.asString(), b.asString());
        }
        if (t.equals(b.type()) && t.equals(Type.BOOL)) {
            return Boolean.compare(a.asBool(), b.asBool());
        }
        if (t.equals(b.type()) && t.equals(Type.NUMBER)) {
            return Equality.compareNumbers(a, b);
        }
        return Arrays.compareUnsigned(hashBytes(a), hashBytes(b));
    }

    private static byte[] hashBytes(Value v) {
        StringBuilder sb = new StringBuilder();
        appendHashText(v, sb);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendHashText(Value v, StringBuilder sb) {
        if (!v.isKnown()) {
            sb.append('?');
            return;
        }
        if (v.isNull()) {
            sb.append('~');
            return;
        }
        Type t = v.type();
        if (t.equals(Type.NUMBER)) {
            sb.append(v.isInfinite() ? Numbers.toDecimalString(v) : Numbers.formatBigG(v.asBigDecimal(), 10));
        } else if (t.equals(Type.BOOL)) {
            sb.append(v.asBool() ? 'T' : 'F');
        } else if (t.equals(Type.STRING)) {
            sb.append(ConsoleFormat.goQuote(v.asString()));
        } else if (t.isMap()) {
            sb.append('{');
            v.entries().forEach((k, e) -> {
                sb.append(ConsoleFormat.goQuote(k)).append(':');
                appendHashText(e, sb);
                sb.append(';');
            });
            sb.append('}');
        } else if (t.isList() || t.isSet()) {
            sb.append('[');
            v.elements().forEach(e -> {
                appendHashText(e, sb);
                sb.append(';');
            });
            sb.append(']');
        } else {
            sb.append('<');
            List<Value> parts = t.isObject() ? List.copyOf(v.entries().values()) : v.elements();
            parts.forEach(e -> {
                appendHashText(e, sb);
                sb.append(';');
            });
            sb.append('>');
        }
    }
}
