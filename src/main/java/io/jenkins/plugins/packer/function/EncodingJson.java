package io.jenkins.plugins.packer.function;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.jenkins.plugins.packer.value.EvaluationCancelled;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * cty's JSON encoding ({@code cty/json}) for jsonencode, jsondecode and format's {@code %v}: numbers keep every digit
 * (BigDecimal both ways), strings are escaped as Go's encoding/json does (including {@code < > &}), and decode errors
 * read as Go's json.Decoder reports them.
 */
public final class EncodingJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private EncodingJson() {
    }

    /** cty's json.Marshal of a wholly known, unmarked value. */
    static String marshal(Value v) throws FunctionException {
        StringBuilder sb = new StringBuilder();
        marshal(v, sb);
        return sb.toString();
    }

    private static void marshal(Value v, StringBuilder sb) throws FunctionException {
        if (v.isNull()) {
            sb.append("null");
            return;
        }
        if (!v.isKnown()) {
            throw new FunctionException("value is not known");
        }
        Type t = v.type();
        if (t.equals(Type.STRING)) {
            quote(v.asString(), sb);
        } else if (t.equals(Type.NUMBER)) {
            if (v.isInfinite()) {
                throw new FunctionException("cannot serialize infinity as JSON");
            }
            sb.append(v.asBigDecimal().toPlainString());
        } else if (t.equals(Type.BOOL)) {
            sb.append(v.asBool());
        } else if (t.isMap() || t.isObject()) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Value> e : v.entries().entrySet()) {
                EvaluationCancelled.check();
                if (!first) {
                    sb.append(',');
                }
                quote(e.getKey(), sb);
                sb.append(':');
                marshal(e.getValue(), sb);
                first = false;
            }
            sb.append('}');
        } else {
            sb.append('[');
            boolean first = true;
            for (Value e : v.elements()) {
                EvaluationCancelled.check();
                if (!first) {
                    sb.append(',');
                }
                marshal(e, sb);
                first = false;
            }
            sb.append(']');
        }
    }

    /** Go's encoding/json string escaping with HTML-safe escapes, as json.Marshal writes it. */
    public static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * cty's jsondecode: the value with the type JSON implies (objects, tuples, numbers, strings, bools; null is a null
     * of unknown type), rejecting anything but whitespace or a closing bracket after it.
     */
    static Value decode(String text) throws FunctionException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken tok = p.nextToken();
            if (tok == null) {
                throw new FunctionException("EOF");
            }
            Value v = read(p, tok);
            int end = (int) p.currentLocation().getCharOffset();
            String rest = text.substring(Math.min(end, text.length())).stripLeading();
            if (!rest.isEmpty() && rest.charAt(0) != ']' && rest.charAt(0) != '}') {
                throw new FunctionException("extraneous data after JSON object");
            }
            return v;
        } catch (JsonEOFException e) {
            // Go's decoder says "EOF" when the text ends between tokens (inside an array or an object), and
            // "unexpected EOF" when it ends inside one (a string, a number, a literal).
            JsonToken within = e.getTokenBeingDecoded();
            boolean insideToken = within == JsonToken.VALUE_STRING || within == JsonToken.VALUE_NUMBER_INT
                    || within == JsonToken.VALUE_NUMBER_FLOAT || within == JsonToken.FIELD_NAME
                    && String.valueOf(e.getOriginalMessage()).contains("in field name");
            throw new FunctionException(insideToken ? "unexpected EOF" : "EOF");
        } catch (JsonParseException e) {
            String why = String.valueOf(e.getOriginalMessage());
            if (why.contains("end-of-input within/between")) {
                throw new FunctionException("EOF");
            }
            if (why.contains("end-of-input")) {
                throw new FunctionException("unexpected EOF");
            }
            // Jackson stops at the '.' or 'e' of a number whose next character is not a digit; Go at that character.
            boolean fraction = why.contains("Decimal point not followed by a digit");
            if ((fraction || why.contains("Exponent indicator not followed by a digit")) && e.getLocation() != null) {
                int next = (int) e.getLocation().getCharOffset() + 1;
                while (!fraction && next < text.length() && (text.charAt(next) == '+' || text.charAt(next) == '-')) {
                    next++;
                }
                throw new FunctionException(next >= text.length() ? "unexpected EOF"
                        : "invalid character " + quoteChar(text.codePointAt(next))
                        + (fraction ? " after decimal point in numeric literal" : " in exponent of numeric literal"));
            }
            throw new FunctionException(goSyntaxError(text, e));
        } catch (IOException e) {
            throw new FunctionException(e.getMessage());
        }
    }

    private static Value read(JsonParser p, JsonToken tok) throws IOException {
        switch (tok) {
            case START_OBJECT -> {
                Map<String, Value> attrs = new TreeMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    EvaluationCancelled.check();
                    String name = p.currentName();
                    attrs.put(name, read(p, p.nextToken()));
                }
                return Value.object(attrs);
            }
            case START_ARRAY -> {
                List<Value> elements = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    EvaluationCancelled.check();
                    elements.add(read(p, t));
                }
                return Value.tuple(elements);
            }
            case VALUE_STRING -> {
                return Value.string(p.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return Value.number(p.getDecimalValue());
            }
            case VALUE_TRUE -> {
                return Value.TRUE;
            }
            case VALUE_FALSE -> {
                return Value.FALSE;
            }
            case VALUE_NULL -> {
                return Value.DYNAMIC_NULL;
            }
            default -> throw new JsonParseException(p, "unexpected token " + tok);
        }
    }

    /** Go's "invalid character 'x' <context>" for the character Jackson stopped at. */
    private static String goSyntaxError(String text, JsonParseException e) {
        JsonLocation loc = e.getLocation();
        int at = loc == null ? -1 : (int) loc.getCharOffset();
        // Jackson's location is the offending character's own.
        int i = at;
        if (i < 0 || i >= text.length()) {
            return "unexpected EOF";
        }
        String before = text.substring(0, i).strip();
        char prev = before.isEmpty() ? 0 : before.charAt(before.length() - 1);
        String context;
        String msg = e.getOriginalMessage();
        if (msg != null && msg.startsWith("Unrecognized token")) {
            String literal = literalError(text, i);
            if (literal != null) {
                return literal;
            }
        }
        if (msg != null && msg.contains("Illegal unquoted character")) {
            context = " in string literal";
        } else if (prev == '{') {
            context = "";
        } else if (prev == ',' && insideObject(before)) {
            context = " looking for beginning of object key string";
        } else if (prev == 0 || prev == '[' || prev == ',' || prev == ':') {
            context = " looking for beginning of value";
        } else if (insideObject(before)) {
            context = before.endsWith("\"") && !before.endsWith(":") && keyPending(before)
                    ? " after object key" : " after object key:value pair";
        } else {
            context = " after array element";
        }
        return "invalid character " + quoteChar(text.codePointAt(i)) + context;
    }

    /** Go's scanner on a broken true/false/null: "unexpected EOF" if cut short, else the first wrong character. */
    private static String literalError(String text, int at) {
        for (String lit : new String[] {"true", "false", "null"}) {
            if (text.charAt(at) != lit.charAt(0)) {
                continue;
            }
            for (int k = 1; k < lit.length(); k++) {
                if (at + k >= text.length()) {
                    return "unexpected EOF";
                }
                if (text.charAt(at + k) != lit.charAt(k)) {
                    return "invalid character " + quoteChar(text.codePointAt(at + k)) + " in literal " + lit
                            + " (expecting " + quoteChar(lit.charAt(k)) + ")";
                }
            }
        }
        return null;
    }

    private static boolean insideObject(String before) {
        int depth = 0;
        boolean inString = false;
        for (int i = before.length() - 1; i >= 0; i--) {
            char c = before.charAt(i);
            if (c == '"' && (i == 0 || before.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (!inString && (c == '}' || c == ']')) {
                depth++;
            } else if (!inString && (c == '{' || c == '[')) {
                if (depth == 0) {
                    return c == '{';
                }
                depth--;
            }
        }
        return false;
    }

    /** Whether the last string in an object is a key still waiting for its colon. */
    private static boolean keyPending(String before) {
        int close = before.length() - 1;
        int open = before.lastIndexOf('"', close - 1);
        String lead = open <= 0 ? "" : before.substring(0, open).strip();
        return lead.endsWith("{") || lead.endsWith(",");
    }

    /** Go's quoteChar: the byte in single quotes, escaped as strconv.Quote would. */
    private static String quoteChar(int cp) {
        if (cp == '\'') {
            return "'\\''";
        }
        if (cp == '"') {
            return "'\"'";
        }
        if (cp > 0x7F) {
            byte first = Character.toString(cp).getBytes(java.nio.charset.StandardCharsets.UTF_8)[0];
            return String.format("'\\x%02x'", first & 0xFF);
        }
        String q = StringFunctions.goQuote(Character.toString(cp));
        return "'" + q.substring(1, q.length() - 1) + "'";
    }
}
