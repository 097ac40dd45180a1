package io.jenkins.plugins.packer.function;

/**
 * go-cty's {@code formatdate} layout language: runs of one letter are verbs ({@code YYYY}, {@code MMM},
 * {@code hh}, {@code ZZZZZ}...), text in single quotes is literal ({@code ''} is a quote), anything else is copied.
 */
final class DateTimeFormatDate {

    private static final char QUOTE = '\'';

    private DateTimeFormatDate() {
    }

    static String format(String layout, DateTimeCalendar t) throws FunctionException {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            int end = tokenEnd(layout, i);
            String tok = layout.substring(i, end);
            i = end;
            char first = tok.charAt(0);
            if (first == QUOTE) {
                literal(tok, b);
            } else if (isLetter(first)) {
                verb(tok, t, b);
            } else {
                b.append(tok);
            }
        }
        return b.toString();
    }

    /**
     * Where the token starting at {@code i} ends. A quoted literal closed by the very last character is a token too:
     * go-cty 1.4 (Packer 1.6.6) dropped it, a bug later go-cty fixed; the fix is followed here.
     */
    private static int tokenEnd(String s, int i) {
        char c = s.charAt(i);
        if (c == QUOTE) {
            if (i + 1 < s.length() && s.charAt(i + 1) == QUOTE) {
                return i + 2;
            }
            for (int j = i + 1; j < s.length(); j++) {
                if (s.charAt(j) == QUOTE) {
                    if (j + 1 < s.length() && s.charAt(j + 1) == QUOTE) {
                        j++;
                        continue;
                    }
                    return j + 1;
                }
            }
            return s.length();
        }
        int j = i + 1;
        if (isLetter(c)) {
            while (j < s.length() && s.charAt(j) == c) {
                j++;
            }
            return j;
        }
        while (j < s.length() && s.charAt(j) != QUOTE && !isLetter(s.charAt(j))) {
            j++;
        }
        return j;
    }

    private static void literal(String tok, StringBuilder b) throws FunctionException {
        if (tok.length() == 1 || tok.charAt(tok.length() - 1) != QUOTE) {
            throw new FunctionException(0, "unterminated literal '");
        }
        if (tok.length() == 2) {
            b.append(QUOTE);
            return;
        }
        String raw = tok.substring(1, tok.length() - 1);
        for (int k = 0; k < raw.length(); k++) {
            b.append(raw.charAt(k));
            if (raw.charAt(k) == QUOTE) {
                k++;
            }
        }
    }

    private static void verb(String tok, DateTimeCalendar t, StringBuilder b) throws FunctionException {
        int n = tok.length();
        String q = ExtFunction.goQuote(tok);
        switch (tok.charAt(0)) {
            case 'Y' -> {
                if (n == 2) {
                    DateTimeLayouts.pad(b, t.year() % 100, 2);
                } else if (n == 4) {
                    DateTimeLayouts.pad(b, t.year(), 4);
                } else {
                    throw bad(q, "year must either be \"YY\" or \"YYYY\"");
                }
            }
            case 'M' -> {
                String name = DateTimeCalendar.monthName(t.month());
                switch (n) {
                    case 1 -> b.append(t.month());
                    case 2 -> DateTimeLayouts.pad(b, t.month(), 2);
                    case 3 -> b.append(name, 0, 3);
                    case 4 -> b.append(name);
                    default -> throw bad(q, "month must be \"M\", \"MM\", \"MMM\", or \"MMMM\"");
                }
            }
            case 'D' -> number(b, t.day(), n, q, "day of month must either be \"D\" or \"DD\"");
            case 'E' -> {
                String name = DateTimeCalendar.weekdayName(t.weekday());
                if (n == 3) {
                    b.append(name, 0, 3);
                } else if (n == 4) {
                    b.append(name);
                } else {
                    throw bad(q, "day of week must either be \"EEE\" or \"EEEE\"");
                }
            }
            case 'h' -> number(b, t.hour(), n, q, "24-hour must either be \"h\" or \"hh\"");
            case 'H' -> number(b, t.hour() % 12 == 0 ? 12 : t.hour() % 12, n, q,
                    "12-hour must either be \"H\" or \"HH\"");
            case 'A', 'a' -> {
                if (n != 2) {
                    throw bad(q, "must be \"" + tok.charAt(0) + tok.charAt(0) + "\"");
                }
                String ampm = t.hour() / 12 == 0 ? "AM" : "PM";
                b.append(tok.charAt(0) == 'A' ? ampm : ampm.toLowerCase(java.util.Locale.ROOT));
            }
            case 'm' -> number(b, t.minute(), n, q, "minute must either be \"m\" or \"mm\"");
            case 's' -> number(b, t.second(), n, q, "second must either be \"s\" or \"ss\"");
            case 'Z' -> {
                switch (n) {
                    case 1 -> b.append(DateTimeLayouts.format(t, "Z07:00", null));
                    case 3 -> {
                        String numeric = DateTimeLayouts.format(t, "-0700", null);
                        b.append(numeric.equals("+0000") ? "UTC" : numeric);
                    }
                    case 4 -> b.append(DateTimeLayouts.format(t, "-0700", null));
                    case 5 -> b.append(DateTimeLayouts.format(t, "-07:00", null));
                    default -> throw bad(q, "timezone must be Z, ZZZZ, or ZZZZZ");
                }
            }
            default -> throw new FunctionException(0, "invalid date format verb " + q);
        }
    }

    private static void number(StringBuilder b, int value, int n, String q, String rule) throws FunctionException {
        if (n == 1) {
            b.append(value);
        } else if (n == 2) {
            DateTimeLayouts.pad(b, value, 2);
        } else {
            throw bad(q, rule);
        }
    }

    private static FunctionException bad(String quotedVerb, String rule) {
        return new FunctionException(0, "invalid date format verb " + quotedVerb + ": " + rule);
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
