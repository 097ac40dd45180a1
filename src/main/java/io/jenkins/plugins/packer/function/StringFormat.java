package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.value.ConversionException;
import io.jenkins.plugins.packer.value.Convert;
import io.jenkins.plugins.packer.value.EvaluationCancelled;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * cty's {@code format} and {@code formatlist}: Go-like verbs ({@code %v %#v %t %s %q %d %b %o %x %X %e %E %f %g %G}),
 * flags, width, precision, {@code %%} and explicit argument indexes ({@code %[2]s}), with cty's messages. Widths count
 * grapheme clusters for strings; numbers are formatted as Go formats a 512-bit big.Float or a big.Int.
 */
final class StringFormat {

    private StringFormat() {
    }

    static void register(Map<String, Function> all) {
        CoreFunction.named("format")
                .param("format", Type.STRING)
                .varParam(Parameter.of("args", Type.DYNAMIC).allowingNull())
                .returns(Type.STRING)
                .impl(all, (args, ret) -> {
                    for (Value a : args.subList(1, args.size())) {
                        if (!a.isWhollyKnown()) {
                            return Value.unknown(Type.STRING);
                        }
                    }
                    return Value.string(format(args.get(0).asString(), args.subList(1, args.size())));
                });
        CoreFunction.named("formatlist")
                .param("format", Type.STRING)
                .varParam(Parameter.of("args", Type.DYNAMIC).allowingNull().allowingUnknown())
                .returns(Type.list(Type.STRING))
                .impl(all, (args, ret) -> formatList(args.get(0).asString(), args.subList(1, args.size())));
    }

    private static Value formatList(String fmt, List<Value> args) throws FunctionException {
        if (args.isEmpty()) {
            return Value.list(List.of(Value.string(format(fmt, args))));
        }
        int iterLen = -1;
        int lenChooser = -1;
        boolean unknown = false;
        for (int i = 0; i < args.size(); i++) {
            Value a = args.get(i);
            Type t = a.type();
            if ((t.isList() || t.isSet() || t.isTuple()) && !a.isNull()) {
                if (!t.isTuple() && !a.isKnown()) {
                    unknown = true;
                    continue;
                }
                int len = t.isTuple() ? ((io.jenkins.plugins.packer.value.TupleType) t).elements().size() : a.length();
                if (iterLen == -1) {
                    iterLen = len;
                    lenChooser = i;
                } else if (len != iterLen) {
                    throw new FunctionException(i + 1, "argument " + (i + 1) + " has length " + len
                            + ", which is inconsistent with argument " + (lenChooser + 1) + " of length " + iterLen);
                }
                if (!a.isKnown()) {
                    unknown = true;
                }
            } else if (!a.isKnown()) {
                // An unknown of a non-sequence type is used as-is in every iteration: those results are unknown.
                continue;
            }
        }
        if (unknown) {
            return Value.unknown(Type.list(Type.STRING));
        }
        if (iterLen == 0) {
            return Value.emptyList(Type.STRING);
        }
        if (iterLen == -1) {
            iterLen = 1;
        }
        List<Value> out = new ArrayList<>();
        for (int n = 0; n < iterLen; n++) {
            EvaluationCancelled.check();
            List<Value> fmtArgs = new ArrayList<>();
            boolean known = true;
            for (Value a : args) {
                Type t = a.type();
                Value v = (t.isList() || t.isSet() || t.isTuple()) && !a.isNull() ? a.elements().get(n) : a;
                known &= v.isWhollyKnown();
                fmtArgs.add(v);
            }
            if (!known) {
                out.add(Value.unknown(Type.STRING));
                continue;
            }
            try {
                out.add(Value.string(format(fmt, fmtArgs)));
            } catch (FunctionException e) {
                throw new FunctionException("error on format iteration " + n + ": " + e.getMessage());
            }
        }
        return Value.list(out);
    }

    /** One verb as cty's format state machine reads it: %, flags, width, precision, [argument index], letter. */
    private static final class Verb {
        String raw;
        int offset;
        int argNum;
        int mode;
        boolean zero;
        boolean sharp;
        boolean plus;
        boolean minus;
        boolean space;
        int width = -1;
        int prec = -1;
    }

