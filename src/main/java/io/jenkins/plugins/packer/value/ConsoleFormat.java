package io.jenkins.plugins.packer.value;

import java.util.List;
import java.util.Map;

/**
 * Renders values the way {@code packer console} (v1.6.6) prints them: a top-level string raw,
 * nested strings Go-quoted, numbers as {@link Numbers#toConsoleString}, collections over several
 * lines with two-space indents, map and object entries sorted and without their null entries.
 * A value that is not wholly known prints as {@code <unknown>}; a sensitive one as
 * {@code <sensitive>}, wherever it sits.
 */
public final class ConsoleFormat {

    static final String SENSITIVE = "<sensitive>";
    static final String UNKNOWN = "<unknown>";

    private ConsoleFormat() {
    }

    /** The text the console prints for the result of an expression. */
    public static String format(Value v) {
        if (hidden(v)) {
            return SENSITIVE;
        }
        if (!v.isWhollyKnown()) {
            return UNKNOWN;
        }
        return render(v, false);
    }

    /** The text of a value as an element of a collection: strings quoted. */
    static String formatNested(Value v) {
        return render(v, true);
    }

    /**
     * Whether a value prints as {@code <sensitive>}: a sensitive one, unless it is null or the empty string, which
     * Packer prints as they are (it masks a secret's text in its output, and these have none).
     */
    private static boolean hidden(Value v) {
        if (!v.hasMark(Mark.SENSITIVE)) {
            return false;
        }
        Value plain = v.unmark();
        return !(plain.isKnown() && (plain.isNull() || plain.type().equals(Type.STRING) && plain.asString().isEmpty()));
    }

    private static String render(Value v, boolean nested) {
        if (hidden(v)) {
            return nested && v.type().equals(Type.STRING) ? "\"" + SENSITIVE + "\"" : SENSITIVE;
        }
        v = v.unmark();
        if (!v.isKnown()) {
            return UNKNOWN;
        }
        if (v.isNull()) {
            return "null";
        }
        Type t = v.type();
        if (t.equals(Type.STRING)) {
            return nested ? goQuote(v.asString()) : v.asString();
        }
        if (t.equals(Type.NUMBER)) {
            return Numbers.toConsoleString(v);
        }
        if (t.equals(Type.BOOL)) {
            return Boolean.toString(v.asBool());
        }
        if (t.isMap() || t.isObject()) {
            return renderEntries(v.entries());
        }
        return renderElements(v.elements());
    }

    private static String renderElements(List<Value> elements) {
        StringBuilder sb = new StringBuilder("[");
        if (!elements.isEmpty()) {
            sb.append('\n');
        }
        for (Value e : elements) {
            sb.append(indent(render(e, true))).append(",\n");
        }
        return sb.append(']').toString();
    }

    private static String renderEntries(Map<String, Value> entries) {
        List<Map.Entry<String, Value>> shown = entries.entrySet().stream()
                .filter(e -> !e.getValue().isNull() || e.getValue().isMarked())
                .toList();
        StringBuilder sb = new StringBuilder("{");
        if (!shown.isEmpty()) {
            sb.append('\n');
        }
        for (Map.Entry<String, Value> e : shown) {
            sb.append(indent(goQuote(e.getKey()) + " = " + render(e.getValue(), true))).append('\n');
        }
        return sb.append('}').toString();
    }

    private static String indent(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append("  ").append(line);
        }
        return sb.toString();
    }

    /** Go's {@code strconv.Quote}: double quotes, Go escapes for what Go deems unprintable. */
    public static String goQuote(String s) {
        return GoStrings.quote(s);
    }

}
