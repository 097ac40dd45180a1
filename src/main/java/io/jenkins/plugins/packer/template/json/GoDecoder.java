package io.jenkins.plugins.packer.template.json;

import io.jenkins.plugins.packer.template.GoDuration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes JSON values into the field types of packer's template structures with the rules and messages of the
 * mapstructure library packer 1.6.6 uses: struct fields match keys exactly, else case-insensitively; {@code null}
 * leaves a field unset; in weak mode booleans and numbers become strings, a scalar becomes a one-element list, and
 * a list of objects merges into one object. Errors are collected, one string per problem, as mapstructure does.
 */
final class GoDecoder {

    private final boolean weak;
    private final List<String> errors = new ArrayList<>();

    GoDecoder(boolean weak) {
        this.weak = weak;
    }

    List<String> errors() {
        return errors;
    }

    boolean failed() {
        return !errors.isEmpty();
    }

    /** The keys of an object being decoded into a struct: which member each field takes, and which are left. */
    static final class Fields {
        private final JsonValue.Obj obj;
        private final Set<String> unused = new LinkedHashSet<>();

        Fields(JsonValue.Obj obj) {
            this.obj = obj;
            obj.members().forEach(m -> unused.add(m.key()));
        }

        /** The member for a struct field: the exact key, else the first key equal to it ignoring case. */
        Optional<JsonValue.Member> take(String fieldName) {
            Optional<JsonValue.Member> m = obj.member(fieldName);
            if (m.isEmpty()) {
                m = obj.members().stream().filter(x -> x.key().equalsIgnoreCase(fieldName)).findFirst();
            }
            m.ifPresent(x -> unused.remove(x.key()));
            return m;
        }

        Set<String> unused() {
            return unused;
        }
    }

    /** A {@code string} field; {@code null} when the value is JSON null or could not be decoded. */
    String string(String name, JsonValue v) {
        if (v instanceof JsonValue.Str s) {
            return s.value();
        }
        if (weak && v instanceof JsonValue.Bool b) {
            return b.value() ? "1" : "0";
        }
        if (weak && v instanceof JsonValue.Num n) {
            return GoText.formatPlain(n.value());
        }
        if (!(v instanceof JsonValue.Null)) {
            unconvertible(name, "string", v);
        }
        return null;
    }

    /** A {@code []string} field. */
    List<String> strings(String name, JsonValue v) {
        List<JsonValue> elements;
        if (v instanceof JsonValue.Null) {
            return null;
        } else if (v instanceof JsonValue.Arr a) {
            elements = a.elements();
        } else if (!weak) {
            notASlice(name, v);
            return null;
        } else if (v instanceof JsonValue.Obj o && o.members().isEmpty()) {
            return List.of();
        } else {
            // Weak decoding lifts any other single value into a list of one.
            elements = List.of(v);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            String s = string(name + "[" + i + "]", elements.get(i));
            out.add(s == null ? "" : s);
        }
        return out;
    }

    /** A {@code []interface{}} field: any JSON array. */
    List<JsonValue> list(String name, JsonValue v) {
        if (v instanceof JsonValue.Arr a) {
            return a.elements();
        }
        if (!(v instanceof JsonValue.Null)) {
            notASlice(name, v);
        }
        return null;
    }

    /** A {@code map[string]interface{}} field; in weak mode a list of objects is merged into one. */
    Map<String, JsonValue> map(String name, JsonValue v) {
        if (v instanceof JsonValue.Null) {
            return null;
        }
        Map<String, JsonValue> out = new LinkedHashMap<>();
        if (v instanceof JsonValue.Obj o) {
            o.members().forEach(m -> out.put(m.key(), m.value()));
            return out;
        }
        if (weak && v instanceof JsonValue.Arr a) {
            String error = mergeList(name, a, out);
            if (error != null) {
                errors.add(error);
                return null;
            }
            return out;
        }
        errors.add(expectedMap(name, v));
        return null;
    }

