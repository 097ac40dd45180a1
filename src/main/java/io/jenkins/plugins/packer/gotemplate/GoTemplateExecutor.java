package io.jenkins.plugins.packer.gotemplate;

import io.jenkins.plugins.packer.value.GoStrings;
import io.jenkins.plugins.packer.value.Numbers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes a parsed Go template with no data ({@code Execute(w, nil)}), the way {@code hcl2_upgrade} runs the
 * legacy template calls: functions get their arguments checked and converted as Go's reflection does, fields of the
 * missing data are "no value", and errors carry Go's wording and {@code line:column} position. Values are
 * {@code String}, {@code Long} (Go int), {@code Double}, {@code Boolean}, or null for Go's invalid value.
 */
public final class GoTemplateExecutor {

    /** A parameter type of a template function. */
    public enum Kind {
        STRING("string"), INT("int"), ANY("interface {}");

        final String goName;

        Kind(String goName) {
            this.goName = goName;
        }
    }

    /** A template function: fixed parameters, then optionally a variadic last one. */
    public interface Function {
        List<Kind> parameters();

        /** Whether the last parameter is variadic ({@code ...T}). */
        default boolean variadic() {
            return false;
        }

        /** Calls the function; an exception's message is what Go would report as the call's error. */
        Object call(List<Object> args) throws Exception;
    }

    /** A function of fixed string parameters. */
    public static Function strings(int count, java.util.function.Function<List<String>, String> body) {
        return new Function() {
            @Override
            public List<Kind> parameters() {
                return java.util.Collections.nCopies(count, Kind.STRING);
            }

            @Override
            public Object call(List<Object> args) {
                return body.apply(args.stream().map(String.class::cast).toList());
            }
        };
    }

    /** A function of fixed parameters of the given kinds. */
    public static Function typed(List<Kind> params, java.util.function.Function<List<Object>, String> body) {
        return new Function() {
            @Override
            public List<Kind> parameters() {
                return params;
            }

            @Override
            public Object call(List<Object> args) {
                return body.apply(args);
            }
        };
    }

    /** A function of one variadic string parameter. */
    public static Function variadicStrings(java.util.function.Function<List<String>, String> body) {
        return new Function() {
            @Override
            public List<Kind> parameters() {
                return List.of(Kind.STRING);
            }

            @Override
            public boolean variadic() {
                return true;
            }

            @Override
            public Object call(List<Object> args) {
                return body.apply(args.stream().map(String.class::cast).toList());
            }
        };
    }

    /** Marks "no final argument" in a pipeline, as Go's {@code missingVal}. */
    private static final Object MISSING = new Object();

    private final String name;
    private final String text;
    private final Map<String, Function> functions;
    private final Map<String, Object> variables = new HashMap<>();
    private final Object dot;
    private GoTemplateNode current;

    private GoTemplateExecutor(String name, String text, Map<String, Function> functions, Object data) {
        this.name = name;
        this.text = text;
        this.functions = functions;
        this.dot = data;
        variables.put("$", data);
    }

    /**
     * A Go struct passed as a template's data: its fields by name. A field it lacks is an execution error naming
     * {@code typeName}, where a map's missing key is "no value".
     */
    public record Struct(String typeName, Map<String, Object> fields) {
        public Struct {
            fields = Map.copyOf(fields);
        }
    }

    /** Runs the parsed {@code root} of {@code text} and returns what it prints. */
    public static String execute(String name, String text, List<GoTemplateNode> root, Map<String, Function> functions)
            throws GoTemplateException {
        return execute(name, text, root, functions, null);
    }

    /**
     * Runs the parsed {@code root} of {@code text} with {@code data} as dot: null (Go's nil), a
     * {@code Map<String, ?>} (Go's {@code map[string]interface{}}) or a {@link Struct}.
     */
    public static String execute(String name, String text, List<GoTemplateNode> root, Map<String, Function> functions,
                                 Object data) throws GoTemplateException {
        GoTemplateExecutor e = new GoTemplateExecutor(name, text, functions, data);
        StringBuilder out = new StringBuilder();
        try {
            for (GoTemplateNode n : root) {
                e.walk(n, out);
            }
        } catch (Failure f) {
            throw new GoTemplateException(f.getMessage());
        }
        return out.toString();
    }

    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private Failure error(String message) {
        if (current == null) {
            return new Failure("template: " + name + ": " + message);
        }
        int pos = current.pos();
        String before = text.substring(0, pos);
        int lastNewline = before.lastIndexOf('\n');
        int column = before.substring(lastNewline + 1).getBytes(StandardCharsets.UTF_8).length;
        int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
        String context = current.toString();
        if (context.codePointCount(0, context.length()) > 20) {
            context = context.substring(0, context.offsetByCodePoints(0, 20)) + "...";
        }
        return new Failure("template: " + name + ":" + line + ":" + column + ": executing " + GoStrings.quote(name)
                + " at <" + context + ">: " + message);
    }

