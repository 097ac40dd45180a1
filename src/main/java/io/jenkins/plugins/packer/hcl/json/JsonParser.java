package io.jenkins.plugins.packer.hcl.json;

import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.Pos;
import io.jenkins.plugins.packer.hcl.Range;
import io.jenkins.plugins.packer.hcl.Suggestions;
import io.jenkins.plugins.packer.hcl.ast.File;
import io.jenkins.plugins.packer.hcl.json.JsonScanner.Token;
import io.jenkins.plugins.packer.hcl.json.JsonScanner.Type;
import io.jenkins.plugins.packer.hcl.json.JsonValue.ArrayValue;
import io.jenkins.plugins.packer.hcl.json.JsonValue.ObjectValue;
import io.jenkins.plugins.packer.hcl.json.JsonValue.Property;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses HCL's JSON syntax ({@code .pkr.json} files and JSON var-files) into a file whose body is a {@link JsonBody},
 * with the messages and ranges of HCL's JSON parser. Like HCL's, it goes on after most errors, standing an invalid
 * value in for the broken part, and skips ahead to the end of a broken object or array.
 * See <a href="https://github.com/hashicorp/hcl/blob/main/json/spec.md">the HCL JSON syntax spec</a>.
 */
public final class JsonParser {

    private static final String VALUE_START = "A JSON value must start with a brace, a bracket, a number, a string,"
            + " or a keyword.";
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final List<String> KEYWORDS = List.of("false", "true", "null");

    private final byte[] src;
    private final List<Token> tokens;
    private int next;

    private JsonParser(byte[] src, List<Token> tokens) {
        this.src = src;
        this.tokens = tokens;
    }

    /** Parses a whole file; its root must be an object or an array of objects. */
    public static File parse(byte[] src, String filename, Diagnostics diags) {
        Diagnostics own = new Diagnostics();
        JsonValue root = parseValue(src, filename, own);
        if (!(root instanceof ObjectValue || root instanceof ArrayValue)) {
            own.error("Root value must be object", "The root value in a JSON-based configuration must be either a JSON"
                    + " object or a JSON array of objects.", root.startRange());
            // An empty stand-in, so that reading the body does not report the same problem again.
            Range start = Range.at(filename, Pos.START);
            root = new ObjectValue(List.of(), start, start, start);
        }
        diags.addAll(own);
        return new File(filename, new JsonBody(root), src);
    }

