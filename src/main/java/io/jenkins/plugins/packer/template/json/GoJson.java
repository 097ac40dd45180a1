package io.jenkins.plugins.packer.template.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as Go decodes it into {@code interface{}}: {@code Map<String, Object>} for objects (a later duplicate key
 * wins), {@code List<Object>} for arrays, {@code String}, {@code Double} (float64), {@code Boolean} and
 * {@code null}. The values are mutable, because packer's fixers change the decoded template in place.
 */
final class GoJson {

    private GoJson() {
    }

    static Object of(JsonValue v) {
        if (v instanceof JsonValue.Str s) {
            return s.value();
        } else if (v instanceof JsonValue.Num n) {
            return n.value();
        } else if (v instanceof JsonValue.Bool b) {
            return b.value();
        } else if (v instanceof JsonValue.Arr a) {
            List<Object> list = new ArrayList<>();
            a.elements().forEach(e -> list.add(of(e)));
            return list;
        } else if (v instanceof JsonValue.Obj o) {
            Map<String, Object> map = new LinkedHashMap<>();
            o.members().forEach(m -> map.put(m.key(), of(m.value())));
            return map;
        }
        return null;
    }

    /** The reflect kind of a decoded value, as mapstructure names it in its errors. */
    static String kind(Object v) {
        if (v instanceof String) {
            return "string";
        } else if (v instanceof Double) {
            return "float64";
        } else if (v instanceof Boolean) {
            return "bool";
        } else if (v instanceof List) {
            return "slice";
        } else if (v instanceof Map) {
            return "map";
        }
        return "invalid";
    }

    /** A decoded object, or {@code null} when the value is not one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object v) {
        return v instanceof Map ? (Map<String, Object>) v : null;
    }

    /** A decoded array, or {@code null} when the value is not one. */
    @SuppressWarnings("unchecked")
    static List<Object> asList(Object v) {
        return v instanceof List ? (List<Object>) v : null;
    }
}
