package io.jenkins.plugins.packer.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Rounding of decimal numbers to binary floating point of a given significand size, for the few places where cty's
 * results depend on Go's big.Float precision rather than on the exact value.
 */
final class BinaryFloats {

    private BinaryFloats() {
    }

    /** The exact value of {@code d} rounded (half to even) to a binary float with a {@code bits}-bit significand. */
    static BigDecimal round(BigDecimal d, int bits) {
        if (d.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal a = d.abs();
        // Exponent e so that the significand a / 2^e lies in [2^(bits-1), 2^bits).
        int e = (int) Math.floor(log2(a)) - (bits - 1);
        BigInteger lower = BigInteger.ONE.shiftLeft(bits - 1);
        BigInteger upper = BigInteger.ONE.shiftLeft(bits);
        BigInteger m;
        while (true) {
            BigDecimal scaled = scale(a, -e);
            m = scaled.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
            BigInteger floor = scaled.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
            if (floor.compareTo(lower) < 0) {
                e--;
            } else if (floor.compareTo(upper) >= 0) {
                e++;
            } else {
                break;
            }
        }
        BigDecimal r = scale(new BigDecimal(m), e);
        return d.signum() < 0 ? r.negate() : r;
    }

    /** The shortest decimal that rounds back to the same {@code bits}-bit binary float as {@code exact}. */
    static BigDecimal shortest(BigDecimal exact, int bits) {
        if (exact.signum() == 0) {
            return BigDecimal.ZERO;
        }
        for (int digits = 1; digits < 200; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (round(candidate, bits).compareTo(exact) == 0) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact;
    }

    private static BigDecimal scale(BigDecimal v, int pow2) {
        if (pow2 >= 0) {
            return v.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(pow2)));
        }
        return v.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-pow2)));
    }

    private static double log2(BigDecimal a) {
        int shift = a.precision() - a.scale();
        // a = unscaled * 10^-scale; take the log of the leading digits and add the decimal exponent.
        BigDecimal lead = a.movePointLeft(shift);
        return (Math.log(lead.doubleValue()) + shift * Math.log(10)) / Math.log(2);
    }
}
