package io.jenkins.plugins.packer.template.json;

import io.jenkins.plugins.packer.value.GoStrings;
import io.jenkins.plugins.packer.value.Value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How Go prints the values that end up in packer's JSON-template errors: {@code %q} quoting, {@code %v} of decoded
 * JSON, float formatting, the multi-error lists of go-multierror and mapstructure. Only what those messages need.
 */
public final class GoText {

    /** Go's string order: by code point, which is the order of the UTF-8 bytes. */
    static final Comparator<String> ORDER = Value::compareCodePoints;

    private GoText() {
    }

    /** A byte as encoding/json names it in a syntax error: the byte taken as a code point, in single quotes. */
    static String quoteByte(byte b) {
        return GoStrings.quoteRune(b & 0xff);
    }

    /** Go's {@code %q} of a string (strconv.Quote). */
    static String quote(String s) {
        return GoStrings.quote(s);
    }

    /** Go's {@code %v} of a value decoded into {@code interface{}}. */
    static String value(JsonValue v) {
        if (v instanceof JsonValue.Str s) {
            return s.value();
        } else if (v instanceof JsonValue.Num n) {
            return formatV(n.value());
        } else if (v instanceof JsonValue.Bool b) {
            return Boolean.toString(b.value());
        } else if (v instanceof JsonValue.Arr a) {
            return a.elements().stream().map(GoText::value).collect(Collectors.joining(" ", "[", "]"));
        } else if (v instanceof JsonValue.Obj o) {
            return o.members().stream()
                    .sorted(Comparator.comparing(JsonValue.Member::key, ORDER))
                    .map(m -> m.key() + ":" + value(m.value()))
                    .collect(Collectors.joining(" ", "map[", "]"));
        }
        return "<nil>";
    }

    /** The Go type of a decoded JSON value, as reflect prints it. */
    static String typeName(JsonValue v) {
        if (v instanceof JsonValue.Str) {
            return "string";
        } else if (v instanceof JsonValue.Num) {
            return "float64";
        } else if (v instanceof JsonValue.Bool) {
            return "bool";
        } else if (v instanceof JsonValue.Arr) {
            return "[]interface {}";
        } else if (v instanceof JsonValue.Obj) {
            return "map[string]interface {}";
        }
        return "invalid";
    }

    /** The reflect kind of a decoded JSON value. */
    static String kindName(JsonValue v) {
        if (v instanceof JsonValue.Arr) {
            return "slice";
        } else if (v instanceof JsonValue.Obj) {
            return "map";
        }
        return typeName(v);
    }

    /** {@code %v} of a float64 ({@code %g} with the shortest digits): exponent form below 1e-4 and from 1e6 on. */
    static String formatV(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.isNaN(d) ? "NaN" : (d > 0 ? "+Inf" : "-Inf");
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal shortest = shortest(d);
        int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String digits = shortest.unscaledValue().abs().toString();
            StringBuilder sb = new StringBuilder(d < 0 ? "-" : "").append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            return sb.append(abs < 10 ? "0" : "").append(abs).toString();
        }
        return shortest.toPlainString();
    }

    /** strconv.FormatFloat(f, 'f', -1, 64): shortest digits, never an exponent. */
    static String formatPlain(double d) {
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        return shortest(d).toPlainString();
    }

    /** {@code %f}: six decimals of the exact value. */
    static String formatFixed6(double d) {
        return new BigDecimal(d).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** The fewest significant digits that read back as the same double, as Go's shortest formatting finds them. */
    static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int p = 1; p < 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == d) {
                return r.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /** go-multierror's list: {@code 1 error occurred:} or {@code N errors occurred:}, tab-indented items. */
    public static String multiError(List<String> errors) {
        if (errors.size() == 1) {
            return "1 error occurred:\n\t* " + errors.get(0) + "\n\n";
        }
        return errors.size() + " errors occurred:\n\t"
                + errors.stream().map(e -> "* " + e).collect(Collectors.joining("\n\t")) + "\n\n";
    }

    /** mapstructure's error: {@code N error(s) decoding:} then the items, sorted. */
    static String decodingError(List<String> errors) {
        List<String> points = new ArrayList<>();
        for (String e : errors) {
            points.add("* " + e);
        }
        points.sort(ORDER);
        return errors.size() + " error(s) decoding:\n\n" + String.join("\n", points);
    }

    /**
     * Text as Go reads it: valid UTF-8 sequences become their characters, every other byte becomes U+FFFD on its
     * own (Java's decoder would merge some invalid sequences into one replacement).
     */
    static String decodeUtf8(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                sb.append((char) c);
                i++;
                continue;
            }
            int n = sequenceLength(b, i, to);
            if (n == 0) {
                sb.append('\uFFFD');
                i++;
            } else {
                sb.append(new String(b, i, n, StandardCharsets.UTF_8));
                i += n;
            }
        }
        return sb.toString();
    }

    /** The length of the valid UTF-8 sequence at {@code i}, or 0 when the byte there starts none. */
    private static int sequenceLength(byte[] b, int i, int to) {
        int c = b[i] & 0xff;
        int n;
        int lo = 0x80;
        int hi = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 3;
            lo = c == 0xe0 ? 0xa0 : 0x80;
            hi = c == 0xed ? 0x9f : 0xbf;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 4;
            lo = c == 0xf0 ? 0x90 : 0x80;
            hi = c == 0xf4 ? 0x8f : 0xbf;
        } else {
            return 0;
        }
        if (i + n > to) {
            return 0;
        }
        int second = b[i + 1] & 0xff;
        if (second < lo || second > hi) {
            return 0;
        }
        for (int k = 2; k < n; k++) {
            int cont = b[i + k] & 0xff;
            if (cont < 0x80 || cont > 0xbf) {
                return 0;
            }
        }
        return n;
    }
}