    private void walk(GoTemplateNode node, StringBuilder out) {
        if (node instanceof GoTemplateNode.Text t) {
            out.append(t.text());
        } else if (node instanceof GoTemplateNode.Action a) {
            Object v = pipeline(a.pipe());
            if (a.pipe().decls().isEmpty()) {
                current = a;
                out.append(print(v));
            }
        } else {
            // Control structures never reach execution: the upgrade refuses them before.
            current = node;
            throw error("unsupported node " + node);
        }
    }

    private Object pipeline(GoTemplateNode.Pipe pipe) {
        Object value = MISSING;
        for (GoTemplateNode.Command c : pipe.cmds()) {
            value = command(c, value);
        }
        for (GoTemplateNode.Variable v : pipe.decls()) {
            variables.put(v.idents().get(0), value);
        }
        return value;
    }

    private Object command(GoTemplateNode.Command cmd, Object fin) {
        GoTemplateNode first = cmd.args().get(0);
        if (first instanceof GoTemplateNode.Field f) {
            current = f;
            return fields(dot, f.idents(), cmd.args(), fin);
        } else if (first instanceof GoTemplateNode.Chain c) {
            current = c;
            Object base = c.node() instanceof GoTemplateNode.Pipe p ? pipeline(p) : argument(c.node(), Kind.ANY);
            return fields(base, c.fields(), cmd.args(), fin);
        } else if (first instanceof GoTemplateNode.Identifier id) {
            return function(id, cmd, cmd.args().subList(1, cmd.args().size()), fin);
        } else if (first instanceof GoTemplateNode.Pipe p) {
            notAFunction(cmd.args(), fin);
            return pipeline(p);
        } else if (first instanceof GoTemplateNode.Variable v) {
            current = v;
            Object base = variables.get(v.idents().get(0));
            return fields(base, v.idents().subList(1, v.idents().size()), cmd.args(), fin);
        }
        current = first;
        notAFunction(cmd.args(), fin);
        if (first instanceof GoTemplateNode.Bool b) {
            return b.value();
        } else if (first instanceof GoTemplateNode.Dot) {
            return dot;
        } else if (first instanceof GoTemplateNode.Nil) {
            throw error("nil is not a command");
        } else if (first instanceof GoTemplateNode.Number n) {
            return constant(n);
        } else if (first instanceof GoTemplateNode.Str s) {
            return s.text();
        }
        throw error("can't evaluate command " + first);
    }

    private void notAFunction(List<GoTemplateNode> args, Object fin) {
        if (args.size() > 1 || fin != MISSING) {
            throw error("can't give argument to non-function " + args.get(0));
        }
    }

    /**
     * Fields of a value: a struct's fields, a map's keys (a missing one is no value); fields of nil are no value, and
     * of anything else do not exist.
     */
    private Object fields(Object receiver, List<String> idents, List<GoTemplateNode> args, Object fin) {
        Object value = receiver;
        for (String field : idents) {
            if (value == null) {
                return null;
            } else if (value instanceof Map<?, ?> m) {
                value = m.get(field);
            } else if (value instanceof Struct st && st.fields().containsKey(field)) {
                value = st.fields().get(field);
            } else {
                throw error("can't evaluate field " + field + " in type " + goType(value));
            }
        }
        if (args.size() > 1 || fin != MISSING) {
            throw error("can't give argument to non-function " + args.get(0));
        }
        return value;
    }

    private static Object constant(GoTemplateNode.Number n) {
        boolean floatText = !n.text().matches("(?i)[+-]?0x.*") && !n.text().startsWith("'")
                && n.text().matches(".*[.eEpP].*");
        if (floatText || n.integer() == null) {
            return n.value();
        }
        return n.integer();
    }

