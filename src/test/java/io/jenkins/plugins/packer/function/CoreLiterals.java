package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.value.Mark;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the literal arguments of the corpus' function-call expressions ({@code f(1, "a", [x], {k = v}, var.tags...)})
 * into values, so each oracle case can call our function directly; the variables are those of the corpus'
 * template.pkr.hcl. It reads literals only: no operators, no templates beyond escapes.
 */
final class CoreLiterals {

    /** A parsed call: function name, arguments, whether the last one is expanded with "...". */
    record Call(String name, List<Object> args, boolean expand) {
    }

    /** An argument that is a type expression, for convert. */
    record TypeExpr(Type type) {
    }

    static final Map<String, Value> VARIABLES = Map.ofEntries(
            Map.entry("var.name", Value.string("packer")),
            Map.entry("var.huge", Value.number(new BigDecimal("123456789012345678901234567890"))),
            Map.entry("var.tags", Value.list(List.of(Value.string("web"), Value.string("db"), Value.string("cache")))),
            Map.entry("var.ports", Value.list(List.of(Value.number(22), Value.number(80), Value.number(443)))),
            Map.entry("var.labels", Value.map(Map.of("env", Value.string("dev"), "team", Value.string("core")))),
            Map.entry("var.letters", Value.set(List.of(Value.string("b"), Value.string("a"), Value.string("c")))),
            Map.entry("var.server", Value.object(Map.of("name", Value.string("alpha"), "port", Value.number(8080),
                    "tags", Value.list(List.of(Value.string("a"), Value.string("b")))))),
            Map.entry("var.secret", Value.string("s3cr3t-value").mark(Mark.SENSITIVE)),
            Map.entry("local.nums", Value.tuple(List.of(Value.number(3), Value.number(1), Value.number(2)))));

    private final String src;
    private int pos;

    private CoreLiterals(String src) {
        this.src = src;
    }

    static Call parseCall(String expr) {
        CoreLiterals p = new CoreLiterals(expr);
        int open = expr.indexOf('(');
        String name = expr.substring(0, open).strip();
        p.pos = open + 1;
        List<Object> args = new ArrayList<>();
        boolean expand = false;
        p.skip();
        while (p.peek() != ')') {
            args.add(name.equals("convert") && args.size() == 1 ? new TypeExpr(p.type()) : p.value());
            p.skip();
            if (p.src.startsWith("...", p.pos)) {
                expand = true;
                p.pos += 3;
                p.skip();
            }
            if (p.peek() == ',') {
                p.pos++;
                p.skip();
            }
        }
        return new Call(name, args, expand);
    }

    private char peek() {
        return src.charAt(pos);
    }

    private void skip() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private Value value() {
        skip();
        char c = peek();
        if (c == '"') {
            return Value.string(string());
        }
        if (c == '[') {
            pos++;
            List<Value> elements = new ArrayList<>();
            skip();
            while (peek() != ']') {
                elements.add(value());
                skip();
                if (peek() == ',') {
                    pos++;
                    skip();
                }
            }
            pos++;
            return Value.tuple(elements);
        }
        if (c == '{') {
            pos++;
            Map<String, Value> attrs = new LinkedHashMap<>();
            skip();
            while (peek() != '}') {
                String key = peek() == '"' ? string() : word();
                skip();
                pos++; // '=' or ':'
                attrs.put(key, value());
                skip();
                if (peek() == ',') {
                    pos++;
                    skip();
                }
            }
            pos++;
            return Value.object(attrs);
        }
        if (c == '-' || Character.isDigit(c)) {
            int start = pos;
            pos++;
            while (pos < src.length() && (Character.isLetterOrDigit(peek()) || peek() == '.'
                    || (peek() == '-' || peek() == '+') && (src.charAt(pos - 1) == 'e'))) {
                pos++;
            }
            return Value.number(new BigDecimal(src.substring(start, pos)));
        }
        String w = word();
        return switch (w) {
            case "true" -> Value.TRUE;
            case "false" -> Value.FALSE;
            case "null" -> Value.DYNAMIC_NULL;
            default -> {
                Value v = VARIABLES.get(w);
                if (v == null) {
                    throw new IllegalArgumentException("unknown reference " + w + " in " + src);
                }
                yield v;
            }
        };
    }

    private String word() {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(peek()) || peek() == '_'
                || peek() == '.' && !src.startsWith("...", pos))) {
            pos++;
        }
        return src.substring(start, pos);
    }

    private Type type() {
        skip();
        String w = word();
        switch (w) {
            case "string":
                return Type.STRING;
            case "number":
                return Type.NUMBER;
            case "bool":
                return Type.BOOL;
            case "any":
                return Type.DYNAMIC;
            case "list", "set", "map": {
                pos++;
                Type e = type();
                skip();
                pos++;
                return w.equals("list") ? Type.list(e) : w.equals("set") ? Type.set(e) : Type.map(e);
            }
            case "object": {
                pos += 2; // "({"
                Map<String, Type> attrs = new LinkedHashMap<>();
                skip();
                while (peek() != '}') {
                    String name = word();
                    skip();
                    pos++;
                    attrs.put(name, type());
                    skip();
                    if (peek() == ',') {
                        pos++;
                        skip();
                    }
                }
                pos += 2;
                return Type.object(attrs);
            }
            default:
                return null;
        }
    }

    private String string() {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (peek() != '"') {
            char c = src.charAt(pos++);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = src.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> sb.append(e);
            }
        }
        pos++;
        return sb.toString();
    }
}
