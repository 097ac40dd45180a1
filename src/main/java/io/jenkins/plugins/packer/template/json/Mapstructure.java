package io.jenkins.plugins.packer.template.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few mapstructure decodes packer's fixers make of a decoded template ({@link GoJson}), with what they copy,
 * what they keep and mapstructure's error texts. Decoding into a map copies the map (its values are shared);
 * decoding into {@code interface{}} shares the value.
 */
final class Mapstructure {

    /** Why a decode failed: mapstructure's error text. */
    static final class DecodeException extends Exception {
        private static final long serialVersionUID = 1L;

        DecodeException(String message) {
            super(message, null, false, false);
        }
    }

    private Mapstructure() {
    }

    /**
     * The value a struct field is decoded from: the key spelled as the field (or its tag), else the first key equal
     * to it ignoring case (packer takes any of them, in Go's random map order).
     */
    static Object field(Map<String, Object> in, String name) {
        if (in.containsKey(name)) {
            return in.get(name);
        }
        for (Map.Entry<String, Object> e : in.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * A field decoded into {@code []map[string]interface{}}: {@code null} when absent or null, else a list of
     * copies of its objects (a null element stays null). Errors are added to {@code errors}.
     */
    static List<Map<String, Object>> maps(String name, Object raw, List<String> errors) {
        if (raw == null) {
            return null;
        }
        List<Object> list = GoJson.asList(raw);
        if (list == null) {
            errors.add(notASlice(name, raw));
            return null;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object e = list.get(i);
            if (e == null || e instanceof Map) {
                out.add(copy(e));
            } else {
                errors.add("'" + name + "[" + i + "]' expected a map, got '" + GoJson.kind(e) + "'");
            }
        }
        return out;
    }

    /** A field decoded into {@code []interface{}}: {@code null} when absent or null, else a new list of the values. */
    static List<Object> list(String name, Object raw, List<String> errors) {
        if (raw == null) {
            return null;
        }
        List<Object> list = GoJson.asList(raw);
        if (list == null) {
            errors.add(notASlice(name, raw));
            return null;
        }
        return new ArrayList<>(list);
    }

    /**
     * A field weakly decoded into {@code []interface{}}: an array's values, nothing for an empty object, and any
     * other value as a list of itself.
     */
    static List<Object> weakList(Object raw) {
        if (raw == null) {
            return null;
        }
        List<Object> list = GoJson.asList(raw);
        if (list != null) {
            return new ArrayList<>(list);
        }
        List<Object> out = new ArrayList<>();
        if (!(raw instanceof Map<?, ?> m && m.isEmpty())) {
            out.add(raw);
        }
        return out;
    }

    /** Whether a value decodes into {@code map[string]interface{}} (null does, as a nil map). */
    static boolean isMapOrNull(Object raw) {
        return raw == null || raw instanceof Map;
    }

    /** An object decoded into {@code map[string]interface{}}: a copy, or {@code null} for null. */
    static Map<String, Object> copy(Object raw) {
        Map<String, Object> m = GoJson.asMap(raw);
        return m == null ? null : new LinkedHashMap<>(m);
    }

    /**
     * A value weakly decoded into {@code map[string]interface{}}: a copy of an object, the objects of an array
     * merged into one, {@code null} for null.
     */
    static Map<String, Object> weakMap(Object raw) throws DecodeException {
        return weakMap("", raw, null);
    }

    private static Map<String, Object> weakMap(String name, Object raw, Map<String, Object> into)
            throws DecodeException {
        if (raw == null) {
            return into;
        }
        if (raw instanceof Map<?, ?>) {
            Map<String, Object> out = into == null ? new LinkedHashMap<>() : into;
            out.putAll(GoJson.asMap(raw));
            return out;
        }
        List<Object> list = GoJson.asList(raw);
        if (list == null) {
            throw new DecodeException("'" + name + "' expected a map, got '" + GoJson.kind(raw) + "'");
        }
        Map<String, Object> out = into;
        if (list.isEmpty()) {
            return out == null ? new LinkedHashMap<>() : out;
        }
        for (int i = 0; i < list.size(); i++) {
            out = weakMap(name + "[" + i + "]", list.get(i), out);
        }
        return out;
    }

    /**
     * A value decoded into {@code []string}: an empty list for null, {@code null} when it is not an array of
     * strings (null elements become empty strings).
     */
    static List<String> strings(Object raw) {
        List<String> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        List<Object> list = GoJson.asList(raw);
        if (list == null) {
            return null;
        }
        for (Object e : list) {
            if (e != null && !(e instanceof String)) {
                return null;
            }
            out.add(e == null ? "" : (String) e);
        }
        return out;
    }

    private static String notASlice(String name, Object raw) {
        return "'" + name + "': source data must be an array or slice, got " + GoJson.kind(raw);
    }
}
