package io.jenkins.plugins.packer.value;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The operators of HCL's native syntax, with the semantics of hclsyntax (v2.6.0) over go-cty's
 * stdlib functions: each operand is first converted to the operator's operand type ("1" + 1 is
 * 2, {@code !"true"} is false), a null operand fails the operation, an unknown one makes the
 * result unknown, and the result carries the marks of the operands.
 */
public enum Operator {
    OR("||", Type.BOOL, Type.BOOL),
    AND("&&", Type.BOOL, Type.BOOL),
    EQUAL("==", Type.DYNAMIC, Type.BOOL),
    NOT_EQUAL("!=", Type.DYNAMIC, Type.BOOL),
    GREATER_THAN(">", Type.NUMBER, Type.BOOL),
    GREATER_THAN_OR_EQUAL(">=", Type.NUMBER, Type.BOOL),
    LESS_THAN("<", Type.NUMBER, Type.BOOL),
    LESS_THAN_OR_EQUAL("<=", Type.NUMBER, Type.BOOL),
    ADD("+", Type.NUMBER, Type.NUMBER),
    SUBTRACT("-", Type.NUMBER, Type.NUMBER),
    MULTIPLY("*", Type.NUMBER, Type.NUMBER),
    DIVIDE("/", Type.NUMBER, Type.NUMBER),
    MODULO("%", Type.NUMBER, Type.NUMBER),
    NOT("!", Type.BOOL, Type.BOOL),
    NEGATE("-", Type.NUMBER, Type.NUMBER);

    private final String symbol;
    private final Type operandType;
    private final Type resultType;

    Operator(String symbol, Type operandType, Type resultType) {
        this.symbol = symbol;
        this.operandType = operandType;
        this.resultType = resultType;
    }

    public String symbol() {
        return symbol;
    }

    /** The type both operands are converted to ({@link Type#DYNAMIC} for {@code ==} and {@code !=}). */
    public Type operandType() {
        return operandType;
    }

    /** The type of the result, and of the unknown value an evaluator returns after an error. */
    public Type resultType() {
        return resultType;
    }

    public boolean isUnary() {
        return this == NOT || this == NEGATE;
    }

    /**
     * Applies a binary operator.
     *
     * @throws OperandException when an operand does not convert (both are checked)
     * @throws OperationException when the operation fails, with cty's message
     */
    public Value apply(Value lhs, Value rhs) {
        if (isUnary()) {
            throw new IllegalStateException(name() + " is a unary operator");
        }
        List<OperandException.Problem> problems = new ArrayList<>();
        Value l = convertOperand(lhs, OperandException.Side.LEFT, problems);
        Value r = convertOperand(rhs, OperandException.Side.RIGHT, problems);
        if (!problems.isEmpty()) {
            throw new OperandException(problems);
        }
        if (this == EQUAL) {
            return l.equal(r);
        }
        if (this == NOT_EQUAL) {
            return l.notEqual(r);
        }
        Value early = nullOrUnknown(l, r);
        if (early != null) {
            return early;
        }
        Value a = l.unmark();
        Value b = r.unmark();
        Value result = switch (this) {
            case OR -> Value.bool(a.asBool() || b.asBool());
            case AND -> Value.bool(a.asBool() && b.asBool());
            case GREATER_THAN -> Value.bool(Equality.compareNumbers(a, b) > 0);
            case GREATER_THAN_OR_EQUAL -> Value.bool(Equality.compareNumbers(a, b) >= 0);
            case LESS_THAN -> Value.bool(Equality.compareNumbers(a, b) < 0);
            case LESS_THAN_OR_EQUAL -> Value.bool(Equality.compareNumbers(a, b) <= 0);
            case ADD -> add(a, b, "can't compute sum of opposing infinities");
            case SUBTRACT -> add(a, negate(b), "can't subtract infinity from itself");
            case MULTIPLY -> multiply(a, b);
            case DIVIDE -> divide(a, b);
            case MODULO -> modulo(a, b);
            default -> throw new IllegalStateException(name());
        };
        return result.withMarks(marks(l, r));
    }

    /**
     * Applies a unary operator ({@code !} or {@code -}).
     *
     * @throws OperandException when the operand does not convert
     * @throws OperationException when the operand is null
     */
    public Value apply(Value operand) {
        if (!isUnary()) {
            throw new IllegalStateException(name() + " is a binary operator");
        }
        List<OperandException.Problem> problems = new ArrayList<>();
        Value v = convertOperand(operand, OperandException.Side.UNARY, problems);
        if (!problems.isEmpty()) {
            throw new OperandException(problems);
        }
        Value early = nullOrUnknown(v);
        if (early != null) {
            return early;
        }
        Value a = v.unmark();
        Value result = this == NOT ? Value.bool(!a.asBool()) : negate(a);
        return result.withMarks(v.marks());
    }

