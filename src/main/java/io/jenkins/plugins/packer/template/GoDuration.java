package io.jenkins.plugins.packer.template;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration}, which packer applies to provisioner {@code pause_before} and {@code timeout}:
 * a sign, then one or more decimal numbers each with a unit (ns, us, µs, μs, ms, s, m, h), as in "1h30m" or
 * "-1.5s". Errors carry Go's wording because packer prints them.
 */
public final class GoDuration {

    /** A duration Go would not accept, with Go's message. */
    public static final class InvalidDuration extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidDuration(String message) {
            super(message, null, false, false);
        }
    }

    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    /** 2^63: Go accumulates in uint64 and allows exactly this much for a negative duration. */
    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(63);

    private GoDuration() {
    }

    /** A duration option: {@code fallback} when empty or not a valid duration (Prepare reports those). */
    public static java.time.Duration orDefault(String text, java.time.Duration fallback) {
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return java.time.Duration.ofNanos(parse(text));
        } catch (InvalidDuration e) {
            return fallback;
        }
    }

    /** The duration in nanoseconds. */
    public static long parse(String orig) throws InvalidDuration {
        String s = orig;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(orig);
        }
        BigInteger total = BigInteger.ZERO;
        while (!s.isEmpty()) {
            char c = s.charAt(0);
            if (!(c == '.' || isDigit(c))) {
                throw invalid(orig);
            }
            int i = 0;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            boolean hasInteger = i > 0;
            BigInteger whole = hasInteger ? new BigInteger(s.substring(0, i)) : BigInteger.ZERO;
            if (whole.compareTo(LIMIT) >= 0) {
                // Go's integer part is an int64 accumulator that rejects overflow.
                throw invalid(orig);
            }
            s = s.substring(i);
            String fraction = "";
            boolean hasFraction = false;
            if (!s.isEmpty() && s.charAt(0) == '.') {
                int j = 1;
                while (j < s.length() && isDigit(s.charAt(j))) {
                    j++;
                }
                fraction = s.substring(1, j);
                hasFraction = j > 1;
                s = s.substring(j);
            }
            if (!hasInteger && !hasFraction) {
                throw invalid(orig);
            }
            int u = 0;
            while (u < s.length() && s.charAt(u) != '.' && !isDigit(s.charAt(u))) {
                u++;
            }
            if (u == 0) {
                throw new InvalidDuration("time: missing unit in duration " + quote(orig));
            }
            String unitName = s.substring(0, u);
            s = s.substring(u);
            Long unit = UNITS.get(unitName);
            if (unit == null) {
                throw new InvalidDuration("time: unknown unit " + quote(unitName) + " in duration " + quote(orig));
            }
            BigInteger value = whole.multiply(BigInteger.valueOf(unit));
            if (whole.compareTo(LIMIT.divide(BigInteger.valueOf(unit))) > 0) {
                throw invalid(orig);
            }
            if (!fraction.isEmpty()) {
                value = value.add(BigInteger.valueOf(fractionNanos(fraction, unit)));
                if (value.compareTo(LIMIT) > 0) {
                    throw invalid(orig);
                }
            }
            total = total.add(value);
            if (total.compareTo(LIMIT) > 0) {
                throw invalid(orig);
            }
        }
        if (negative) {
            return total.negate().longValue();
        }
        if (total.compareTo(LIMIT) >= 0) {
            throw invalid(orig);
        }
        return total.longValue();
    }

    /**
     * The nanoseconds of a fraction of a unit, computed as Go does: the digits as an integer (ignoring those that
     * would overflow it) times unit over the matching power of ten, in float64, truncated.
     */
    private static long fractionNanos(String digits, long unit) {
        long x = 0;
        double scale = 1;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) - '0';
            if (Long.compareUnsigned(x, Long.MAX_VALUE / 10) > 0) {
                break;
            }
            long y = x * 10 + d;
            if (Long.compareUnsigned(y, Long.MIN_VALUE) > 0) {
                break;
            }
            x = y;
            scale *= 10;
        }
        double unsigned = x >= 0 ? x : (double) (x >>> 1) * 2;
        return (long) (unsigned * (unit / scale));
    }

    private static InvalidDuration invalid(String orig) {
        return new InvalidDuration("time: invalid duration " + quote(orig));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The time package's own quoting: printable ASCII as is (with {@code "} and {@code \} escaped), every byte of
     * anything else as {@code \xNN}.
     */
    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 0x80 || c < ' ') {
                sb.append(String.format("\\x%02x", c));
            } else {
                if (c == '"' || c == '\\') {
                    sb.append('\\');
                }
                sb.append((char) c);
            }
        }
        return sb.append('"').toString();
    }
}