    private Object function(GoTemplateNode.Identifier id, GoTemplateNode.Command cmd, List<GoTemplateNode> args,
                            Object fin) {
        current = id;
        String fname = id.name();
        Function f = functions.get(fname);
        if (f == null) {
            f = Builtins.get(fname);
            if (f == null) {
                throw error(GoStrings.quote(fname) + " is not a defined function");
            }
        }
        List<Kind> params = f.parameters();
        int numIn = args.size() + (fin != MISSING ? 1 : 0);
        int numFixed = f.variadic() ? params.size() - 1 : args.size();
        if (f.variadic()) {
            if (numIn < numFixed) {
                throw error("wrong number of args for " + fname + ": want at least " + (params.size() - 1) + " got "
                        + args.size());
            }
        } else if (numIn != params.size()) {
            throw error("wrong number of args for " + fname + ": want " + params.size() + " got " + numIn);
        }
        List<Object> argv = new ArrayList<>();
        int i = 0;
        for (; i < numFixed && i < args.size(); i++) {
            argv.add(argument(args.get(i), params.get(i)));
        }
        if (f.variadic()) {
            Kind elem = params.get(params.size() - 1);
            for (; i < args.size(); i++) {
                argv.add(argument(args.get(i), elem));
            }
        }
        if (fin != MISSING) {
            Kind t = f.variadic() && numIn - 1 >= numFixed ? params.get(params.size() - 1)
                    : params.get(Math.min(numIn - 1, params.size() - 1));
            argv.add(validate(fin, t));
        }
        try {
            return f.call(argv);
        } catch (Failure e) {
            throw e;
        } catch (Exception e) {
            // Go reports a failed call at the whole command: "at <env `HOME`>".
            current = cmd;
            throw error("error calling " + fname + ": " + e.getMessage());
        }
    }

    private Object argument(GoTemplateNode n, Kind kind) {
        current = n;
        if (n instanceof GoTemplateNode.Dot) {
            return validate(dot, kind);
        } else if (n instanceof GoTemplateNode.Nil) {
            if (kind == Kind.ANY) {
                return null;
            }
            throw error("cannot assign nil to " + kind.goName);
        } else if (n instanceof GoTemplateNode.Field f) {
            return validate(fields(dot, f.idents(), List.of(n), MISSING), kind);
        } else if (n instanceof GoTemplateNode.Variable v) {
            Object base = variables.get(v.idents().get(0));
            return validate(fields(base, v.idents().subList(1, v.idents().size()), List.of(n), MISSING), kind);
        } else if (n instanceof GoTemplateNode.Pipe p) {
            return validate(pipeline(p), kind);
        } else if (n instanceof GoTemplateNode.Identifier id) {
            // An identifier as an argument is a call of its own: Go reports its failure at the identifier.
            return validate(function(id, new GoTemplateNode.Command(id.pos(), List.of(id)), List.of(), MISSING), kind);
        } else if (n instanceof GoTemplateNode.Chain c) {
            Object base = c.node() instanceof GoTemplateNode.Pipe p ? pipeline(p) : argument(c.node(), Kind.ANY);
            return validate(fields(base, c.fields(), List.of(n), MISSING), kind);
        }
        switch (kind) {
            case STRING:
                if (n instanceof GoTemplateNode.Str s) {
                    return s.text();
                }
                throw error("expected string; found " + n);
            case INT:
                if (n instanceof GoTemplateNode.Number num && num.integer() != null) {
                    return num.integer();
                }
                throw error("expected integer; found " + n);
            default:
                if (n instanceof GoTemplateNode.Bool b) {
                    return b.value();
                } else if (n instanceof GoTemplateNode.Number num) {
                    return constant(num);
                } else if (n instanceof GoTemplateNode.Str s) {
                    return s.text();
                }
                throw error("can't handle " + n + " for arg of type " + kind.goName);
        }
    }

    private Object validate(Object value, Kind kind) {
        if (kind == Kind.ANY) {
            return value;
        }
        if (value == null) {
            throw error("invalid value; expected " + kind.goName);
        }
        boolean ok = kind == Kind.STRING ? value instanceof String : value instanceof Long;
        if (!ok) {
            throw error("wrong type for value; expected " + kind.goName + "; got " + goType(value));
        }
        return value;
    }

    static String goType(Object v) {
        if (v instanceof String) {
            return "string";
        } else if (v instanceof Long) {
            return "int";
        } else if (v instanceof Double) {
            return "float64";
        } else if (v instanceof Boolean) {
            return "bool";
        } else if (v instanceof Struct st) {
            return st.typeName();
        } else if (v instanceof Map<?, ?>) {
            return "map[string]interface {}";
        }
        return "<nil>";
    }

    /** {@code fmt.Sprint} of one value; Go prints a missing value as {@code <no value>}. */
    static String print(Object v) {
        if (v == null) {
            return "<no value>";
        } else if (v instanceof Double d) {
            return Numbers.formatGoG(d);
        }
        return v.toString();
    }

    /**
     * The few Go builtins a Packer template plausibly pipes into: printing and the comparisons. The others are
     * accepted by the parser (Go knows them) but report that this upgrade does not run them.
     */
    private static final class Builtins {

