package io.jenkins.plugins.packer.gotemplate;

import io.jenkins.plugins.packer.value.GoStrings;
import io.jenkins.plugins.packer.value.Numbers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Executes a parsed Go template as Go's {@code text/template} (of Go 1.19, which packer 1.6.6 is built with) does:
 * actions, {@code if}/{@code else if}/{@code else}, {@code with}, {@code range} with {@code break} and
 * {@code continue}, {@code template} and {@code block}, variables scoped to their control structure; functions get
 * their arguments checked and converted as Go's reflection does, fields of missing data are "no value", and errors
 * carry Go's wording and {@code line:column} position. Values are {@code String}, {@code Long} (Go int),
 * {@code Double}, {@code Boolean}, {@code Map<String, ?>}, {@code List<?>}, {@link Struct}, or null for Go's invalid
 * value.
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

    /** Go's {@code maxExecDepth}: how deep {@code {{template}}} calls may nest. */
    static final int MAX_DEPTH = 100_000;

    /** The stack a thread gets to run templates that call templates, so that Go's depth is reachable. */
    private static final long DEEP_STACK = 512L << 20;

    private final GoTemplate template;
    private final Map<String, Function> functions;
    /** Go's variable stack: names and values, searched from the top; {@code $} at the bottom. */
    private List<String> varNames = new ArrayList<>();
    private List<Object> varValues = new ArrayList<>();
    /** The template being executed, which errors name ({@code executing "x"}). */
    private String executing;
    private int depth;
    private GoTemplateNode current;

    private GoTemplateExecutor(GoTemplate template, Map<String, Function> functions, Object data) {
        this.template = template;
        this.functions = functions;
        this.executing = template.name();
        push("$", data);
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
        return execute(new GoTemplate(name, text, Map.of(name, root)), functions, data);
    }

    /**
     * Runs the main template of {@code template} with {@code data} as dot ({@code Execute(w, data)}); its
     * {@code {{template}}} actions run the templates it defines.
     */
    public static String execute(GoTemplate template, Map<String, Function> functions, Object data)
            throws GoTemplateException {
        GoTemplateExecutor e = new GoTemplateExecutor(template, functions, data);
        if (!template.callsTemplates()) {
            return e.run(data);
        }
        // Templates that call templates may nest as deep as Go allows: give them a stack for it.
        Object[] result = new Object[1];
        Thread t = io.jenkins.plugins.packer.run.DeepStack.start(() -> {
            try {
                result[0] = e.run(data);
            } catch (GoTemplateException | RuntimeException | Error ex) {
                result[0] = ex;
            }
        }, "go-template", false, DEEP_STACK);
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException ie) {
                // The execution is bounded; let it end, then pass the interruption on.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (result[0] instanceof GoTemplateException ge) {
            throw ge;
        } else if (result[0] instanceof RuntimeException re) {
            throw re;
        } else if (result[0] instanceof Error err) {
            throw err;
        }
        return (String) result[0];
    }

    private String run(Object data) throws GoTemplateException {
        StringBuilder out = new StringBuilder();
        try {
            walkList(data, template.root(), out);
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

    /** {@code {{break}}} and {@code {{continue}}}, unwinding to their range as Go's panics do. */
    private static final class LoopExit extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private static final LoopExit BREAK = new LoopExit();
        private static final LoopExit CONTINUE = new LoopExit();

        private LoopExit() {
            super(null, null, false, false);
        }
    }

    private Failure error(String message) {
        String name = template.name();
        if (current == null) {
            return new Failure("template: " + name + ": " + message);
        }
        String text = template.text();
        int pos = current.pos();
        String before = text.substring(0, pos);
        int lastNewline = before.lastIndexOf('\n');
        int column = before.substring(lastNewline + 1).getBytes(StandardCharsets.UTF_8).length;
        int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
        String context = current.toString();
        if (context.codePointCount(0, context.length()) > 20) {
            context = context.substring(0, context.offsetByCodePoints(0, 20)) + "...";
        }
        return new Failure("template: " + name + ":" + line + ":" + column + ": executing "
                + GoStrings.quote(executing) + " at <" + context + ">: " + message);
    }

    // ---- variables ----

    private int mark() {
        return varNames.size();
    }

    private void pop(int mark) {
        varNames.subList(mark, varNames.size()).clear();
        varValues.subList(mark, varValues.size()).clear();
    }

    private void push(String name, Object value) {
        varNames.add(name);
        varValues.add(value);
    }

    /** Sets the n-th variable from the top (1 is the top one). */
    private void setTopVar(int n, Object value) {
        varValues.set(varValues.size() - n, value);
    }

    private void setVar(String name, Object value) {
        int i = varNames.lastIndexOf(name);
        if (i < 0) {
            throw error("undefined variable: " + name);
        }
        varValues.set(i, value);
    }

    private Object varValue(String name) {
        int i = varNames.lastIndexOf(name);
        if (i < 0) {
            throw error("undefined variable: " + name);
        }
        return varValues.get(i);
    }

    // ---- walking the tree ----

    private void walkList(Object dot, List<GoTemplateNode> list, StringBuilder out) {
        for (GoTemplateNode n : list) {
            walk(dot, n, out);
        }
    }

    private void walk(Object dot, GoTemplateNode node, StringBuilder out) {
        current = node;
        if (node instanceof GoTemplateNode.Text t) {
            out.append(t.text());
        } else if (node instanceof GoTemplateNode.Action a) {
            // The action's variables stay declared until the end of the enclosing control.
            Object v = pipeline(dot, a.pipe());
            if (a.pipe().decls().isEmpty()) {
                current = a;
                out.append(print(v));
            }
        } else if (node instanceof GoTemplateNode.Branch b && b.keyword().equals("range")) {
            walkRange(dot, b, out);
        } else if (node instanceof GoTemplateNode.Branch b) {
            walkIfOrWith(dot, b, out);
        } else if (node instanceof GoTemplateNode.Template t) {
            walkTemplate(dot, t, out);
        } else if (node instanceof GoTemplateNode.LoopControl c) {
            throw c.keyword().equals("break") ? LoopExit.BREAK : LoopExit.CONTINUE;
        } else {
            throw error("unknown node: " + node);
        }
    }

    private void walkIfOrWith(Object dot, GoTemplateNode.Branch b, StringBuilder out) {
        int mark = mark();
        try {
            Object value = pipeline(dot, b.pipe());
            if (isTrue(value)) {
                walkList(b.keyword().equals("with") ? value : dot, b.list(), out);
            } else if (b.elseList() != null) {
                walkList(dot, b.elseList(), out);
            }
        } finally {
            pop(mark);
        }
    }

    private void walkRange(Object dot, GoTemplateNode.Branch r, StringBuilder out) {
        int mark = mark();
        try {
            Object value = pipeline(dot, r.pipe());
            int inner = mark();
            if (value instanceof Map<?, ?> m && !m.isEmpty()) {
                // Go ranges over a map in the order of its sorted keys.
                List<String> keys = m.keySet().stream().map(String.class::cast).sorted(io.jenkins.plugins.packer.value.Value::compareCodePoints)
                        .toList();
                for (String k : keys) {
                    iteration(r, k, m.get(k), inner, out);
                }
                return;
            } else if (value instanceof List<?> l && !l.isEmpty()) {
                for (int i = 0; i < l.size(); i++) {
                    iteration(r, (long) i, l.get(i), inner, out);
                }
                return;
            } else if (value != null && !(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
                throw error("range can't iterate over " + print(value));
            }
            if (r.elseList() != null) {
                walkList(dot, r.elseList(), out);
            }
        } catch (LoopExit e) {
            if (e != LoopExit.BREAK) {
                throw e;
            }
        } finally {
            pop(mark);
        }
    }

    private void iteration(GoTemplateNode.Branch r, Object index, Object element, int mark, StringBuilder out) {
        // The last variable declared gets the element, the one before it the index.
        int decls = r.pipe().decls().size();
        if (decls > 0) {
            setTopVar(1, element);
        }
        if (decls > 1) {
            setTopVar(2, index);
        }
        try {
            walkList(element, r.list(), out);
        } catch (LoopExit e) {
            if (e != LoopExit.CONTINUE) {
                throw e;
            }
        } finally {
            pop(mark);
        }
    }

    private void walkTemplate(Object dot, GoTemplateNode.Template t, StringBuilder out) {
        current = t;
        List<GoTemplateNode> tree = template.trees().get(t.name());
        if (tree == null) {
            throw error("template " + GoStrings.quote(t.name()) + " not defined");
        }
        if (depth == MAX_DEPTH) {
            throw error("exceeded maximum template depth (" + MAX_DEPTH + ")");
        }
        Object newDot = t.pipe() == null ? null : pipeline(dot, t.pipe());
        // No dynamic scoping: the template sees only $, its dot.
        List<String> names = varNames;
        List<Object> values = varValues;
        String caller = executing;
        varNames = new ArrayList<>();
        varValues = new ArrayList<>();
        push("$", newDot);
        executing = t.name();
        depth++;
        try {
            walkList(newDot, tree, out);
        } catch (StackOverflowError e) {
            current = t;
            throw error("exceeded maximum template depth (" + MAX_DEPTH + ")");
        } finally {
            depth--;
            executing = caller;
            varNames = names;
            varValues = values;
        }
    }

    private Object pipeline(Object dot, GoTemplateNode.Pipe pipe) {
        current = pipe;
        Object value = MISSING;
        for (GoTemplateNode.Command c : pipe.cmds()) {
            value = command(dot, c, value);
        }
        for (GoTemplateNode.Variable v : pipe.decls()) {
            if (pipe.assign()) {
                setVar(v.idents().get(0), value);
            } else {
                push(v.idents().get(0), value);
            }
        }
        return value;
    }

    private Object command(Object dot, GoTemplateNode.Command cmd, Object fin) {
        GoTemplateNode first = cmd.args().get(0);
        if (first instanceof GoTemplateNode.Field f) {
            current = f;
            return fields(dot, f.idents(), cmd.args(), fin);
        } else if (first instanceof GoTemplateNode.Chain c) {
            current = c;
            Object base = c.node() instanceof GoTemplateNode.Pipe p ? pipeline(dot, p)
                    : argument(dot, c.node(), Kind.ANY);
            return fields(base, c.fields(), cmd.args(), fin);
        } else if (first instanceof GoTemplateNode.Identifier id) {
            return function(dot, id, cmd, cmd.args().subList(1, cmd.args().size()), fin);
        } else if (first instanceof GoTemplateNode.Pipe p) {
            notAFunction(cmd.args(), fin);
            return pipeline(dot, p);
        } else if (first instanceof GoTemplateNode.Variable v) {
            current = v;
            Object base = varValue(v.idents().get(0));
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

    private Object function(Object dot, GoTemplateNode.Identifier id, GoTemplateNode.Command cmd,
                            List<GoTemplateNode> args, Object fin) {
        current = id;
        String fname = id.name();
        Function f = functions.get(fname);
        boolean builtin = f == null;
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
        if (builtin && (fname.equals("and") || fname.equals("or"))) {
            // Go's and/or stop at the first argument that decides, leaving the others unevaluated.
            Object v = null;
            for (GoTemplateNode arg : args) {
                v = argument(dot, arg, Kind.ANY);
                if (isTrue(v) == fname.equals("or")) {
                    return v;
                }
            }
            return fin != MISSING ? fin : v;
        }
        List<Object> argv = new ArrayList<>();
        int i = 0;
        for (; i < numFixed && i < args.size(); i++) {
            argv.add(argument(dot, args.get(i), params.get(i)));
        }
        if (f.variadic()) {
            Kind elem = params.get(params.size() - 1);
            for (; i < args.size(); i++) {
                argv.add(argument(dot, args.get(i), elem));
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

    private Object argument(Object dot, GoTemplateNode n, Kind kind) {
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
            Object base = varValue(v.idents().get(0));
            return validate(fields(base, v.idents().subList(1, v.idents().size()), List.of(n), MISSING), kind);
        } else if (n instanceof GoTemplateNode.Pipe p) {
            return validate(pipeline(dot, p), kind);
        } else if (n instanceof GoTemplateNode.Identifier id) {
            // An identifier as an argument is a call of its own: Go reports its failure at the identifier.
            return validate(function(dot, id, new GoTemplateNode.Command(id.pos(), List.of(id)), List.of(), MISSING),
                    kind);
        } else if (n instanceof GoTemplateNode.Chain c) {
            Object base = c.node() instanceof GoTemplateNode.Pipe p ? pipeline(dot, p)
                    : argument(dot, c.node(), Kind.ANY);
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
        } else if (v instanceof List<?>) {
            return "[]interface {}";
        }
        return "<nil>";
    }

    /** {@code fmt.Sprint} of one value; Go prints a missing value as {@code <no value>}. */
    static String print(Object v) {
        if (v == null) {
            return "<no value>";
        }
        return sprintValue(v);
    }

    /** {@code %v}: a map as {@code map[k:v ...]} in key order, a list as {@code [a b]}, nil inside them as {@code <nil>}. */
    private static String sprintValue(Object v) {
        if (v == null) {
            return "<nil>";
        } else if (v instanceof Double d) {
            return Numbers.formatGoG(d);
        } else if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("map[");
            m.keySet().stream().map(String.class::cast).sorted(io.jenkins.plugins.packer.value.Value::compareCodePoints).forEach(k -> {
                sb.append(sb.length() > 4 ? " " : "").append(k).append(':').append(sprintValue(m.get(k)));
            });
            return sb.append(']').toString();
        } else if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? " " : "").append(sprintValue(l.get(i)));
            }
            return sb.append(']').toString();
        }
        return v.toString();
    }

    /**
     * Go's {@code isTrue}, the truth of {@code if}, {@code with}, {@code and}, {@code or} and {@code not}: false, 0,
     * the empty string, an empty map or list, and a missing value are false; any struct is true.
     */
    static boolean isTrue(Object v) {
        if (v == null) {
            return false;
        } else if (v instanceof Boolean b) {
            return b;
        } else if (v instanceof String s) {
            return !s.isEmpty();
        } else if (v instanceof Long l) {
            return l != 0;
        } else if (v instanceof Double d) {
            return d != 0;
        } else if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        } else if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        return true;
    }

    /**
     * Go's comparison builtins ({@code eq ne lt le gt ge}): values of one basic kind (bool, int, float, string)
     * compare; different kinds, and order on anything but numbers and strings, are errors with Go's words.
     */
    private static final class Comparisons {

        private enum BasicKind { INVALID, BOOL, INT, FLOAT, STRING }

        private static BasicKind kind(Object v) {
            if (v instanceof Boolean) {
                return BasicKind.BOOL;
            } else if (v instanceof Long) {
                return BasicKind.INT;
            } else if (v instanceof Double) {
                return BasicKind.FLOAT;
            } else if (v instanceof String) {
                return BasicKind.STRING;
            }
            return BasicKind.INVALID;
        }

        private static boolean comparable(Object v) {
            return !(v instanceof Map<?, ?>) && !(v instanceof List<?>);
        }

        /** {@code eq arg1 arg2...}: whether arg1 equals any of the others. */
        static boolean eq(Object a, List<Object> others) {
            if (a != null && !comparable(a)) {
                throw new IllegalArgumentException("uncomparable type " + goType(a) + ": " + sprintValue(a));
            }
            if (others.isEmpty()) {
                throw new IllegalArgumentException("missing argument for comparison");
            }
            BasicKind k1 = kind(a);
            for (Object b : others) {
                BasicKind k2 = kind(b);
                boolean truth;
                if (k1 != k2) {
                    if (a != null && b != null) {
                        throw new IllegalArgumentException("incompatible types for comparison");
                    }
                    truth = false;
                } else if (k1 == BasicKind.FLOAT) {
                    truth = (Double) a == (double) (Double) b;
                } else if (k1 != BasicKind.INVALID) {
                    truth = a.equals(b);
                } else if (a == null || b == null) {
                    truth = a == b;
                } else {
                    if (!comparable(b)) {
                        throw new IllegalArgumentException("uncomparable type " + goType(b) + ": " + sprintValue(b));
                    }
                    truth = a.equals(b);
                }
                if (truth) {
                    return true;
                }
            }
            return false;
        }

        static boolean lt(Object a, Object b) {
            BasicKind k1 = kind(a);
            BasicKind k2 = kind(b);
            if (k1 == BasicKind.INVALID || k2 == BasicKind.INVALID) {
                throw new IllegalArgumentException("invalid type for comparison");
            }
            if (k1 != k2) {
                throw new IllegalArgumentException("incompatible types for comparison");
            }
            return switch (k1) {
                case INT -> (Long) a < (Long) b;
                case FLOAT -> (Double) a < (Double) b;
                case STRING -> io.jenkins.plugins.packer.value.Value.compareCodePoints((String) a, (String) b) < 0;
                default -> throw new IllegalArgumentException("invalid type for comparison");
            };
        }

        static boolean le(Object a, Object b) {
            return lt(a, b) || eq(a, List.of(b));
        }
    }

    /** Go's builtin functions: printing, truth, the comparisons, {@code len} and those of {@link GoBuiltins}. */
    private static final class Builtins {

        static Function get(String name) {
            return switch (name) {
                case "print" -> variadicAny(0, args -> sprint(args, false));
                case "println" -> variadicAny(0, args -> sprint(args, true) + "\n");
                case "not" -> fixedAny(1, args -> !isTrue(args.get(0)));
                // and/or run in the executor, which stops at the deciding argument; these only check the count.
                case "and", "or" -> variadicAny(1, args -> {
                    throw new IllegalStateException(name + " is evaluated by the executor");
                });
                case "eq" -> variadicAny(1, args -> Comparisons.eq(args.get(0), args.subList(1, args.size())));
                case "ne" -> fixedAny(2, args -> !Comparisons.eq(args.get(0), nullable(args.get(1))));
                case "lt" -> fixedAny(2, args -> Comparisons.lt(args.get(0), args.get(1)));
                case "le" -> fixedAny(2, args -> Comparisons.le(args.get(0), args.get(1)));
                case "gt" -> fixedAny(2, args -> !Comparisons.le(args.get(0), args.get(1)));
                case "ge" -> fixedAny(2, args -> !Comparisons.lt(args.get(0), args.get(1)));
                case "len" -> fixedAny(1, args -> {
                    Object a = args.get(0);
                    if (a instanceof String str) {
                        return (long) str.getBytes(StandardCharsets.UTF_8).length;
                    } else if (a instanceof Map<?, ?> m) {
                        return (long) m.size();
                    } else if (a instanceof List<?> l) {
                        return (long) l.size();
                    } else if (a == null) {
                        // Go asks the type of the invalid value, and reports reflect's panic.
                        throw new IllegalArgumentException("reflect: call of reflect.Value.Type on zero Value");
                    }
                    throw new IllegalArgumentException("len of type " + goType(a));
                });
                case "printf" -> variadicAny(0, args -> {
                    if (args.isEmpty() || !(args.get(0) instanceof String)) {
                        throw new IllegalArgumentException("wrong type for value; expected string; got "
                                + (args.isEmpty() ? "<nil>" : goType(args.get(0))));
                    }
                    return sprintf((String) args.get(0), args.subList(1, args.size()));
                });
                case "index" -> variadicAny(1, args -> GoBuiltins.index(args.get(0), args.subList(1, args.size())));
                case "slice" -> variadicAny(1, args -> GoBuiltins.slice(args.get(0), args.subList(1, args.size())));
                case "call" -> variadicAny(1, args -> GoBuiltins.call(args.get(0)));
                case "html" -> variadicAny(0, args -> GoBuiltins.html(GoBuiltins.evalArgs(args)));
                case "js" -> variadicAny(0, args -> GoBuiltins.js(GoBuiltins.evalArgs(args)));
                case "urlquery" -> variadicAny(0, args -> GoBuiltins.urlquery(GoBuiltins.evalArgs(args)));
                default -> null;
            };
        }

        /** A list that may hold null, for one argument. */
        private static List<Object> nullable(Object o) {
            List<Object> l = new ArrayList<>(1);
            l.add(o);
            return l;
        }

        /** A builtin of {@code fixed} parameters and a variadic last one, all of any type. */
        private static Function variadicAny(int fixed, java.util.function.Function<List<Object>, Object> body) {
            return new Function() {
                @Override
                public List<Kind> parameters() {
                    return java.util.Collections.nCopies(fixed + 1, Kind.ANY);
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