    /** mapstructure stops merging a list at its first bad element and reports only that one. */
    private String mergeList(String name, JsonValue.Arr a, Map<String, JsonValue> into) {
        for (int i = 0; i < a.elements().size(); i++) {
            String element = name + "[" + i + "]";
            JsonValue e = a.elements().get(i);
            if (e instanceof JsonValue.Obj o) {
                o.members().forEach(m -> into.put(m.key(), m.value()));
            } else if (e instanceof JsonValue.Arr inner) {
                String error = mergeList(element, inner, into);
                if (error != null) {
                    return error;
                }
            } else if (!(e instanceof JsonValue.Null)) {
                return expectedMap(element, e);
            }
        }
        return null;
    }

    /** A {@code map[string]string} field. */
    Map<String, String> stringMap(String name, JsonValue v) {
        if (v instanceof JsonValue.Null) {
            return null;
        }
        if (!(v instanceof JsonValue.Obj o)) {
            errors.add(expectedMap(name, v));
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonValue.Member m : o.members()) {
            String s = string(name + "[" + m.key() + "]", m.value());
            out.put(m.key(), s == null ? "" : s);
        }
        return out;
    }

    /** A {@code []map[string]string} field. */
    List<Map<String, String>> stringMaps(String name, JsonValue v) {
        List<JsonValue> elements = list(name, v);
        if (elements == null) {
            return null;
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            Map<String, String> m = stringMap(name + "[" + i + "]", elements.get(i));
            out.add(m == null ? Map.of() : m);
        }
        return out;
    }

    /**
     * A {@code []byte} field, strictly decoded: only the root's RawContents has one, and packer replaces its value
     * with the file's bytes anyway, so only the errors matter.
     */
    void bytes(String name, JsonValue v) {
        List<JsonValue> elements = list(name, v);
        if (elements == null) {
            return;
        }
        for (int i = 0; i < elements.size(); i++) {
            String element = name + "[" + i + "]";
            JsonValue e = elements.get(i);
            if (e instanceof JsonValue.Num n) {
                if (n.value() < 0) {
                    errors.add("cannot parse '" + element + "', " + GoText.formatFixed6(n.value()) + " overflows uint");
                }
            } else if (!(e instanceof JsonValue.Null)) {
                unconvertible(element, "uint8", e);
            }
        }
    }

    /** A {@code *bool} field. */
    Boolean bool(String name, JsonValue v) {
        if (v instanceof JsonValue.Bool b) {
            return b.value();
        }
        if (!(v instanceof JsonValue.Null)) {
            unconvertible(name, "bool", v);
        }
        return null;
    }

    /** A {@code time.Duration} field with packer's string-to-duration hook. */
    Duration duration(String name, JsonValue v) {
        if (v instanceof JsonValue.Str s) {
            try {
                return Duration.ofNanos(GoDuration.parse(s.value()));
            } catch (GoDuration.InvalidDuration e) {
                errors.add("error decoding '" + name + "': " + e.getMessage());
                return null;
            }
        }
        if (v instanceof JsonValue.Num n) {
            return Duration.ofNanos((long) n.value());
        }
        if (weak && v instanceof JsonValue.Bool b) {
            return Duration.ofNanos(b.value() ? 1 : 0);
        }
        if (!(v instanceof JsonValue.Null)) {
            unconvertible(name, "time.Duration", v);
        }
        return null;
    }

    /** mapstructure's message for a value that is not an object where a struct or map is expected. */
    static String expectedMap(String name, JsonValue v) {
        return "'" + name + "' expected a map, got '" + GoText.kindName(v) + "'";
    }

    private void notASlice(String name, JsonValue v) {
        errors.add("'" + name + "': source data must be an array or slice, got " + GoText.kindName(v));
    }

    private void unconvertible(String name, String type, JsonValue v) {
        errors.add("'" + name + "' expected type '" + type + "', got unconvertible type '" + GoText.typeName(v)
                + "', value: '" + GoText.value(v) + "'");
    }
}