    /**
     * Go's fmt gives up on a width or precision past a million ("a crazy long number most likely") before it reads
     * another digit, and prints {@code %!(NOVERB)} for the rest: here that is an error, rather than packer's garbled
     * output, and no string of a billion characters is ever made (docs/differences.md).
     */
    private static void tooLarge(String fmt, int sofar) throws FunctionException {
        if (sofar > 1_000_000) {
            throw new FunctionException("invalid format string " + StringFunctions.goQuote(fmt) + ": a width or"
                    + " precision of more than a million characters");
        }
    }

    static String format(String fmt, List<Value> args) throws FunctionException {
        StringBuilder buf = new StringBuilder();
        int nextArg = 1;
        int highest = 0;
        int p = 0;
        while (p < fmt.length()) {
            int cp = fmt.codePointAt(p);
            if (cp != '%') {
                buf.appendCodePoint(cp);
                p += Character.charCount(cp);
                continue;
            }
            if (p + 1 < fmt.length() && fmt.charAt(p + 1) == '%') {
                buf.append('%');
                p += 2;
                continue;
            }
            Verb v = new Verb();
            v.offset = utf8Offset(fmt, p);
            v.argNum = nextArg;
            int start = p;
            p++;
            flags:
            while (p < fmt.length()) {
                switch (fmt.charAt(p)) {
                    case '0' -> v.zero = true;
                    case '#' -> v.sharp = true;
                    case '-' -> v.minus = true;
                    case '+' -> v.plus = true;
                    case ' ' -> v.space = true;
                    default -> {
                        break flags;
                    }
                }
                p++;
            }
            if (p < fmt.length() && fmt.charAt(p) >= '1' && fmt.charAt(p) <= '9') {
                v.width = 0;
                while (p < fmt.length() && Character.isDigit(fmt.charAt(p)) && fmt.charAt(p) < 128) {
                    tooLarge(fmt, v.width);
                    v.width = v.width * 10 + fmt.charAt(p++) - '0';
                }
            }
            if (p < fmt.length() && fmt.charAt(p) == '.') {
                p++;
                v.prec = 0;
                while (p < fmt.length() && fmt.charAt(p) >= '0' && fmt.charAt(p) <= '9') {
                    tooLarge(fmt, v.prec);
                    v.prec = v.prec * 10 + fmt.charAt(p++) - '0';
                }
            }
            if (p < fmt.length() && fmt.charAt(p) == '[') {
                p++;
                if (p >= fmt.length() || fmt.charAt(p) < '1' || fmt.charAt(p) > '9') {
                    throw badChar(fmt, p);
                }
                v.argNum = 0;
                while (p < fmt.length() && fmt.charAt(p) >= '0' && fmt.charAt(p) <= '9') {
                    v.argNum = v.argNum * 10 + fmt.charAt(p++) - '0';
                }
                if (p >= fmt.length() || fmt.charAt(p) != ']') {
                    throw badChar(fmt, p);
                }
                p++;
            }
            if (p >= fmt.length()) {
                throw new FunctionException("invalid format string starting at offset " + utf8Offset(fmt, p));
            }
            char mode = fmt.charAt(p);
            if (!(mode >= 'a' && mode <= 'z' || mode >= 'A' && mode <= 'Z')) {
                throw badChar(fmt, p);
            }
            p++;
            v.mode = mode;
            v.raw = fmt.substring(start, p);
            highest = Math.max(highest, v.argNum);
            append(v, buf, args);
            nextArg = v.argNum + 1;
        }
        if (highest < args.size()) {
            int firstBad = highest + 1;
            throw new FunctionException(firstBad, highest == 0
                    ? "too many arguments; no verbs in format string"
                    : "too many arguments; only " + highest + " used by format string");
        }
        return buf.toString();
    }

    private static FunctionException badChar(String fmt, int p) {
        if (p >= fmt.length()) {
            return new FunctionException("invalid format string starting at offset " + utf8Offset(fmt, p));
        }
        return new FunctionException("unrecognized format character " + StringFunctions.goQuoteRune(fmt.codePointAt(p))
                + " at offset " + utf8Offset(fmt, p));
    }

