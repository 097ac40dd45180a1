package io.jenkins.plugins.packer.gotemplate;

import io.jenkins.plugins.packer.value.GoStrings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code text/template} builtins that index, slice, call and escape ({@code index}, {@code slice}, {@code call},
 * {@code html}, {@code js}, {@code urlquery}), over the executor's values, with Go 1.19's results and error texts.
 * A string indexes and slices by its UTF-8 bytes, as in Go.
 */
final class GoBuiltins {

    private GoBuiltins() {
    }

    /** {@code index item i...}: {@code item[i]...}; a map's missing key is no value. */
    static Object index(Object item, List<Object> indexes) {
        if (item == null) {
            throw new IllegalArgumentException("index of untyped nil");
        }
        for (Object index : indexes) {
            if (item instanceof String s) {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                int x = indexArg(index, bytes.length);
                if (x == bytes.length) {
                    throw new IllegalArgumentException("reflect: string index out of range");
                }
                item = (long) (bytes[x] & 0xff);
            } else if (item instanceof List<?> l) {
                int x = indexArg(index, l.size());
                if (x == l.size()) {
                    throw new IllegalArgumentException("reflect: slice index out of range");
                }
                item = l.get(x);
            } else if (item instanceof Map<?, ?> m) {
                item = m.get(index);
                if (item == null) {
                    return null;
                }
            } else {
                throw new IllegalArgumentException("can't index item of type " + GoTemplateExecutor.goType(item));
            }
        }
        return item;
    }

    /** {@code slice item [i [j [k]]]}: {@code item[i:j:k]}. */
    static Object slice(Object item, List<Object> indexes) {
        if (item == null) {
            throw new IllegalArgumentException("slice of untyped nil");
        }
        if (indexes.size() > 3) {
            throw new IllegalArgumentException("too many slice indexes: " + indexes.size());
        }
        int length;
        if (item instanceof String s) {
            if (indexes.size() == 3) {
                throw new IllegalArgumentException("cannot 3-index slice a string");
            }
            length = s.getBytes(StandardCharsets.UTF_8).length;
        } else if (item instanceof List<?> l) {
            length = l.size();
        } else {
            throw new IllegalArgumentException("can't slice item of type " + GoTemplateExecutor.goType(item));
        }
        int[] idx = {0, length, 0};
        for (int i = 0; i < indexes.size(); i++) {
            idx[i] = indexArg(indexes.get(i), length);
        }
        if (idx[0] > idx[1]) {
            throw new IllegalArgumentException("invalid slice index: " + idx[0] + " > " + idx[1]);
        }
        if (indexes.size() == 3 && idx[1] > idx[2]) {
            throw new IllegalArgumentException("invalid slice index: " + idx[1] + " > " + idx[2]);
        }
        if (item instanceof String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            return new String(bytes, idx[0], idx[1] - idx[0], StandardCharsets.UTF_8);
        }
        return List.copyOf(new ArrayList<>(((List<?>) item).subList(idx[0], idx[1])));
    }

    private static int indexArg(Object index, int cap) {
        if (index == null) {
            throw new IllegalArgumentException("cannot index slice/array with nil");
        }
        if (!(index instanceof Long x)) {
            throw new IllegalArgumentException("cannot index slice/array with type "
                    + GoTemplateExecutor.goType(index));
        }
        if (x < 0 || x > cap) {
            throw new IllegalArgumentException("index out of range: " + x);
        }
        return (int) (long) x;
    }

    /** {@code call fn args...}: no template value is a function. */
    static Object call(Object fn) {
        if (fn == null) {
            throw new IllegalArgumentException("call of nil");
        }
        throw new IllegalArgumentException("non-function of type " + GoTemplateExecutor.goType(fn));
    }

    /** Go's {@code evalArgs}: one string as it is, else {@code fmt.Sprint} of the values, no value as such. */
    static String evalArgs(List<Object> args) {
        if (args.size() == 1 && args.get(0) instanceof String s) {
            return s;
        }
        List<Object> printable = new ArrayList<>();
        for (Object a : args) {
            printable.add(a == null ? "<no value>" : a);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < printable.size(); i++) {
            Object a = printable.get(i);
            if (i > 0 && !(a instanceof String) && !(printable.get(i - 1) instanceof String)) {
                sb.append(' ');
            }
            sb.append(GoTemplateExecutor.print(a));
        }
        return sb.toString();
    }

    /** Go's {@code template.HTMLEscapeString}. */
    static String html(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("&#34;");
                case '\'' -> sb.append("&#39;");
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\0' -> sb.append('\uFFFD');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Go 1.19's {@code template.JSEscapeString}. */
    static String js(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '"' -> sb.append("\\\"");
                case '<' -> sb.append("\\u003C");
                case '>' -> sb.append("\\u003E");
                case '&' -> sb.append("\\u0026");
                case '=' -> sb.append("\\u003D");
                default -> {
                    if (c < ' ' || c >= 0x80 && !GoStrings.isPrint(c)) {
                        sb.append(String.format("\\u%04X", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.toString();
    }

    /** Go's {@code url.QueryEscape}, as the {@code urlencode} function does it. */
    static String urlquery(String s) {
        return io.jenkins.plugins.packer.function.EncodingFunctions.queryEscape(s);
    }
}
