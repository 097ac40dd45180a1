package io.jenkins.plugins.packer.function;

import java.nio.charset.StandardCharsets;

/**
 * Go's time text formats as these functions see them: {@code time.Parse} of RFC 3339 with the failure details cty
 * turns into messages, {@code Time.Format} of a Go reference layout, {@code time.ParseDuration}, and the strftime
 * conversions of github.com/jehiah/go-strftime.
 */
final class DateTimeLayouts {

    static final String RFC3339 = "2006-01-02T15:04:05Z07:00";

    private static final long MAX_INT64 = Long.MAX_VALUE;

    private DateTimeLayouts() {
    }

    /** A failed parse, with what cty's parseTimestamp makes of Go's ParseError. */
    static final class ParseException extends Exception {

        private static final long serialVersionUID = 1L;

        ParseException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Parses RFC 3339 as Go 1.19's {@code time.Parse(time.RFC3339, s)} does (one-digit hours, fractional seconds
     * after a period or comma, any offset up to 99:99) and fails with go-cty's message for Go's error.
     *
     * @param separator the character between date and time ({@code 'T'}, or {@code ' '} for rfc3339_parse)
     */
    static DateTimeCalendar parseRfc3339(String value, char separator) throws ParseException {
        Cursor c = new Cursor(value);
        long year = c.fixedDigits(4, "year");
        c.literal("-");
        int month = c.twoDigits("month", true);
        checkRange(month >= 1 && month <= 12, "month", c);
        c.literal("-");
        int day = c.twoDigits("day of month", true);
        c.literal(String.valueOf(separator));
        int hour = c.twoDigits("hour", false);
        checkRange(hour < 24, "hour", c);
        c.literal(":");
        int minute = c.twoDigits("minute", true);
        checkRange(minute < 60, "minute", c);
        c.literal(":");
        int second = c.twoDigits("second", true);
        checkRange(second < 60, "second", c);
        int nano = c.fraction();
        int offset = c.offset();
        if (!c.rest().isEmpty()) {
            throw new ParseException("not a valid RFC3339 timestamp: cannot use " + ExtFunction.goQuote(c.rest())
                    + " as timestamp segment");
        }
        if (day < 1 || day > DateTimeCalendar.daysIn(month, year)) {
            throw new ParseException("not a valid RFC3339 timestamp: day out of range");
        }
        return DateTimeCalendar.of(year, month, day, hour, minute, second, nano, offset);
    }

    private static void checkRange(boolean ok, String what, Cursor c) throws ParseException {
        if (!ok) {
            throw c.cannotUse(c.rest(), what);
        }
    }

    /** Reads through the text the way Go's parser consumes it, so failures name what Go's ParseError names. */
    private static final class Cursor {
        private String rest;

        Cursor(String value) {
            this.rest = value;
        }

        String rest() {
            return rest;
        }

        ParseException cannotUse(String valueElem, String what) {
            if (valueElem.isEmpty()) {
                return new ParseException("not a valid RFC3339 timestamp: end of string before " + what);
            }
            return new ParseException("not a valid RFC3339 timestamp: cannot use " + ExtFunction.goQuote(valueElem)
                    + " as " + what);
        }

        void literal(String expected) throws ParseException {
            if (expected.equals(" ") && (rest.isEmpty() || rest.charAt(0) == ' ')) {
                // A space in a Go layout matches any run of spaces.
                rest = rest.stripLeading();
                return;
            }
            for (int i = 0; i < expected.length(); i++) {
                if (rest.isEmpty() || rest.charAt(0) != expected.charAt(i)) {
                    if (expected.equals("T") || expected.equals(" ")) {
                        throw new ParseException("not a valid RFC3339 timestamp: missing required time introducer "
                                + "'" + expected + "'");
                    }
                    throw new ParseException(rest.isEmpty()
                            ? "not a valid RFC3339 timestamp: end of string where " + ExtFunction.goQuote(expected)
                                    + " is expected"
                            : "not a valid RFC3339 timestamp: found " + ExtFunction.goQuote(rest) + " where "
                                    + ExtFunction.goQuote(expected) + " is expected");
                }
                rest = rest.substring(1);
            }
        }

        long fixedDigits(int n, String what) throws ParseException {
            if (rest.length() < n || !isDigit(rest, 0)) {
                throw cannotUse(rest, what);
            }
            for (int i = 0; i < n; i++) {
                if (!isDigit(rest, i)) {
                    throw cannotUse(rest, what);
                }
            }
            long v = Long.parseLong(rest.substring(0, n));
            rest = rest.substring(n);
            return v;
        }

