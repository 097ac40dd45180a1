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
        JsonValue root = JsonReader.tree(GoText.decodeUtf8(content, 0, content.length)).root();
        Map<String, String> values = new LinkedHashMap<>();
        if (root instanceof JsonValue.Null) {
            return new Result(values, null);
        }
        if (!(root instanceof JsonValue.Obj obj)) {
            return new Result(null, cannotUnmarshal(root, "kvflag.FlagJSON"));
        }
        String firstError = null;
        for (JsonValue.Member m : obj.members()) {
            JsonValue v = m.value();
            if (v instanceof JsonValue.Str s) {
                values.put(m.key(), s.value());
            } else if (v instanceof JsonValue.Null) {
                values.put(m.key(), "");
            } else if (firstError == null) {
                // Go keeps decoding after a type error and reports the first one.
                firstError = cannotUnmarshal(v, "string");
            }
        }
        return firstError != null ? new Result(null, firstError) : new Result(values, null);
    }

    private static String cannotUnmarshal(JsonValue v, String goType) {
        String kind;
        if (v instanceof JsonValue.Str) {
            kind = "string";
        } else if (v instanceof JsonValue.Num) {
            kind = "number";
        } else if (v instanceof JsonValue.Bool) {
            kind = "bool";
        } else if (v instanceof JsonValue.Arr) {
            kind = "array";
        } else {
            kind = "object";
        }
        return "json: cannot unmarshal " + kind + " into Go value of type " + goType;
    }
}
