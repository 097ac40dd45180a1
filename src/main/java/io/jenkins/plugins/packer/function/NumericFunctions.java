package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.value.Convert;
import io.jenkins.plugins.packer.value.ConversionException;
import io.jenkins.plugins.packer.value.Operator;
import io.jenkins.plugins.packer.value.OperationException;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * The numeric functions: go-cty's {@code abs ceil floor log max min parseint pow signum} and Packer's {@code sum}.
 * See <a href="https://developer.hashicorp.com/packer/docs/templates/hcl_templates/functions/numeric/abs">Packer's
 * numeric functions</a>.
 */
public final class NumericFunctions {

    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private NumericFunctions() {
    }

    public static void register(Map<String, Function> all) {
        CoreFunction.named("abs")
                .param(Parameter.of("num", Type.NUMBER).allowingDynamicType().allowingMarked())
                .returns(Type.NUMBER)
                .impl(all, (args, ret) -> abs(args.get(0)));
        // cty 1.4 went through float64 and int64, so ceil(1e30) overflowed; later cty works on the exact number.
        CoreFunction.named("ceil")
                .param("num", Type.NUMBER)
                .returns(Type.NUMBER)
                .impl(all, (args, ret) -> round(args.get(0), RoundingMode.CEILING));
        CoreFunction.named("floor")
                .param("num", Type.NUMBER)
                .returns(Type.NUMBER)
                .impl(all, (args, ret) -> round(args.get(0), RoundingMode.FLOOR));
        CoreFunction.named("log")
                .param("num", Type.NUMBER)
                .param("base", Type.NUMBER)
                .returns(Type.NUMBER)
                .impl(all, (args, ret) -> floatResult(
                        StrictMath.log(args.get(0).asDouble()) / StrictMath.log(args.get(1).asDouble())));
        CoreFunction.named("pow")
                .param("num", Type.NUMBER)
                .param("power", Type.NUMBER)
                .returns(Type.NUMBER)
                .impl(all, (args, ret) -> floatResult(StrictMath.pow(args.get(0).asDouble(), args.get(1).asDouble())));
        CoreFunction.named("signum")
                .param("num", Type.NUMBER)
                .returns(Type.NUMBER)
                .impl(all, (args, ret) -> Value.number(Long.signum(CoreArgs.goIntOrFail(args.get(0), ""))));
        CoreFunction.named("max")
                .varParam(Parameter.of("numbers", Type.NUMBER).allowingDynamicType())
                .returns(Type.NUMBER)
                .impl(all, (args, ret) -> extreme(args, Operator.GREATER_THAN));
        CoreFunction.named("min")
                .varParam(Parameter.of("numbers", Type.NUMBER).allowingDynamicType())
                .returns(Type.NUMBER)
                .impl(all, (args, ret) -> extreme(args, Operator.LESS_THAN));
        CoreFunction.named("parseint")
                .param("number", Type.DYNAMIC)
                .param("base", Type.NUMBER)
                .returnType(args -> {
                    if (!args.get(0).type().equals(Type.STRING)) {
                        throw new FunctionException(0,
                                "first argument must be a string, not " + args.get(0).type().friendlyName());
                    }
                    return Type.NUMBER;
                })
                .impl(all, (args, ret) -> parseInt(args.get(0).asString(), args.get(1)));
        CoreFunction.named("sum")
                .param("list", Type.DYNAMIC)
                .returns(Type.NUMBER)
                .impl(all, (args, ret) -> sum(args.get(0)));
    }

    private static Value abs(Value num) {
        // abs accepts marked and unknown-typed numbers itself, as cty's Absolute keeps marks on the result.
        Value n = num.unmark();
        if (!n.isKnown() || n.isNull()) {
            return Value.unknown(Type.NUMBER).withMarks(num.marks());
        }
        Value result = n.isInfinite() ? Value.POSITIVE_INFINITY : Value.number(n.asBigDecimal().abs());
        return result.withMarks(num.marks());
    }

    private static Value round(Value num, RoundingMode mode) {
        if (num.isInfinite()) {
            return num;
        }
        return Value.number(num.asBigDecimal().setScale(0, mode));
    }

    /** cty.NumberFloatVal, which panics on NaN (log(-1, 10), pow(-8, 0.5)); we report it instead. */
    private static Value floatResult(double d) throws FunctionException {
        if (Double.isNaN(d)) {
            throw new FunctionException("the result is not a number (NaN)");
        }
        return Value.number(d);
    }

    private static Value extreme(List<Value> args, Operator better) throws FunctionException {
        if (args.isEmpty()) {
            throw new FunctionException("must pass at least one number");
        }
        Value best = args.get(0);
        for (Value v : args.subList(1, args.size())) {
            if (better.apply(v, best).asBool()) {
                best = v;
            }
        }
        return best;
    }

    /** Go's big.Int SetString for bases 2 to 62: an optional sign, then digits (either case up to base 36). */
    private static Value parseInt(String text, Value baseValue) throws FunctionException {
        long base = CoreArgs.goIntOrArgError(baseValue, 1, "");
        if (base < 2 || base > 62) {
            throw new FunctionException(1, "base must be a whole number between 2 and 62 inclusive");
        }
        String digits = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        BigInteger n = BigInteger.ZERO;
        BigInteger b = BigInteger.valueOf(base);
        for (char c : digits.toCharArray()) {
            int d = base <= 36 ? DIGITS.indexOf(Character.toLowerCase(c)) : DIGITS.indexOf(c);
            if (d < 0 || d >= base) {
                n = null;
                break;
            }
            n = n.multiply(b).add(BigInteger.valueOf(d));
        }
        if (digits.isEmpty() || n == null) {
            throw new FunctionException(0, "cannot parse " + StringFunctions.goQuote(text) + " as a base " + base
                    + " integer");
        }
        return Value.number(new BigDecimal(text.startsWith("-") ? n.negate() : n));
    }

    private static Value sum(Value list) throws FunctionException {
        Type t = list.type();
        if (!(t.isList() || t.isSet() || t.isTuple() || t.isMap() || t.isObject())) {
            throw new FunctionException(0, "cannot sum noniterable");
        }
        if (list.length() == 0) {
            throw new FunctionException(0, "cannot sum an empty list");
        }
        if (t.isMap() || t.isObject()) {
            throw new FunctionException(0, "argument must be list, set, or tuple. Received " + t.friendlyName());
        }
        if (!list.isWhollyKnown()) {
            return Value.unknown(Type.NUMBER);
        }
        Value total = null;
        for (Value e : list.elements()) {
            Value n;
            try {
                n = e.isNull() ? null : Convert.convert(e, Type.NUMBER);
            } catch (ConversionException ex) {
                n = null;
            }
            if (n == null) {
                throw new FunctionException(0, "argument must be list, set, or tuple of number values");
            }
            try {
                total = total == null ? n : Operator.ADD.apply(total, n);
            } catch (OperationException ex) {
                throw new FunctionException(ex.getMessage());
            }
        }
        return total;
    }
}