    /** cty reports byte offsets into the UTF-8 format string. */
    private static int utf8Offset(String s, int charIndex) {
        return s.substring(0, charIndex).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static void append(Verb v, StringBuilder buf, List<Value> args) throws FunctionException {
        int argIdx = v.argNum - 1;
        if (argIdx >= args.size()) {
            throw new FunctionException("not enough arguments for " + StringFunctions.goQuote(v.raw) + " at "
                    + v.offset + ": need index " + v.argNum + " but have " + args.size() + " total");
        }
        Value arg = args.get(argIdx);
        if (v.mode != 'v' && arg.isNull()) {
            throw unsupported(v, "null value cannot be formatted");
        }
        switch (v.mode) {
            case 'v' -> buf.append(asIs(v, arg));
            case 't' -> buf.append(convert(v, arg, Type.BOOL).asBool());
            case 'b', 'd', 'o', 'x', 'X' -> buf.append(integer(v, convert(v, arg, Type.NUMBER)));
            case 'e', 'E', 'f', 'g', 'G' -> buf.append(floating(v, convert(v, arg, Type.NUMBER)));
            case 's', 'q' -> buf.append(string(v, convert(v, arg, Type.STRING).asString()));
            default -> throw new FunctionException("unsupported format verb " + StringFunctions.goQuoteRune(v.mode)
                    + " in " + StringFunctions.goQuote(v.raw) + " at offset " + v.offset);
        }
    }

    private static FunctionException unsupported(Verb v, String why) {
        return new FunctionException("unsupported value for " + StringFunctions.goQuote(v.raw) + " at " + v.offset
                + ": " + why);
    }

    private static Value convert(Verb v, Value arg, Type want) throws FunctionException {
        try {
            return Convert.convert(arg, want);
        } catch (ConversionException e) {
            throw unsupported(v, e.getMessage());
        }
    }

    private static String asIs(Verb v, Value arg) throws FunctionException {
        if (!v.sharp && !arg.isNull()) {
            if (arg.type().equals(Type.STRING)) {
                return padWidth(v, arg.asString());
            }
            if (arg.type().equals(Type.NUMBER)) {
                return padWidth(v, GoNumberText.shortestG(arg));
            }
        }
        try {
            return padWidth(v, EncodingJson.marshal(arg));
        } catch (FunctionException e) {
            throw unsupported(v, e.getMessage());
        }
    }

    private static String string(Verb v, String s) throws FunctionException {
        if (v.prec > 0) {
            List<String> clusters = StringFunctions.graphemes(s);
            s = String.join("", clusters.subList(0, Math.min(v.prec, clusters.size())));
        }
        if (v.mode == 'q') {
            return padWidth(v, EncodingJson.marshal(Value.string(s)));
        }
        return padWidth(v, s);
    }

    private static String padWidth(Verb v, String s) {
        if (v.width < 0) {
            return s;
        }
        int len = StringFunctions.graphemes(s).size();
        if (len >= v.width) {
            return s;
        }
        String pad = (v.zero ? "0" : " ").repeat(v.width - len);
        return v.minus ? s + pad : pad + s;
    }

    /** Go's big.Int formatting: sign, '#' prefix, precision as minimum digits, width padding. */
    private static String integer(Verb v, Value num) throws FunctionException {
        if (num.isInfinite() || !num.isInteger()) {
            throw unsupported(v, "an integer is required");
        }
        BigInteger n = num.asBigDecimal().toBigIntegerExact();
        int radix = switch (v.mode) {
            case 'b' -> 2;
            case 'o' -> 8;
            case 'x', 'X' -> 16;
            default -> 10;
        };
        String digits = n.abs().toString(radix);
        if (v.mode == 'X') {
            digits = digits.toUpperCase(java.util.Locale.ROOT);
        }
        String sign = n.signum() < 0 ? "-" : v.plus ? "+" : v.space ? " " : "";
        String prefix = !v.sharp ? "" : switch (v.mode) {
            case 'b' -> "0b";
            case 'o' -> "0";
            case 'x' -> "0x";
            case 'X' -> "0X";
            default -> "";
        };
        int zeros = 0;
        if (v.prec >= 0) {
            if (digits.length() < v.prec) {
                zeros = v.prec - digits.length();
            } else if (digits.equals("0") && v.prec == 0) {
                return "";
            }
        }
        int length = sign.length() + prefix.length() + zeros + digits.length();
        int left = 0;
        int right = 0;
        if (v.width > length) {
            int d = v.width - length;
            if (v.minus) {
                right = d;
            } else if (v.zero && v.prec < 0) {
                zeros = d;
            } else {
                left = d;
            }
        }
        return " ".repeat(left) + sign + prefix + "0".repeat(zeros) + digits + " ".repeat(right);
    }

    /** Go's big.Float Format for e, E, f, g and G. */
    private static String floating(Verb v, Value num) {
        String body;
        boolean negative;
        if (num.isInfinite()) {
            negative = num.asDouble() < 0;
            body = "Inf";
        } else {
            boolean shortest = v.prec < 0 && (v.mode == 'g' || v.mode == 'G');
            // Only a fixed number of digits can show the binary value's side of a decimal tie.
            BigDecimal b = shortest ? num.asBigDecimal() : GoNumberText.asBigFloat512(num.asBigDecimal());
            negative = b.signum() < 0;
            body = GoNumberText.text(b.abs(), (char) v.mode, v.prec >= 0 ? v.prec
                    : v.mode == 'g' || v.mode == 'G' ? -1 : 6);
        }
        String sign = negative ? "-" : num.isInfinite() ? (v.space ? " " : "+") : v.plus ? "+" : v.space ? " " : "";
        int padding = v.width > sign.length() + body.length() ? v.width - sign.length() - body.length() : 0;
        if (v.zero && !v.minus && !num.isInfinite()) {
            return sign + "0".repeat(padding) + body;
        }
        if (v.minus) {
            return sign + body + " ".repeat(padding);
        }
        return " ".repeat(padding) + sign + body;
    }

    /** Go's %g/%e/%f text of numbers, shared with jsonencode and yamlencode. */
    static final class GoNumberText {
        private static final int BITS = 512;

        private GoNumberText() {
        }

        /** big.Float.Text('g', -1): the shortest digits, exponent form below 1e-4 or from 1e21... as Go decides. */
        static String shortestG(Value num) {
            if (num.isInfinite()) {
                return num.asDouble() > 0 ? "+Inf" : "-Inf";
            }
            BigDecimal b = num.asBigDecimal();
            return (b.signum() < 0 ? "-" : "") + text(b.abs(), 'g', -1);
        }

        /**
         * The value of the 512-bit binary float nearest to {@code b}, as cty holds a parsed number: decides how
         * decimal ties round (2.675 is a hair below in binary, so %.2f gives 2.67 as in Go).
         */
        static BigDecimal asBigFloat512(BigDecimal b) {
            if (b.signum() == 0) {
                return b;
            }
            BigDecimal abs = b.abs();
            int e = abs.precision() - abs.scale(); // abs < 10^e
            int exp2 = (int) Math.floor(e * 3.321928094887362) - BITS - 1;
            for (int tries = 0; tries < 4; tries++) {
                BigDecimal scaled = exp2 >= 0 ? abs.divide(new BigDecimal(BigInteger.TWO.pow(exp2)))
                        : abs.multiply(new BigDecimal(BigInteger.TWO.pow(-exp2)));
                BigInteger m = scaled.setScale(0, RoundingMode.HALF_EVEN).toBigInteger();
                if (m.bitLength() > BITS) {
                    exp2 += m.bitLength() - BITS;
                    continue;
                }
                if (m.bitLength() < BITS && scaled.compareTo(new BigDecimal(m)) != 0) {
                    exp2 -= BITS - m.bitLength();
                    continue;
                }
                BigDecimal exact = exp2 >= 0 ? new BigDecimal(m.shiftLeft(exp2))
                        : new BigDecimal(m).divide(new BigDecimal(BigInteger.TWO.pow(-exp2)));
                return b.signum() < 0 ? exact.negate() : exact;
            }
            return b;
        }

        /** big.Float Append for a non-negative finite number; prec -1 means shortest. */
        static String text(BigDecimal abs, char fmt, int prec) {
            String mant;
            int exp; // value = 0.mant * 10^exp
            if (abs.signum() == 0) {
                mant = "";
                exp = 0;
            } else {
                BigDecimal s = abs.stripTrailingZeros();
                mant = s.unscaledValue().toString();
                exp = mant.length() - s.scale();
            }
            boolean shortest = prec < 0;
            if (shortest) {
                prec = switch (fmt) {
                    case 'e', 'E' -> Math.max(mant.length() - 1, 0);
                    case 'f' -> Math.max(mant.length() - exp, 0);
                    default -> mant.length();
                };
            } else {
                int digits = switch (fmt) {
                    case 'e', 'E' -> 1 + prec;
                    case 'f' -> exp + prec;
                    default -> prec == 0 ? 1 : prec;
                };
                if (fmt == 'g' || fmt == 'G') {
                    prec = digits;
                }
                String[] r = round(mant, exp, digits);
                mant = r[0];
                exp = Integer.parseInt(r[1]);
            }
            switch (fmt) {
                case 'e', 'E' -> {
                    return fmtE(mant, exp, fmt, prec);
                }
                case 'f' -> {
                    return fmtF(mant, exp, prec);
                }
                default -> {
                    int eprec = prec;
                    if (eprec > mant.length() && mant.length() >= exp) {
                        eprec = mant.length();
                    }
                    if (shortest) {
                        eprec = 6;
                    }
                    int x = exp - 1;
                    if (x < -4 || x >= eprec) {
                        if (prec > mant.length()) {
                            prec = mant.length();
                        }
                        return fmtE(mant, exp, fmt == 'g' ? 'e' : 'E', prec - 1);
                    }
                    if (prec > exp) {
                        prec = mant.length();
                    }
                    return fmtF(mant, exp, Math.max(prec - exp, 0));
                }
            }
        }

        /** Rounds decimal digits 0.mant×10^exp to n digits, half to even on the exact digits as Go's decimal does. */
        private static String[] round(String mant, int exp, int n) {
            if (n < 0 || n >= mant.length()) {
                return new String[] {mant, Integer.toString(exp)};
            }
            BigDecimal d = new BigDecimal(new BigInteger(mant.isEmpty() ? "0" : mant), mant.length());
            BigDecimal r = n == 0 ? (d.compareTo(new BigDecimal("0.5")) > 0 ? BigDecimal.ONE : BigDecimal.ZERO)
                    : d.round(new MathContext(n, RoundingMode.HALF_EVEN));
            if (r.signum() == 0) {
                return new String[] {"", Integer.toString(exp)};
            }
            r = r.stripTrailingZeros();
            String digits = r.unscaledValue().toString();
            int newExp = digits.length() - r.scale() + exp;
            return new String[] {digits, Integer.toString(newExp)};
        }

        private static char at(String mant, int i) {
            return i >= 0 && i < mant.length() ? mant.charAt(i) : '0';
        }

        private static String fmtE(String mant, int exp, char e, int prec) {
            StringBuilder sb = new StringBuilder();
            sb.append(mant.isEmpty() ? '0' : mant.charAt(0));
            if (prec > 0) {
                sb.append('.');
                for (int i = 1; i <= prec; i++) {
                    sb.append(at(mant, i));
                }
            }
            sb.append(e);
            long x = mant.isEmpty() ? 0 : exp - 1L;
            sb.append(x < 0 ? '-' : '+');
            x = Math.abs(x);
            if (x < 10) {
                sb.append('0');
            }
            return sb.append(x).toString();
        }

        private static String fmtF(String mant, int exp, int prec) {
            StringBuilder sb = new StringBuilder();
            if (exp > 0) {
                for (int i = 0; i < exp; i++) {
                    sb.append(at(mant, i));
                }
            } else {
                sb.append('0');
            }
            if (prec > 0) {
                sb.append('.');
                for (int i = 0; i < prec; i++) {
                    sb.append(at(mant, exp + i));
                }
            }
            return sb.toString();
        }
    }
}
