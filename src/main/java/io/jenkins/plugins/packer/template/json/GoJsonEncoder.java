package io.jenkins.plugins.packer.template.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a Go value decoded from JSON ({@link GoJson}) as Go's {@code json.Encoder} writes it, then indented as
 * {@code json.Indent} with two spaces: object keys in byte order, {@code <}, {@code >} and {@code &} escaped to be
 * safe in HTML, numbers as Go formats a float64. That is the text {@code packer fix} starts from.
 */
final class GoJsonEncoder {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoJsonEncoder() {
    }

    /** The indented document, ending with the newline the encoder adds. */
    static String indented(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.append('\n').toString();
    }

    private static void write(StringBuilder sb, Object value, int depth) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            string(sb, s);
        } else if (value instanceof Double d) {
            sb.append(number(d));
        } else if (value instanceof Boolean b) {
            sb.append(b);
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "\n" : ",\n");
                indent(sb, depth + 1);
                write(sb, list.get(i), depth + 1);
            }
            sb.append('\n');
            indent(sb, depth);
            sb.append(']');
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                sb.append("{}");
                return;
            }
            List<String> keys = new ArrayList<>();
            map.keySet().forEach(k -> keys.add((String) k));
            keys.sort(GoText.ORDER);
            sb.append('{');
            for (int i = 0; i < keys.size(); i++) {
                sb.append(i == 0 ? "\n" : ",\n");
                indent(sb, depth + 1);
                string(sb, keys.get(i));
                sb.append(": ");
                write(sb, map.get(keys.get(i)), depth + 1);
            }
            sb.append('\n');
            indent(sb, depth);
            sb.append('}');
        } else {
            throw new IllegalArgumentException("not a decoded JSON value: " + value.getClass());
        }
    }

    private static void indent(StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth));
    }

    /** A string with Go's escapes: safe in HTML, control characters as six-character escapes, U+2028 and U+2029 too. */
    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"', '\\' -> sb.append('\\').append(c);
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(sb, c);
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(sb, c);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void unicodeEscape(StringBuilder sb, char c) {
        sb.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                .append(HEX[c & 0xf]);
    }

    /**
     * A float64 as encoding/json writes it: the shortest digits that read back the same, plain from 1e-6 to below
     * 1e21, otherwise with an exponent of at least one digit ({@code 1e+21}, {@code 1e-7}).
     */
    static String number(double d) {
        double abs = Math.abs(d);
        if (abs == 0 || abs >= 1e-6 && abs < 1e21) {
            return GoText.formatPlain(d);
        }
        BigDecimal shortest = GoText.shortest(d);
        int exponent = shortest.precision() - shortest.scale() - 1;
        String digits = shortest.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder(d < 0 ? "-" : "").append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        return sb.toString();
    }
}