    private Value convertOperand(Value v, OperandException.Side side, List<OperandException.Problem> problems) {
        try {
            return Convert.convert(v, operandType);
        } catch (ConversionException e) {
            problems.add(new OperandException.Problem(side, e.getMessage()));
            return null;
        }
    }

    /** What cty's function call gives before running the operation: an error for a null, unknown for an unknown. */
    private Value nullOrUnknown(Value... args) {
        for (Value a : args) {
            if (a.isNull()) {
                throw new OperationException("argument must not be null");
            }
            if (!a.isKnown()) {
                return Value.unknown(resultType).withMarks(marks(args));
            }
        }
        return null;
    }

    private static Set<Mark> marks(Value... values) {
        Set<Mark> marks = new LinkedHashSet<>();
        for (Value v : values) {
            marks.addAll(v.marks());
        }
        return marks;
    }

    // ---------------------------------------------------------------- arithmetic

    private static Value add(Value a, Value b, String opposingInfinities) {
        if (a.isInfinite() && b.isInfinite() && a.asDouble() != b.asDouble()) {
            throw new OperationException(opposingInfinities);
        }
        if (a.isInfinite()) {
            return a;
        }
        if (b.isInfinite()) {
            return b;
        }
        return Value.number(a.asBigDecimal().add(b.asBigDecimal(), Numbers.CONTEXT));
    }

    private static Value negate(Value a) {
        if (a.isInfinite()) {
            return a.asDouble() > 0 ? Value.NEGATIVE_INFINITY : Value.POSITIVE_INFINITY;
        }
        return Value.number(a.asBigDecimal().negate());
    }

    private static int sign(Value a) {
        return a.isInfinite() ? (a.asDouble() > 0 ? 1 : -1) : a.asBigDecimal().signum();
    }

    private static Value infinity(int sign) {
        return sign >= 0 ? Value.POSITIVE_INFINITY : Value.NEGATIVE_INFINITY;
    }

    private static Value multiply(Value a, Value b) {
        if (a.isInfinite() || b.isInfinite()) {
            if (sign(a) == 0 || sign(b) == 0) {
                throw new OperationException("can't multiply zero by infinity");
            }
            return infinity(sign(a) * sign(b));
        }
        return Value.number(a.asBigDecimal().multiply(b.asBigDecimal(), Numbers.CONTEXT));
    }

    private static Value divide(Value a, Value b) {
        boolean zeros = sign(a) == 0 && sign(b) == 0;
        if (zeros || a.isInfinite() && b.isInfinite()) {
            throw new OperationException("can't divide zero by zero or infinity by infinity");
        }
        if (a.isInfinite()) {
            return infinity(sign(a) * (sign(b) == 0 ? 1 : sign(b)));
        }
        if (b.isInfinite()) {
            return Value.ZERO;
        }
        if (sign(b) == 0) {
            return infinity(sign(a));
        }
        return Value.number(a.asBigDecimal().divide(b.asBigDecimal(), Numbers.CONTEXT));
    }

    /** The largest decimal exponent, either way, of an operand of {@code %}. */
    static final int MODULO_EXPONENT = 2000;

    private static boolean farOut(BigDecimal d) {
        if (d.signum() == 0) {
            return false;
        }
        long exponent = (long) d.precision() - d.scale() - 1;
        return Math.abs(exponent) > MODULO_EXPONENT;
    }

    /** cty's Modulo: the remainder of truncated division, so it takes the dividend's sign; x % 0 is x. */
    private static Value modulo(Value a, Value b) {
        if (b.isInfinite()) {
            throw new OperationException("can't use modulo with zero and infinity");
        }
        if (sign(b) == 0 || a.isInfinite()) {
            return a;
        }
        if (farOut(a.asBigDecimal()) || farOut(b.asBigDecimal())) {
            // Exact binary arithmetic on such numbers takes hours here (their decimal expansions have millions of
            // digits); packer answers -Inf or noise (1e70000 % 3, 1 % 1e-70000).
            throw new OperationException("can't use modulo with a number beyond 1e" + MODULO_EXPONENT
                    + " or below 1e-" + MODULO_EXPONENT);
        }
        // cty 1.4 works on 512-bit binary floats, but computes the product and the difference of its modulo at
        // 64 bits, so 11 % 5.1 is 0.8000000000000000002 there; reproduce that exactly.
        BigDecimal x = BinaryFloats.round(a.asBigDecimal(), 512);
        BigDecimal y = BinaryFloats.round(b.asBigDecimal(), 512);
        java.math.BigInteger quotient = BinaryFloats.round(x.divide(y, Numbers.CONTEXT), 512)
                .setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        int bits = Math.max(64, quotient.abs().bitLength());
        BigDecimal product = BinaryFloats.round(y.multiply(new BigDecimal(quotient)), bits);
        BigDecimal diff = BinaryFloats.round(x.subtract(product), bits);
        return Value.number(BinaryFloats.shortest(diff, bits));
    }
}
