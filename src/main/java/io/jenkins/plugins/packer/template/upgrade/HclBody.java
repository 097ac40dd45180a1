package io.jenkins.plugins.packer.template.upgrade;

import io.jenkins.plugins.packer.value.GoStrings;
import io.jenkins.plugins.packer.value.Value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes HCL native syntax the way {@code hclwrite} generates it from values ({@code SetAttributeValue},
 * {@code AppendNewBlock}, {@code AppendNewline}): the same lines and escapes, spacing left to the formatter that runs
 * last. Values are decoded JSON: {@code String}, {@code Double}, {@code Boolean}, null, {@code List}, {@code Map}.
 * The line structure matters before formatting because Go template errors name lines.
 */
final class HclBody {

    /** An expression written as is, such as the type keyword {@code string}. */
    record Raw(String text) {}

    private final StringBuilder out;
    private final String indent;

    private HclBody(StringBuilder out, String indent) {
        this.out = out;
        this.indent = indent;
    }

    /** A new, empty file body. */
    static HclBody file() {
        return new HclBody(new StringBuilder(), "");
    }

    String text() {
        return out.toString();
    }

    HclBody newline() {
        out.append('\n');
        return this;
    }

    HclBody attribute(String name, Object value) {
        out.append(indent).append(name).append(" = ");
        value(out, value);
        out.append('\n');
        return this;
    }

    /** Appends a block and returns its body; the block is closed when {@code fill} returns. */
    HclBody block(String type, List<String> labels, java.util.function.Consumer<HclBody> fill) {
        out.append(indent).append(type);
        for (String label : labels) {
            out.append(' ');
            value(out, label);
        }
        out.append(" {\n");
        fill.accept(new HclBody(out, indent + "  "));
        out.append(indent).append("}\n");
        return this;
    }

    /** hclwrite's token form of a value, as {@code TokensForValue} writes it. */
    static void value(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Raw r) {
            sb.append(r.text());
        } else if (v instanceof Boolean b) {
            sb.append(b);
        } else if (v instanceof Double d) {
            sb.append(number(d));
        } else if (v instanceof String s) {
            sb.append('"').append(escape(Normalizer.normalize(s, Normalizer.Form.NFC))).append('"');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                value(sb, l.get(i));
            }
            sb.append(']');
        } else if (v instanceof Map<?, ?> m) {
            // cty objects iterate their attributes in name order, whatever the JSON order was.
            TreeMap<String, Object> sorted = new TreeMap<>(Value::compareCodePoints);
            m.forEach((k, e) -> sorted.put(Normalizer.normalize((String) k, Normalizer.Form.NFC), e));
            sb.append('{');
            if (!sorted.isEmpty()) {
                sb.append('\n');
            }
            sorted.forEach((k, e) -> {
                if (isIdentifier(k)) {
                    sb.append(k);
                } else {
                    value(sb, k);
                }
                sb.append(" = ");
                value(sb, e);
                sb.append('\n');
            });
            sb.append('}');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + v.getClass());
        }
    }

    /** hclwrite's string escapes; {@code ${} and {@code %{} are doubled so they stay literal. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '$', '%' -> {
                    sb.appendCodePoint(cp);
                    if (i < s.length() && s.charAt(i) == '{') {
                        sb.appendCodePoint(cp);
                    }
                }
                default -> {
                    if (GoStrings.isPrint(cp)) {
                        sb.appendCodePoint(cp);
                    } else if (cp < 0x10000) {
                        sb.append(String.format("\\u%04x", cp));
                    } else {
                        sb.append(String.format("\\U%08x", cp));
                    }
                }
            }
        }
        return sb.toString();
    }

    /** HCL's identifier rule: a letter or underscore, then letters, digits, underscores and dashes. */
    static boolean isIdentifier(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int first = s.codePointAt(0);
        if (!(Character.isLetter(first) || first == '_')) {
            return false;
        }
        return s.codePoints().skip(1).allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-'
                || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK
                || Character.getType(c) == Character.CONNECTOR_PUNCTUATION);
    }

    /** {@code big.Float.Text('f', -1)} of a float64: the shortest digits that read back, never an exponent. */
    static String number(double d) {
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(d);
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == d) {
                return r.stripTrailingZeros().toPlainString();
            }
        }
        return exact.toPlainString();
    }
}
