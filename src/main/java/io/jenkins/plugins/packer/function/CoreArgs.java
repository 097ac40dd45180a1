package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.value.Value;
import java.math.BigDecimal;

/**
 * Reading Go machine numbers out of number values for the core function groups, with the messages of cty's
 * {@code gocty} package, which those functions pass on to the user.
 */
final class CoreArgs {

    /** gocty's message for a number that does not fit a Go {@code int} (64 bits). */
    static final String WHOLE_NUMBER = "value must be a whole number, between " + Long.MIN_VALUE + " and "
            + Long.MAX_VALUE;

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private CoreArgs() {
    }

    /** The number as a Go int, or null when it is not a whole number in range (an infinity included). */
    static Long goInt(Value number) {
        Value n = number.unmark();
        if (n.isInfinite() || !n.isInteger()) {
            return null;
        }
        BigDecimal b = n.asBigDecimal();
        if (b.compareTo(LONG_MIN) < 0 || b.compareTo(LONG_MAX) > 0) {
            return null;
        }
        return b.longValueExact();
    }

    /** The number as a Go int, failing the call with gocty's message (prefixed) when it is not one. */
    static long goIntOrFail(Value number, String prefix) throws FunctionException {
        Long l = goInt(number);
        if (l == null) {
            throw new FunctionException(prefix + WHOLE_NUMBER);
        }
        return l;
    }

    /** The same, as an argument error. */
    static long goIntOrArgError(Value number, int argIndex, String prefix) throws FunctionException {
        Long l = goInt(number);
        if (l == null) {
            throw new FunctionException(argIndex, prefix + WHOLE_NUMBER);
        }
        return l;
    }

    /** Clamps a Go int to the Java int range, for sizes and indexes that can never reach past it anyway. */
    static int clamp(long l) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, l));
    }
}
