package io.jenkins.plugins.packer.template.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON variables file ({@code -var-file=vars.json} with a JSON template): one object of string values, read as
 * packer 1.6.6 reads it, through Go's streaming decoder. So what follows the first object is ignored, {@code null}
 * (as the document or as a value) is accepted, and any other value is refused with Go's words ({@code json: cannot
 * unmarshal number into Go value of type string}).
 */
public final class JsonVarFile {

    /**
     * The values, in file order (a later duplicate wins), or the error text packer prints after
     * {@code Error reading variables in 'FILE': }.
     */
    public record Result(Map<String, String> values, String error) {

        public Result {
            values = values == null ? null : Collections.unmodifiableMap(values);
        }

        public boolean ok() {
            return error == null;
        }
    }

    private JsonVarFile() {
    }

    public static Result parse(byte[] content) {
        var syntax = GoJsonSyntax.checkFirstValue(content);
        if (syntax.isPresent()) {
            return new Result(null, syntax.get());
        }
        Map<String, String> values = new LinkedHashMap<>();
        String text = GoText.decodeUtf8(content, 0, content.length).stripLeading();
        // Only an object is read further; for anything else its first character tells what it is, and Jackson
        // would refuse what Go ignores after a number ("12x").
        switch (text.charAt(0)) {
            case '{' -> { }
            case 'n' -> {
                return new Result(values, null);
            }
            case '"' -> {
                return new Result(null, cannotUnmarshal("string", "kvflag.FlagJSON"));
            }
            case 't', 'f' -> {
                return new Result(null, cannotUnmarshal("bool", "kvflag.FlagJSON"));
            }
            case '[' -> {
                return new Result(null, cannotUnmarshal("array", "kvflag.FlagJSON"));
            }
            default -> {
                return new Result(null, cannotUnmarshal("number", "kvflag.FlagJSON"));
            }
        }
        JsonValue.Obj obj = (JsonValue.Obj) JsonReader.tree(text).root();
        String firstError = null;
        for (JsonValue.Member m : obj.members()) {
            JsonValue v = m.value();
            if (v instanceof JsonValue.Str s) {
                values.put(m.key(), s.value());
            } else if (v instanceof JsonValue.Null) {
                values.put(m.key(), "");
            } else if (firstError == null) {
                // Go keeps decoding after a type error and reports the first one.
                firstError = cannotUnmarshal(kind(v), "string");
            }
        }
        return firstError != null ? new Result(null, firstError) : new Result(values, null);
    }

    private static String cannotUnmarshal(String kind, String goType) {
        return "json: cannot unmarshal " + kind + " into Go value of type " + goType;
    }

    /** encoding/json's name for the kind of a JSON value. */
    private static String kind(JsonValue v) {
        if (v instanceof JsonValue.Num) {
            return "number";
        } else if (v instanceof JsonValue.Bool) {
            return "bool";
        } else if (v instanceof JsonValue.Arr) {
            return "array";
        }
        return "object";
    }
}