        static Function get(String name) {
            return switch (name) {
                case "print" -> any(args -> sprint(args, false));
                case "println" -> any(args -> sprint(args, true) + "\n");
                case "not" -> fixedAny(1, args -> !truth(args.get(0)));
                case "eq" -> fixedAny(2, args -> java.util.Objects.equals(args.get(0), args.get(1)));
                case "ne" -> fixedAny(2, args -> !java.util.Objects.equals(args.get(0), args.get(1)));
                case "and" -> any(args -> {
                    for (Object a : args) {
                        if (!truth(a)) {
                            return a;
                        }
                    }
                    return args.isEmpty() ? null : args.get(args.size() - 1);
                });
                case "or" -> any(args -> {
                    for (Object a : args) {
                        if (truth(a)) {
                            return a;
                        }
                    }
                    return args.isEmpty() ? null : args.get(args.size() - 1);
                });
                case "len" -> fixedAny(1, args -> {
                    Object a = args.get(0);
                    if (a instanceof String str) {
                        return (long) str.getBytes(StandardCharsets.UTF_8).length;
                    } else if (a instanceof Map<?, ?> m) {
                        return (long) m.size();
                    }
                    throw new IllegalArgumentException("len of type " + goType(a));
                });
                case "printf" -> any(args -> {
                    if (args.isEmpty() || !(args.get(0) instanceof String)) {
                        throw new IllegalArgumentException("wrong type for value; expected string; got "
                                + (args.isEmpty() ? "<nil>" : goType(args.get(0))));
                    }
                    return sprintf((String) args.get(0), args.subList(1, args.size()));
                });
                default -> GoTemplateParser.BUILTINS.contains(name) ? any(args -> {
                    throw new UnsupportedOperationException("the builtin " + name
                            + " is not supported in Packer templates here; rewrite this call");
                }) : null;
            };
        }

        private static Function any(java.util.function.Function<List<Object>, Object> body) {
            return new Function() {
                @Override
                public List<Kind> parameters() {
                    return List.of(Kind.ANY);
                }

                @Override
                public boolean variadic() {
                    return true;
                }

                @Override
                public Object call(List<Object> args) {
                    return body.apply(args);
                }
            };
        }

        private static Function fixedAny(int n, java.util.function.Function<List<Object>, Object> body) {
            return new Function() {
                @Override
                public List<Kind> parameters() {
                    return java.util.Collections.nCopies(n, Kind.ANY);
                }

                @Override
                public Object call(List<Object> args) {
                    return body.apply(args);
                }
            };
        }

        private static boolean truth(Object v) {
            if (v == null || v.equals(Boolean.FALSE) || v.equals("") || v.equals(0L)) {
                return false;
            }
            return !(v instanceof Double d) || d != 0;
        }

        /** Go's {@code fmt.Sprintf} for the verbs templates use: {@code %s %v %d %q %x %t %%}. */
        private static String sprintf(String format, List<Object> args) {
            StringBuilder sb = new StringBuilder();
            int arg = 0;
            for (int i = 0; i < format.length(); i++) {
                char c = format.charAt(i);
                if (c != '%' || i + 1 >= format.length()) {
                    sb.append(c);
                    continue;
                }
                char verb = format.charAt(++i);
                if (verb == '%') {
                    sb.append('%');
                    continue;
                }
                if (arg >= args.size()) {
                    sb.append("%!").append(verb).append("(MISSING)");
                    continue;
                }
                Object a = args.get(arg++);
                switch (verb) {
                    case 's', 'v' -> sb.append(a == null ? "<nil>" : print(a));
                    case 'd' -> sb.append(a instanceof Long ? a.toString() : "%!d(" + goType(a) + "=" + print(a) + ")");
                    case 'q' -> sb.append(a instanceof String str ? GoStrings.quote(str)
                            : "%!q(" + goType(a) + "=" + print(a) + ")");
                    case 'x' -> sb.append(a instanceof Long l ? Long.toHexString(l) : a instanceof String str
                            ? java.util.HexFormat.of().formatHex(str.getBytes(StandardCharsets.UTF_8))
                            : "%!x(" + goType(a) + "=" + print(a) + ")");
                    case 't' -> sb.append(a instanceof Boolean ? a.toString() : "%!t(" + goType(a) + "=" + print(a)
                            + ")");
                    default -> sb.append("%!").append(verb).append('(').append(goType(a)).append('=')
                            .append(print(a)).append(')');
                }
            }
            if (arg < args.size()) {
                sb.append("%!(EXTRA ");
                for (int i = arg; i < args.size(); i++) {
                    sb.append(i > arg ? ", " : "").append(goType(args.get(i))).append('=').append(print(args.get(i)));
                }
                sb.append(')');
            }
            return sb.toString();
        }

        /** {@code fmt.Sprint}: spaces between operands when neither is a string; Sprintln always. */
        private static String sprint(List<Object> args, boolean ln) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < args.size(); i++) {
                Object a = args.get(i);
                if (i > 0 && (ln || !(a instanceof String) && !(args.get(i - 1) instanceof String))) {
                    sb.append(' ');
                }
                sb.append(a == null ? "<nil>" : print(a));
            }
            return sb.toString();
        }
    }
}
