package io.jenkins.plugins.packer.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * The arithmetic and text forms of number values.
 *
 * <p>cty keeps numbers as Go big.Float with a 512-bit mantissa. We keep a finite number as a
 * BigDecimal rounded to {@link #CONTEXT} (155 significant digits, the decimal width of 512 bits
 * rounded up, so no literal or product a 512-bit float holds loses digits here) and an infinite
 * one as a Double infinity. The one visible difference: results that a binary float rounds back
 * to a whole number ({@code 10 / 3 * 3}) stay a hair off it here; printing goes through float64
 * like Packer's console, so it shows the same text.
 */
public final class Numbers {

    /** The precision of every stored number and every arithmetic result. */
    public static final MathContext CONTEXT = new MathContext(155, RoundingMode.HALF_EVEN);

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    /** Go big.ParseFloat in base 10: decimal mantissa, then an 'e' (power of ten) or 'p' (power of two) exponent. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:([eEpP])([+-]?[0-9]+))?");
    private static final Pattern INFINITY = Pattern.compile("[+-]?[Ii]nf");

    private Numbers() {
    }

    static Object normalize(BigDecimal n) {
        BigDecimal r = n.round(CONTEXT);
        return r.signum() == 0 ? BigDecimal.ZERO : r.stripTrailingZeros();
    }

    static boolean isInteger(BigDecimal b) {
        return b.signum() == 0 || b.stripTrailingZeros().scale() <= 0;
    }

    static Value parse(String text) {
        if (INFINITY.matcher(text).matches()) {
            return text.startsWith("-") ? Value.NEGATIVE_INFINITY : Value.POSITIVE_INFINITY;
        }
        var m = NUMBER.matcher(text);
        if (!m.matches()) {
            throw new ConversionException("a number is required");
        }
        try {
            if (m.group(1) != null && (m.group(1).equals("p") || m.group(1).equals("P"))) {
                BigDecimal mantissa = new BigDecimal(text.substring(0, m.start(1)));
                int exp = Integer.parseInt(m.group(2));
                BigDecimal pow = new BigDecimal(BigInteger.TWO.pow(Math.abs(exp)));
                return Value.number(exp >= 0 ? mantissa.multiply(pow) : mantissa.divide(pow, CONTEXT));
            }
            return Value.number(new BigDecimal(text));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConversionException("a number is required");
        }
    }

    /**
     * The text cty gives a number converted to a string ({@code big.Float.Text('f', -1)}): plain
     * decimal notation, no exponent, no trailing zeros; "+Inf" and "-Inf" for infinities.
     */
    public static String toDecimalString(Value number) {
        Value n = number.unmark();
        if (n.isInfinite()) {
            return n.asDouble() > 0 ? "+Inf" : "-Inf";
        }
        return n.asBigDecimal().toPlainString();
    }

    /**
     * The text {@code packer console} prints for a number: an integer that fits in 64 bits
     * exactly in decimal, anything else as Go's {@code %g} of the nearest float64.
     */
    public static String toConsoleString(Value number) {
        Value n = number.unmark();
        if (!n.isInfinite()) {
            BigDecimal b = n.asBigDecimal();
            if (isInteger(b) && b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0) {
                return b.toBigIntegerExact().toString();
            }
        }
        return formatGoG(n.asDouble());
    }

    /**
     * Go's {@code fmt.Sprintf("%g", f)}: the shortest digits that read back as {@code f}, in
     * exponent form ({@code 1e+06}, {@code 1e-05}) when the decimal exponent is below -4 or at
     * least 6 (the threshold Go uses for the shortest precision), plain otherwise.
     */
    public static String formatGoG(double f) {
        if (Double.isNaN(f)) {
            return "NaN";
        }
        if (Double.isInfinite(f)) {
            return f > 0 ? "+Inf" : "-Inf";
        }
        boolean negative = f < 0 || (f == 0 && 1 / f < 0);
        if (f == 0) {
            return negative ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(f).abs();
        BigDecimal shortest = exact;
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == Math.abs(f)) {
                shortest = r;
                break;
            }
        }
        return goG(negative, shortest, -1);
    }

    /**
     * Go's {@code big.Float.Text('g', precision)} of a finite number; cty orders sets of
     * structured values by this text of their numbers ({@code big.Float.String()} uses 10).
     */
    static String formatBigG(BigDecimal b, int precision) {
        if (b.signum() == 0) {
            return "0";
        }
        BigDecimal r = b.abs().round(new MathContext(precision, RoundingMode.HALF_EVEN));
        return goG(b.signum() < 0, r, precision);
    }

    /**
     * The %g layout shared by strconv and math/big; {@code precision} -1 means "shortest", and
     * {@code magnitude} holds exactly the digits to show (trailing zeros are dropped here).
     */
    private static String goG(boolean negative, BigDecimal magnitude, int precision) {
        BigDecimal m = magnitude.stripTrailingZeros();
        String digits = m.unscaledValue().toString();
        int nd = digits.length();
        int dp = nd - m.scale(); // value = 0.digits * 10^dp
        int eprec;
        if (precision < 0) {
            eprec = 6;
        } else {
            eprec = precision;
            if (eprec > nd && nd >= dp) {
                eprec = nd;
            }
        }
        int exp = dp - 1;
        StringBuilder sb = new StringBuilder();
        if (negative) {
            sb.append('-');
        }
        if (exp < -4 || exp >= eprec) {
            sb.append(digits.charAt(0));
            if (nd > 1) {
                sb.append('.').append(digits, 1, nd);
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) {
                sb.append('0');
            }
            sb.append(ae);
            return sb.toString();
        }
        if (dp <= 0) {
            sb.append("0.").append("0".repeat(-dp)).append(digits);
        } else if (dp >= nd) {
            sb.append(digits).append("0".repeat(dp - nd));
        } else {
            sb.append(digits, 0, dp).append('.').append(digits, dp, nd);
        }
        return sb.toString();
    }
}
