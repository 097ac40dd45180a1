package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.util.List;
import java.util.Map;

/**
 * A function of the filesystem, date/time, crypto, network and UUID groups whose result type is fixed and whose work
 * is a lambda, so each group reads as a table of declarations.
 */
final class ExtFunction extends Function {

    /** The body of a function: every argument is known, non-null and converted to its parameter's type. */
    @FunctionalInterface
    interface Body {
        Value apply(List<Value> args) throws FunctionException;
    }

    private final Type resultType;
    private final Body body;

    private ExtFunction(String name, List<Parameter> params, Parameter varParam, Type resultType, Body body) {
        super(name, params, varParam);
        this.resultType = resultType;
        this.body = body;
    }

    static void add(Map<String, Function> all, String name, Type resultType, List<Parameter> params, Body body) {
        all.put(name, new ExtFunction(name, params, null, resultType, body));
    }

    static void addVariadic(Map<String, Function> all, String name, Type resultType, List<Parameter> params,
                            Parameter varParam, Body body) {
        all.put(name, new ExtFunction(name, params, varParam, resultType, body));
    }

    static Parameter string(String name) {
        return Parameter.of(name, Type.STRING);
    }

    static Parameter number(String name) {
        return Parameter.of(name, Type.NUMBER);
    }

    /**
     * The number as a Go {@code int} the way cty's gocty decodes it, failing with gocty's message when it is not a
     * whole number in the 64-bit range.
     */
    static long goInt(Value number) throws GoIntException {
        if (number.isInfinite() || !number.isInteger()) {
            throw new GoIntException();
        }
        try {
            return number.asBigDecimal().longValueExact();
        } catch (ArithmeticException e) {
            throw new GoIntException();
        }
    }

    /** The string in double quotes with Go's escapes, as Go's {@code %q} prints it in messages. */
    static String goQuote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case 7 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 11 -> b.append("\\v");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        b.append(String.format("\\x%02x", cp));
                    } else if (Character.isISOControl(cp) || !Character.isDefined(cp)) {
                        b.append(cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
                    } else {
                        b.appendCodePoint(cp);
                    }
                }
            }
        });
        return b.append('"').toString();
    }

    @Override
    protected Type returnType(List<Value> args) {
        return resultType;
    }

    @Override
    protected Value impl(List<Value> args, Type returnType) throws FunctionException {
        return body.apply(args);
    }

    /** A number that does not fit a Go int; callers decide whether it is an argument error. */
    static final class GoIntException extends Exception {

        private static final long serialVersionUID = 1L;

        GoIntException() {
            super("value must be a whole number, between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE, null, false,
                    false);
        }
    }
}