        /** Go's getnum: two digits, or one when {@code fixed} is false. */
        int twoDigits(String what, boolean fixed) throws ParseException {
            if (!isDigit(rest, 0)) {
                throw cannotUse(rest, what);
            }
            if (!isDigit(rest, 1)) {
                if (fixed) {
                    throw cannotUse(rest, what);
                }
                int v = rest.charAt(0) - '0';
                rest = rest.substring(1);
                return v;
            }
            int v = (rest.charAt(0) - '0') * 10 + (rest.charAt(1) - '0');
            rest = rest.substring(2);
            return v;
        }

        /** Fractional seconds after a period or comma; digits past the ninth are read and ignored, as in Go. */
        int fraction() {
            if (rest.length() < 2 || (rest.charAt(0) != '.' && rest.charAt(0) != ',') || !isDigit(rest, 1)) {
                return 0;
            }
            int n = 1;
            while (n < rest.length() && isDigit(rest, n)) {
                n++;
            }
            String digits = rest.substring(1, Math.min(n, 10));
            rest = rest.substring(n);
            return Integer.parseInt((digits + "000000000").substring(0, 9));
        }

        /** Go's Z07:00: {@code Z}, or a sign, two digits, a colon and two digits (not range-checked). */
        int offset() throws ParseException {
            if (!rest.isEmpty() && rest.charAt(0) == 'Z') {
                rest = rest.substring(1);
                return 0;
            }
            if (rest.length() < 6 || rest.charAt(3) != ':') {
                throw cannotUse(rest, "UTC offset");
            }
            String hh = rest.substring(1, 3);
            String mm = rest.substring(4, 6);
            char sign = rest.charAt(0);
            if (!goAtoi(hh) || !goAtoi(mm) || (sign != '+' && sign != '-')) {
                throw cannotUse(rest, "UTC offset");
            }
            int seconds = (Integer.parseInt(hh.replace("+", "")) * 60 + Integer.parseInt(mm.replace("+", ""))) * 60;
            rest = rest.substring(6);
            return sign == '-' ? -seconds : seconds;
        }

        /** Whether Go's atoi takes the text: digits with an optional leading sign (a minus is not allowed here). */
        private static boolean goAtoi(String s) {
            String digits = s.startsWith("+") ? s.substring(1) : s;
            return !digits.isEmpty() && digits.chars().allMatch(ch -> ch >= '0' && ch <= '9');
        }
    }