    /** Parses one JSON value: the whole input must be that value. */
    public static JsonValue parseValue(byte[] src, String filename, Diagnostics diags) {
        JsonParser p = new JsonParser(src, JsonScanner.scan(src, filename));
        Diagnostics own = new Diagnostics();
        JsonValue v = p.value(own);
        if (own.isEmpty() && p.peek().type() != Type.EOF) {
            own.error("Extraneous data after value", "Extra characters appear after the JSON value.",
                    p.peek().range());
        }
        diags.addAll(own);
        return v;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token read() {
        Token t = tokens.get(next);
        if (t.type() != Type.EOF) {
            next++;
        }
        return t;
    }

    /** A value, or an invalid stand-in where it was too broken; never null. */
    private JsonValue value(Diagnostics diags) {
        Token tok = peek();
        JsonValue v = switch (tok.type()) {
            case BRACE_O -> object(diags);
            case BRACK_O -> array(diags);
            case NUMBER -> number(diags);
            case STRING -> string(diags);
            case KEYWORD -> keyword(diags);
            case BRACE_C -> {
                diags.error("Missing JSON value", VALUE_START, tok.range());
                yield null;
            }
            case BRACK_C -> {
                diags.error("Missing array element value", VALUE_START, tok.range());
                yield null;
            }
            case EOF -> {
                diags.error("Missing value", "The JSON data ends prematurely.", tok.range());
                yield null;
            }
            default -> {
                diags.error("Invalid start of value", VALUE_START, tok.range());
                yield null;
            }
        };
        return v != null ? v : new JsonValue.InvalidValue(tok.range());
    }

    /**
     * Skips to what seems the end of the current object or array after an error, so that parsing can go on: from
     * {@code tok} (already read) to the closer that balances the openers seen meanwhile, or to the end of input.
     * Like HCL it stops at an inner closer as soon as the count is back to one.
     */
    private void recover(Token tok, Type open, Type close) {
        int depth = 1;
        while (true) {
            if (tok.type() == open) {
                depth++;
            } else if (tok.type() == close) {
                depth--;
                if (depth <= 1) {
                    return;
                }
            } else if (tok.type() == Type.EOF) {
                return;
            }
            tok = read();
        }
    }

    private JsonValue object(Diagnostics diags) {
        Token open = read();
        List<Property> props = new ArrayList<>();
        while (peek().type() != Type.BRACE_C) {
            JsonValue key = value(diags);
            if (!(key instanceof JsonValue.StringValue name)) {
                diags.error("Invalid object property name", "A JSON object property name must be a string",
                        key.startRange());
                return null;
            }
            Token colon = read();
            if (colon.type() != Type.COLON) {
                recover(colon, Type.BRACE_O, Type.BRACE_C);
                if (colon.type() == Type.BRACE_C || colon.type() == Type.COMMA) {
                    diags.error("Missing object value", "A JSON object attribute must have a value, introduced by a"
                            + " colon.", colon.range());
                } else if (colon.type() == Type.EQUALS) {
                    diags.error("Missing property value colon", "JSON uses a colon as its name/value delimiter, not an"
                            + " equals sign.", colon.range());
                } else {
                    diags.error("Missing property value colon", "A colon must appear between an object property's"
                            + " name and its value.", colon.range());
                }
                return null;
            }
            JsonValue val = value(diags);
            props.add(new Property(name.value(), val, name.range()));
            switch (peek().type()) {
                case COMMA -> {
                    Token comma = read();
                    if (peek().type() == Type.BRACE_C) {
                        diags.error("Trailing comma in object", "JSON does not permit a trailing comma after the final"
                                + " property in an object.", comma.range());
                        return null;
                    }
                }
                case EOF -> {
                    diags.error("Unclosed object", "No closing brace was found for this JSON object.", open.range());
                    return null;
                }
                case BRACK_C -> {
                    // The bracket is consumed, so HCL points at whatever follows it.
                    read();
                    diags.error("Mismatched braces", "A JSON object must be closed with a brace, not a bracket.",
                            peek().range());
                    return null;
                }
                case BRACE_C -> {
                }
                default -> {
                    recover(read(), Type.BRACE_O, Type.BRACE_C);
                    diags.error("Missing attribute seperator comma", "A comma must appear between each property"
                            + " definition in an object.", peek().range());
                    return null;
                }
            }
        }
        Token close = read();
        return new ObjectValue(List.copyOf(props), Range.between(open.range(), close.range()), open.range(),
                close.range());
    }

    private JsonValue array(Diagnostics diags) {
        Token open = read();
        List<JsonValue> vals = new ArrayList<>();
        while (peek().type() != Type.BRACK_C) {
            vals.add(value(diags));
            switch (peek().type()) {
                case COMMA -> {
                    Token comma = read();
                    if (peek().type() == Type.BRACK_C) {
                        diags.error("Trailing comma in array", "JSON does not permit a trailing comma after the final"
                                + " value in an array.", comma.range());
                        return null;
                    }
                }
                case COLON -> {
                    recover(read(), Type.BRACK_O, Type.BRACK_C);
                    diags.error("Invalid array value", "A colon is not used to introduce values in a JSON array.",
                            peek().range());
                    return null;
                }
                case EOF -> {
                    recover(read(), Type.BRACK_O, Type.BRACK_C);
                    diags.error("Unclosed object", "No closing bracket was found for this JSON array.", open.range());
                    return null;
                }
                case BRACE_C -> {
                    recover(read(), Type.BRACK_O, Type.BRACK_C);
                    diags.error("Mismatched brackets", "A JSON array must be closed with a bracket, not a brace.",
                            peek().range());
                    return null;
                }
                case BRACK_C -> {
                }
                default -> {
                    recover(read(), Type.BRACK_O, Type.BRACK_C);
                    diags.error("Missing attribute seperator comma", "A comma must appear between each value in an"
                            + " array.", peek().range());
                    return null;
                }
            }
        }
        Token close = read();
        return new ArrayValue(List.copyOf(vals), Range.between(open.range(), close.range()), open.range());
    }

    private JsonValue number(Diagnostics diags) {
        Token tok = read();
        String text = tok.text(src);
        if (!NUMBER.matcher(text).matches()) {
            diags.error("Invalid JSON number", "There is a syntax error in the given JSON number.", tok.range());
            return null;
        }
        return new JsonValue.NumberValue(new BigDecimal(text), tok.range());
    }

    private JsonValue string(Diagnostics diags) {
        Token tok = read();
        JsonStrings.Result r = JsonStrings.unquote(src, tok.start(), tok.end());
        if (r.value() == null) {
            // Like HCL, which takes the offset of encoding/json's syntax error (one past the offending byte) as
            // both a byte and a column count.
            Pos s = tok.range().start();
            Pos errStart = new Pos(s.line(), s.column() + r.errorOffset(), s.byteOffset() + r.errorOffset());
            Pos errEnd = new Pos(errStart.line(), errStart.column() + 1, errStart.byteOffset() + 1);
            Range subject = new Range(tok.range().filename(), errStart, errEnd);
            diags.add(Diagnostic.error("Invalid JSON string", "There is a syntax error in the given JSON string.",
                    subject, subject.equals(tok.range()) ? null : tok.range()));
            return null;
        }
        return new JsonValue.StringValue(r.value(), tok.range());
    }

    private JsonValue keyword(Diagnostics diags) {
        Token tok = read();
        String s = tok.text(src);
        switch (s) {
            case "true":
                return new JsonValue.BoolValue(true, tok.range());
            case "false":
                return new JsonValue.BoolValue(false, tok.range());
            case "null":
                return new JsonValue.NullValue(tok.range());
            case "undefined", "NaN", "Infinity":
                diags.error("Invalid JSON keyword", "The JavaScript identifier \"" + s + "\" cannot be used in JSON.",
                        tok.range());
                return null;
            default:
                String suggestion = Suggestions.nameSuggestion(s, KEYWORDS);
                diags.error("Invalid JSON keyword", "\"" + s + "\" is not a valid JSON keyword."
                        + (suggestion == null ? "" : " Did you mean \"" + suggestion + "\"?"), tok.range());
                return null;
        }
    }
}
