package io.jenkins.plugins.packer.hcl.json;

import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.EvalContext;
import io.jenkins.plugins.packer.hcl.Evaluator;
import io.jenkins.plugins.packer.hcl.Parser;
import io.jenkins.plugins.packer.hcl.Pos;
import io.jenkins.plugins.packer.hcl.Range;
import io.jenkins.plugins.packer.hcl.StringLiterals;
import io.jenkins.plugins.packer.hcl.Variables;
import io.jenkins.plugins.packer.hcl.ast.Expression;
import io.jenkins.plugins.packer.hcl.ast.Traverser;
import io.jenkins.plugins.packer.hcl.json.JsonValue.ArrayValue;
import io.jenkins.plugins.packer.hcl.json.JsonValue.ObjectValue;
import io.jenkins.plugins.packer.hcl.json.JsonValue.Property;
import io.jenkins.plugins.packer.hcl.json.JsonValue.StringValue;
import io.jenkins.plugins.packer.value.ConversionException;
import io.jenkins.plugins.packer.value.Convert;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The meaning of JSON values as HCL expressions: strings (and object keys) are templates of the native syntax when
 * there is an evaluation context and literal text when there is none; arrays are tuples and objects are objects.
 */
public final class JsonExpressions {

    private JsonExpressions() {
    }

    /** The value of {@code v}; {@code ctx} null means no interpolation, strings are taken as they are. */
    public static Value value(JsonValue v, EvalContext ctx, Diagnostics diags) {
        if (v instanceof StringValue s) {
            if (ctx == null) {
                return Value.string(s.value());
            }
            Diagnostics parse = new Diagnostics();
            Expression template = template(s, parse);
            diags.addAll(parse);
            if (parse.hasErrors()) {
                return Value.DYNAMIC_UNKNOWN;
            }
            return Evaluator.evaluate(template, ctx, diags);
        }
        if (v instanceof JsonValue.NumberValue n) {
            return Value.number(n.value());
        }
        if (v instanceof JsonValue.BoolValue b) {
            return Value.bool(b.value());
        }
        if (v instanceof JsonValue.NullValue) {
            return Value.DYNAMIC_NULL;
        }
        if (v instanceof ArrayValue a) {
            List<Value> vals = new ArrayList<>();
            for (JsonValue el : a.values()) {
                vals.add(value(el, ctx, diags));
            }
            return Value.tuple(vals);
        }
        if (v instanceof ObjectValue o) {
            return object(o, ctx, diags);
        }
        // An invalid value stands for input already reported; an unknown lets the rest be evaluated.
        return Value.DYNAMIC_UNKNOWN;
    }

    private static Value object(ObjectValue o, EvalContext ctx, Diagnostics diags) {
        Map<String, Value> attrs = new LinkedHashMap<>();
        Map<String, Range> attrRanges = new LinkedHashMap<>();
        boolean known = true;
        for (Property p : o.properties()) {
            // Keys may be templates too, for parity with the native syntax's dynamic object keys.
            Value name = value(new StringValue(p.name(), p.nameRange()), ctx, diags);
            Value val = value(p.value(), ctx, diags);
            try {
                name = Convert.convert(name, Type.STRING);
            } catch (ConversionException e) {
                diags.error("Invalid object key expression", "Cannot use this expression as an object key: "
                        + e.getMessage() + ".", p.nameRange());
                continue;
            }
            if (name.isNull()) {
                diags.error("Invalid object key expression", "Cannot use null value as an object key.",
                        p.nameRange());
                continue;
            }
            if (!name.isKnown()) {
                // The object's type depends on its keys, so the whole object is unknown; go on to find more errors.
                known = false;
                continue;
            }
            String key = name.unmark().asString();
            if (attrs.containsKey(key)) {
                diags.error("Duplicate object attribute", "An attribute named " + StringLiterals.goQuote(key)
                        + " was already defined at " + attrRanges.get(key) + ".", p.nameRange());
                continue;
            }
            attrs.put(key, val.withMarksOf(name));
            attrRanges.put(key, p.nameRange());
        }
        return known ? Value.object(attrs) : Value.DYNAMIC_UNKNOWN;
    }

    /** The references in {@code v}'s strings and keys; a string that is no valid template refers to nothing. */
    public static List<List<Traverser>> variables(JsonValue v) {
        List<List<Traverser>> out = new ArrayList<>();
        if (v instanceof StringValue s) {
            Diagnostics parse = new Diagnostics();
            Expression template = template(s, parse);
            if (!parse.hasErrors()) {
                out.addAll(Variables.of(template));
            }
        } else if (v instanceof ArrayValue a) {
            a.values().forEach(el -> out.addAll(variables(el)));
        } else if (v instanceof ObjectValue o) {
            for (Property p : o.properties()) {
                out.addAll(variables(new StringValue(p.name(), p.nameRange())));
                out.addAll(variables(p.value()));
            }
        }
        return out;
    }

    /**
     * A JSON string read as one native expression, as HCL does to find a keyword or a static call in it (a type such
     * as {@code "list(string)"}); null when {@code v} is no string or not an expression. Like HCL, positions start
     * at the opening quote.
     */
    public static Expression nativeExpression(JsonValue v) {
        if (!(v instanceof StringValue s)) {
            return null;
        }
        Diagnostics parse = new Diagnostics();
        Expression e = Parser.parseExpression(s.value().getBytes(StandardCharsets.UTF_8), s.range().filename(),
                s.range().start(), parse);
        return parse.hasErrors() ? null : e;
    }

    /**
     * The string as a template. Its positions start just after the opening quote; escapes the JSON string held are
     * not seen, so, as in HCL, later positions on its line can be off.
     */
    private static Expression template(StringValue s, Diagnostics diags) {
        Pos start = s.range().start();
        return Parser.parseTemplate(s.value().getBytes(StandardCharsets.UTF_8), s.range().filename(),
                new Pos(start.line(), start.column() + 1, start.byteOffset() + 1), diags);
    }

    /** HCL's context string for a position in a JSON file: the path of properties and indexes down to it. */
    public static String contextString(JsonValue root, int offset) {
        StringBuilder path = new StringBuilder();
        JsonValue v = root;
        while (true) {
            JsonValue inner = null;
            if (v instanceof ObjectValue o) {
                for (Property p : o.properties()) {
                    if (isContainer(p.value()) && contains(p.value().range(), offset)) {
                        path.append('.').append(p.name());
                        inner = p.value();
                        break;
                    }
                }
            } else if (v instanceof ArrayValue a) {
                for (int i = 0; i < a.values().size(); i++) {
                    JsonValue el = a.values().get(i);
                    if (isContainer(el) && contains(el.range(), offset)) {
                        path.append('[').append(i).append(']');
                        inner = el;
                        break;
                    }
                }
            }
            if (inner == null) {
                break;
            }
            v = inner;
        }
        return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }

    private static boolean isContainer(JsonValue v) {
        return v instanceof ObjectValue || v instanceof ArrayValue;
    }

    private static boolean contains(Range r, int offset) {
        return offset >= r.start().byteOffset() && offset < r.end().byteOffset();
    }

}