    private static boolean isDigit(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    /** Go's {@code Time.Format} for a reference layout such as {@code 2006-01-02T15:04:05Z07:00}. */
    static String format(DateTimeCalendar t, String layout, String zoneName) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            int consumed = formatChunk(t, layout, i, zoneName, b);
            if (consumed == 0) {
                b.append(layout.charAt(i));
                i++;
            } else {
                i += consumed;
            }
        }
        return b.toString();
    }

    /** Writes the layout element starting at {@code i}, if one does, and returns its length (0 for a literal). */
    private static int formatChunk(DateTimeCalendar t, String layout, int i, String zoneName, StringBuilder b) {
        String s = layout.substring(i);
        char c = s.charAt(0);
        switch (c) {
            case 'J':
                if (s.startsWith("January")) {
                    b.append(DateTimeCalendar.monthName(t.month()));
                    return 7;
                }
                if (s.startsWith("Jan") && !startsWithLower(s, 3)) {
                    b.append(DateTimeCalendar.monthName(t.month()), 0, 3);
                    return 3;
                }
                return 0;
            case 'M':
                if (s.startsWith("Monday")) {
                    b.append(DateTimeCalendar.weekdayName(t.weekday()));
                    return 6;
                }
                if (s.startsWith("Mon") && !startsWithLower(s, 3)) {
                    b.append(DateTimeCalendar.weekdayName(t.weekday()), 0, 3);
                    return 3;
                }
                if (s.startsWith("MST")) {
                    if (zoneName != null && !zoneName.isEmpty()) {
                        b.append(zoneName);
                    } else {
                        int zone = t.offsetSeconds() / 60;
                        b.append(zone < 0 ? '-' : '+');
                        pad(b, Math.abs(zone) / 60, 2);
                        pad(b, Math.abs(zone) % 60, 2);
                    }
                    return 3;
                }
                return 0;
            case '0':
                if (s.length() >= 2 && s.charAt(1) >= '1' && s.charAt(1) <= '6') {
                    switch (s.charAt(1)) {
                        case '1' -> pad(b, t.month(), 2);
                        case '2' -> pad(b, t.day(), 2);
                        case '3' -> pad(b, hour12(t), 2);
                        case '4' -> pad(b, t.minute(), 2);
                        case '5' -> pad(b, t.second(), 2);
                        default -> pad(b, Math.floorMod(t.year(), 100), 2);
                    }
                    return 2;
                }
                if (s.startsWith("002")) {
                    pad(b, t.yearDay(), 3);
                    return 3;
                }
                return 0;
            case '1':
                if (s.startsWith("15")) {
                    pad(b, t.hour(), 2);
                    return 2;
                }
                b.append(t.month());
                return 1;
            case '2':
                if (s.startsWith("2006")) {
                    pad(b, t.year(), 4);
                    return 4;
                }
                b.append(t.day());
                return 1;
            case '_':
                if (s.startsWith("_2") && !s.startsWith("_2006")) {
                    b.append(t.day() < 10 ? " " : "").append(t.day());
                    return 2;
                }
                if (s.startsWith("__2")) {
                    String yd = Integer.toString(t.yearDay());
                    b.append(" ".repeat(3 - yd.length())).append(yd);
                    return 3;
                }
                return 0;
            case '3':
                b.append(hour12(t));
                return 1;
            case '4':
                b.append(t.minute());
                return 1;
            case '5':
                b.append(t.second());
                return 1;
            case 'P':
                if (s.startsWith("PM")) {
                    b.append(t.hour() >= 12 ? "PM" : "AM");
                    return 2;
                }
                return 0;
            case 'p':
                if (s.startsWith("pm")) {
                    b.append(t.hour() >= 12 ? "pm" : "am");
                    return 2;
                }
                return 0;
            case '-':
            case 'Z':
                return zone(t, s, b);
            case '.':
            case ',':
                if (s.length() > 1 && (s.charAt(1) == '0' || s.charAt(1) == '9')) {
                    char digit = s.charAt(1);
                    int j = 1;
                    while (j < s.length() && s.charAt(j) == digit) {
                        j++;
                    }
                    if (!isDigit(s, j)) {
                        fraction(b, t.nano(), j - 1, digit == '9', c);
                        return j;
                    }
                }
                return 0;
            default:
                return 0;
        }
    }

    private static int zone(DateTimeCalendar t, String s, StringBuilder b) {
        String[] forms = {"Z070000", "Z07:00:00", "Z0700", "Z07:00", "Z07", "-070000", "-07:00:00", "-0700",
            "-07:00", "-07"};
        for (String form : forms) {
            if (s.startsWith(form)) {
                int offset = t.offsetSeconds();
                if (offset == 0 && form.charAt(0) == 'Z') {
                    b.append('Z');
                    return form.length();
                }
                int zone = offset / 60;
                int abs = Math.abs(offset);
                b.append(zone < 0 ? '-' : '+');
                zone = Math.abs(zone);
                pad(b, zone / 60, 2);
                boolean colon = form.contains(":");
                if (colon) {
                    b.append(':');
                }
                if (form.length() > 3) {
                    pad(b, zone % 60, 2);
                }
                if (form.length() == 7 && !colon || form.length() == 9) {
                    if (colon) {
                        b.append(':');
                    }
                    pad(b, abs % 60, 2);
                }
                return form.length();
            }
        }
        return 0;
    }

    private static void fraction(StringBuilder b, int nano, int digits, boolean trim, char separator) {
        if (trim && (digits == 0 || nano == 0)) {
            return;
        }
        String nine = String.format("%09d", nano);
        String part = digits < 9 ? nine.substring(0, digits) : nine;
        if (trim) {
            part = part.replaceAll("0+$", "");
            if (part.isEmpty()) {
                return;
            }
        }
        b.append(separator).append(part);
    }

    private static int hour12(DateTimeCalendar t) {
        int h = t.hour() % 12;
        return h == 0 ? 12 : h;
    }

    private static boolean startsWithLower(String s, int at) {
        return at < s.length() && s.charAt(at) >= 'a' && s.charAt(at) <= 'z';
    }

    /** Go's appendInt with a width: a minus sign, then the digits zero-padded to the width. */
    static void pad(StringBuilder b, long v, int width) {
        String digits = Long.toString(Math.abs(v));
        if (v < 0) {
            b.append('-');
        }
        b.append("0".repeat(Math.max(0, width - digits.length()))).append(digits);
    }

    /** Go's time.ParseDuration, as nanoseconds, failing with Go's message. */
    static long parseDuration(String orig) throws FunctionException {
        String s = orig;
        long d = 0;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        FunctionException invalid = new FunctionException("time: invalid duration " + timeQuote(orig));
        if (s.isEmpty()) {
            throw invalid;
        }
        while (!s.isEmpty()) {
            if (!(s.charAt(0) == '.' || isDigit(s, 0))) {
                throw invalid;
            }
            int i = 0;
            long v = 0;
            while (isDigit(s, i)) {
                if (v > MAX_INT64 / 10) {
                    throw invalid;
                }
                v = v * 10 + (s.charAt(i) - '0');
                if (v < 0) {
                    throw invalid;
                }
                i++;
            }
            boolean pre = i > 0;
            s = s.substring(i);
            boolean post = false;
            long f = 0;
            double scale = 1;
            if (!s.isEmpty() && s.charAt(0) == '.') {
                s = s.substring(1);
                int j = 0;
                boolean overflow = false;
                while (isDigit(s, j)) {
                    if (!overflow) {
                        if (f > MAX_INT64 / 10) {
                            overflow = true;
                        } else {
                            long y = f * 10 + (s.charAt(j) - '0');
                            if (y < 0) {
                                overflow = true;
                            } else {
                                f = y;
                                scale *= 10;
                            }
                        }
                    }
                    j++;
                }
                post = j > 0;
                s = s.substring(j);
            }
            if (!pre && !post) {
                throw invalid;
            }
            int u = 0;
            while (u < s.length() && s.charAt(u) != '.' && !isDigit(s, u)) {
                u++;
            }
            if (u == 0) {
                throw new FunctionException("time: missing unit in duration " + timeQuote(orig));
            }
            String unitName = s.substring(0, u);
            s = s.substring(u);
            long unit = switch (unitName) {
                case "ns" -> 1L;
                case "us", "\u00b5s", "\u03bcs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw new FunctionException("time: unknown unit " + timeQuote(unitName)
                        + " in duration " + timeQuote(orig));
            };
            if (v > MAX_INT64 / unit) {
                throw invalid;
            }
            v *= unit;
            if (f > 0) {
                v += (long) (f * (unit / scale));
                if (v < 0) {
                    throw invalid;
                }
            }
            d += v;
            if (d < 0) {
                throw invalid;
            }
        }
        return neg ? -d : d;
    }

    /** The time package's own quoting (Go 1.19): bytes outside printable ASCII as {@code \xNN}. */
    static String timeQuote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            if (cp >= 0x80 || cp < ' ') {
                for (byte x : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    b.append(String.format("\\x%02x", x & 0xff));
                }
            } else {
                if (cp == '"' || cp == '\\') {
                    b.append('\\');
                }
                b.appendCodePoint(cp);
            }
        });
        return b.append('"').toString();
    }

    /** github.com/jehiah/go-strftime's Format: each known {@code %x} becomes a Go layout element. */
    static String strftime(DateTimeCalendar t, String format, String zoneName) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            int pct = format.indexOf('%', i);
            int end = pct < 0 ? format.length() : pct;
            b.append(format, i, end);
            if (end + 1 < format.length()) {
                char c = format.charAt(end + 1);
                String layout = strftimeLayout(c);
                if (c == '%') {
                    b.append('%');
                } else if (layout != null) {
                    b.append(format(t, layout, zoneName));
                } else {
                    b.append('%').append(c);
                }
            } else if (end < format.length()) {
                b.append('%');
            }
            i = end + 2;
        }
        return b.toString();
    }

    private static String strftimeLayout(char c) {
        return switch (c) {
            case 'B' -> "January";
            case 'b' -> "Jan";
            case 'm' -> "01";
            case 'A' -> "Monday";
            case 'a' -> "Mon";
            case 'd' -> "02";
            case 'H' -> "15";
            case 'I' -> "03";
            case 'M' -> "04";
            case 'S' -> "05";
            case 'Y' -> "2006";
            case 'y' -> "06";
            case 'p' -> "PM";
            case 'Z' -> "MST";
            case 'z' -> "-0700";
            case 'L' -> ".000";
            default -> null;
        };
    }
}
