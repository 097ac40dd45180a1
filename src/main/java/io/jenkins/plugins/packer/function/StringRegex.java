package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.value.EvaluationCancelled;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Go (RE2) regular expression for the string functions, run by java.util.regex after translating the syntax that
 * differs: {@code $} is end of text (not "before a final newline") unless (?m); {@code .}, {@code ^} and {@code $}
 * know only \n as a line end; {@code \s} excludes \v; (?U) swaps greediness; named groups may be written
 * {@code (?P<name>)}; {@code [:alpha:]} classes; octal escapes; a literal {@code &&} or {@code [} inside a class; a
 * brace that does not form a repeat count is literal. What RE2 rejects (back-references, look-around, possessive and
 * nested repeats, unknown escapes) is rejected with Go's message, and matching follows Go's rules for empty matches
 * next to a previous match. Left as Java does it: {@code \b} and {@code \w} at non-ASCII letters.
 */
final class StringRegex {

    private final Pattern pattern;
    /** The name of each capture group by number (index 0, the whole match, is ""), "" for an unnamed group. */
    private final List<String> groupNames;

    private StringRegex(Pattern pattern, List<String> groupNames) {
        this.pattern = pattern;
        this.groupNames = groupNames;
    }

    /**
     * The text a match reads, its reads counted. RE2, which packer uses, matches in time linear in the text;
     * java.util.regex backtracks, and a pattern such as {@code (.*a){8}b} would take it years. A match that reads the
     * text more than a generous budget (ten million reads, and a thousand per character) stops with an error instead;
     * one whose thread is interrupted (a cancelled build) stops with {@link EvaluationCancelled}.
     */
    static final class Bounded implements CharSequence {
        static final long BASE = 10_000_000L;
        static final long PER_CHAR = 1_000L;
        private final String s;
        private long budget;

        Bounded(String s) {
            this.s = s;
            this.budget = BASE + PER_CHAR * s.length();
        }

        @Override
        public char charAt(int index) {
            if (--budget < 0) {
                throw new TooMuchWork(s.length());
            }
            if ((budget & 0xFFFF) == 0) {
                EvaluationCancelled.check();
            }
            return s.charAt(index);
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return s.substring(start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }

    /** A match that gave up (see {@link Bounded}). */
    static final class TooMuchWork extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooMuchWork(int length) {
            super("the regular expression takes too long to match a text of " + length + " characters (it backtracks"
                    + " exponentially here, where RE2 matches in linear time): simplify it, for example without"
                    + " nested or repeated unbounded groups", null, false, false);
        }
    }

    /** A syntax error with Go's code and offending text. */
    static final class GoSyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;
        final String expr;

        GoSyntaxError(String code, String expr) {
            super(code + ": `" + expr + "`", null, false, false);
            this.code = code;
            this.expr = expr;
        }
    }

    static StringRegex compile(String goPattern) throws GoSyntaxError {
        Translator t = new Translator(goPattern);
        String java = t.translate();
        try {
            return new StringRegex(Pattern.compile(java, Pattern.UNIX_LINES | Pattern.UNICODE_CASE), t.names);
        } catch (PatternSyntaxException e) {
            throw new GoSyntaxError("invalid or unsupported Perl syntax", goPattern);
        }
    }

    /** Compiles, failing the call with Go's "error parsing regexp: ..." text; argIndex -1 for a non-argument error. */
    static StringRegex compileOrFail(String goPattern, int argIndex, String prefix) throws FunctionException {
        try {
            return compile(goPattern);
        } catch (GoSyntaxError e) {
            String msg = prefix + "error parsing regexp: " + e.getMessage();
            throw argIndex < 0 ? new FunctionException(msg) : new FunctionException(argIndex, msg);
        }
    }

    /** The result type of regex for a pattern: string, a tuple of strings, or an object of named strings. */
    static Type resultType(Value patternValue) throws FunctionException {
        if (!patternValue.isKnown()) {
            return Type.DYNAMIC;
        }
        StringRegex re;
        try {
            re = compile(patternValue.asString());
        } catch (GoSyntaxError e) {
            throw new FunctionException(0, "invalid regexp pattern: " + e.code + " in " + e.expr);
        }
        List<String> groups = re.groupNames.subList(1, re.groupNames.size());
        long unnamed = groups.stream().filter(String::isEmpty).count();
        long named = groups.size() - unnamed;
        if (unnamed == 0 && named == 0) {
            return Type.STRING;
        }
        if (unnamed > 0 && named > 0) {
            throw new FunctionException(0, "invalid regexp pattern: cannot mix both named and unnamed capture groups");
        }
        if (unnamed > 0) {
            return Type.tuple(java.util.Collections.nCopies(groups.size(), Type.STRING));
        }
        Map<String, Type> attrs = new LinkedHashMap<>();
        groups.forEach(g -> attrs.put(g, Type.STRING));
        return Type.object(attrs);
    }

    Value firstMatch(String s, Type resultType) {
        Matcher m = pattern.matcher(new Bounded(s));
        return m.find() ? result(m, resultType) : null;
    }

    /** Go's FindAll: an empty match right after the previous match is skipped. */
    List<Value> allMatches(String s, Type resultType) {
        List<Value> out = new ArrayList<>();
        Matcher m = pattern.matcher(new Bounded(s));
        int pos = 0;
        int prevEnd = -1;
        while (pos <= s.length() && m.find(pos)) {
            boolean accept = true;
            if (m.end() == pos) {
                accept = m.start() != prevEnd;
                pos += pos < s.length() ? Character.charCount(s.codePointAt(pos)) : 1;
            } else {
                pos = m.end();
            }
            prevEnd = m.end();
            if (accept) {
                out.add(result(m, resultType));
            }
        }
        return out;
    }

    /** Go's ReplaceAllString: no replacement for an empty match right after a match; $name and ${name} expand. */
    String replaceAll(String s, String template) {
        StringBuilder sb = new StringBuilder();
        Matcher m = pattern.matcher(new Bounded(s));
        int lastEnd = 0;
        int searchPos = 0;
        while (searchPos <= s.length() && m.find(searchPos)) {
            sb.append(s, lastEnd, m.start());
            if (m.end() > lastEnd || m.start() == 0) {
                expand(sb, template, m);
            }
            lastEnd = m.end();
            int width = searchPos < s.length() ? Character.charCount(s.codePointAt(searchPos)) : 1;
            searchPos = Math.max(searchPos + width, m.end());
        }
        return sb.append(s.substring(lastEnd)).toString();
    }

    private void expand(StringBuilder sb, String template, Matcher m) {
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$') {
                sb.append(c);
                i++;
                continue;
            }
            i++;
            if (i < template.length() && template.charAt(i) == '$') {
                sb.append('$');
                i++;
                continue;
            }
            boolean brace = i < template.length() && template.charAt(i) == '{';
            int start = brace ? i + 1 : i;
            int end = start;
            while (end < template.length()) {
                int cp = template.codePointAt(end);
                if (!Character.isLetterOrDigit(cp) && cp != '_') {
                    break;
                }
                end += Character.charCount(cp);
            }
            if (end == start || brace && (end >= template.length() || template.charAt(end) != '}')) {
                sb.append('$');
                continue;
            }
            String name = template.substring(start, end);
            i = brace ? end + 1 : end;
            int group = groupNumber(name);
            if (group < 0) {
                group = groupNames.indexOf(name);
            }
            if (group > 0 && group <= m.groupCount() && m.group(group) != null || group == 0) {
                sb.append(m.group(group));
            }
        }
    }

    /** A group number as Go's Expand reads one: digits only, no leading zero, below 10^8; else -1. */
    private static int groupNumber(String name) {
        if (!name.chars().allMatch(ch -> ch >= '0' && ch <= '9') || name.length() > 8
                || name.length() > 1 && name.charAt(0) == '0') {
            return -1;
        }
        return Integer.parseInt(name);
    }

    private Value result(Matcher m, Type resultType) {
        if (resultType.equals(Type.STRING)) {
            return Value.string(m.group());
        }
        if (resultType.isTuple()) {
            List<Value> vals = new ArrayList<>();
            for (int g = 1; g <= m.groupCount(); g++) {
                vals.add(m.group(g) == null ? Value.nullOf(Type.STRING) : Value.string(m.group(g)));
            }
            return Value.tuple(vals);
        }
        Map<String, Value> vals = new LinkedHashMap<>();
        for (int g = 1; g <= m.groupCount(); g++) {
            vals.put(groupNames.get(g), m.group(g) == null ? Value.nullOf(Type.STRING) : Value.string(m.group(g)));
        }
        return Value.object(vals);
    }

    /** Rewrites RE2 syntax into java.util.regex syntax, checking what RE2 would reject. */
    private static final class Translator {
        private static final Map<String, String> POSIX = Map.ofEntries(
                Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\p{ASCII}"),
                Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "\\p{Digit}"),
                Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "\\p{Lower}"), Map.entry("print", "\\p{Print}"),
                Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\s"), Map.entry("upper", "\\p{Upper}"),
                Map.entry("word", "\\w"), Map.entry("xdigit", "\\p{XDigit}"));

        private final String src;
        private final StringBuilder out = new StringBuilder();
        final List<String> names = new ArrayList<>(List.of(""));
        private int pos;
        /** Flags m (multi-line) and U (ungreedy) in force, saved at each group open. */
        private boolean multiLine;
        private boolean ungreedy;
        private final Deque<boolean[]> saved = new ArrayDeque<>();
        /** Whether the last item can take a repeat, and the text of the repeat just written (for nested repeats). */
        private boolean canRepeat;
        private int lastRepeatStart = -1;

        Translator(String src) {
            this.src = src;
        }

        String translate() throws GoSyntaxError {
            while (pos < src.length()) {
                char c = src.charAt(pos);
                switch (c) {
                    case '\\' -> escape();
                    case '[' -> charClass();
                    case '(' -> openGroup();
                    case ')' -> {
                        if (saved.isEmpty()) {
                            throw new GoSyntaxError("unexpected )", src);
                        }
                        boolean[] f = saved.pop();
                        multiLine = f[0];
                        ungreedy = f[1];
                        out.append(')');
                        pos++;
                        item();
                    }
                    case '|' -> {
                        out.append('|');
                        pos++;
                        noItem();
                    }
                    case '*', '+', '?' -> repeat(pos + 1);
                    case '{' -> {
                        int end = repeatCountEnd(pos);
                        if (end < 0) {
                            out.append("\\{");
                            pos++;
                            item();
                        } else {
                            repeat(end);
                        }
                    }
                    case '^' -> {
                        out.append(multiLine ? "(?:\\A|(?<=\\n))" : "\\A");
                        pos++;
                        noItemButRepeatable();
                    }
                    case '$' -> {
                        out.append(multiLine ? "(?:\\z|(?=\\n))" : "\\z");
                        pos++;
                        noItemButRepeatable();
                    }
                    case '.' -> {
                        out.append('.');
                        pos++;
                        item();
                    }
                    default -> {
                        int cp = src.codePointAt(pos);
                        out.append(Pattern.quote(Character.toString(cp)));
                        pos += Character.charCount(cp);
                        item();
                    }
                }
            }
            if (!saved.isEmpty()) {
                throw new GoSyntaxError("missing closing )", src);
            }
            return out.toString();
        }

        private void item() {
            canRepeat = true;
            lastRepeatStart = -1;
        }

        private void noItem() {
            canRepeat = false;
            lastRepeatStart = -1;
        }

        /** Go lets ^ and $ take a repeat (they are empty-width items). */
        private void noItemButRepeatable() {
            item();
        }

        private void repeat(int end) throws GoSyntaxError {
            int opStart = pos;
            boolean lazy = end < src.length() && src.charAt(end) == '?';
            int opEnd = lazy ? end + 1 : end;
            if (lastRepeatStart >= 0) {
                throw new GoSyntaxError("invalid nested repetition operator", src.substring(lastRepeatStart, opEnd));
            }
            if (!canRepeat) {
                throw new GoSyntaxError("missing argument to repetition operator", src.substring(opStart, opEnd));
            }
            String op = src.substring(opStart, end);
            if (op.startsWith("{")) {
                checkRepeatCount(op);
            }
            out.append(op);
            if (lazy != ungreedy) {
                out.append('?');
            }
            pos = opEnd;
            lastRepeatStart = opStart;
        }

        private void checkRepeatCount(String op) throws GoSyntaxError {
            String[] parts = op.substring(1, op.length() - 1).split(",", -1);
            int min = Integer.parseInt(parts[0]);
            int max = parts.length == 1 ? min : parts[1].isEmpty() ? -1 : Integer.parseInt(parts[1]);
            if (min > 1000 || max > 1000 || max >= 0 && min > max) {
                throw new GoSyntaxError("invalid repeat count", op);
            }
        }

        /** The end (exclusive) of a {n}, {n,} or {n,m} repeat starting at {@code at}, or -1 if it is not one. */
        private int repeatCountEnd(int at) {
            int i = at + 1;
            int digits = i;
            while (i < src.length() && Character.isDigit(src.charAt(i)) && src.charAt(i) < 128) {
                i++;
            }
            if (i == digits || i - digits > 8) {
                return -1;
            }
            if (i < src.length() && src.charAt(i) == ',') {
                i++;
                int more = i;
                while (i < src.length() && src.charAt(i) >= '0' && src.charAt(i) <= '9') {
                    i++;
                }
                if (i - more > 8) {
                    return -1;
                }
            }
            return i < src.length() && src.charAt(i) == '}' ? i + 1 : -1;
        }

        private void openGroup() throws GoSyntaxError {
            saved.push(new boolean[] {multiLine, ungreedy});
            if (!src.startsWith("(?", pos)) {
                out.append('(');
                names.add("");
                pos++;
                noItem();
                return;
            }
            int nameStart = src.startsWith("(?P<", pos) ? pos + 4 : src.startsWith("(?<", pos)
                    && pos + 3 < src.length() && src.charAt(pos + 3) != '=' && src.charAt(pos + 3) != '!' ? pos + 3 : -1;
            if (nameStart >= 0) {
                int close = src.indexOf('>', nameStart);
                if (close < 0) {
                    throw new GoSyntaxError("invalid named capture", src.substring(pos));
                }
                String name = src.substring(nameStart, close);
                if (name.isEmpty() || !name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')
                        || names.contains(name)) {
                    throw new GoSyntaxError("invalid named capture", src.substring(pos, close + 1));
                }
                names.add(name);
                out.append('(');
                pos = close + 1;
                noItem();
                return;
            }
            flags();
        }

        /** (?flags) or (?flags:...): Go knows i, m, s and U, and a single '-' to clear. */
        private void flags() throws GoSyntaxError {
            int start = pos;
            int i = pos + 2;
            boolean negate = false;
            boolean sawFlag = false;
            StringBuilder javaOn = new StringBuilder();
            StringBuilder javaOff = new StringBuilder();
            boolean m = multiLine;
            boolean u = ungreedy;
            while (i < src.length()) {
                char c = src.charAt(i);
                i++;
                switch (c) {
                    case 'i', 's' -> {
                        (negate ? javaOff : javaOn).append(c);
                        sawFlag = true;
                    }
                    case 'm' -> {
                        m = !negate;
                        sawFlag = true;
                    }
                    case 'U' -> {
                        u = !negate;
                        sawFlag = true;
                    }
                    case '-' -> {
                        if (negate) {
                            throw new GoSyntaxError("invalid or unsupported Perl syntax", src.substring(start, i));
                        }
                        negate = true;
                        sawFlag = false;
                    }
                    case ':', ')' -> {
                        if (negate && !sawFlag || i == start + 3 && c == ')') {
                            throw new GoSyntaxError("invalid or unsupported Perl syntax", src.substring(start, i));
                        }
                        String java = javaOn + (javaOff.isEmpty() ? "" : "-" + javaOff);
                        pos = i;
                        if (c == ':') {
                            out.append("(?").append(java).append(':');
                            multiLine = m;
                            ungreedy = u;
                            noItem();
                        } else {
                            // A bare flag group changes the flags until the enclosing group closes.
                            saved.pop();
                            if (!java.isEmpty()) {
                                out.append("(?").append(java).append(')');
                            }
                            multiLine = m;
                            ungreedy = u;
                            noItem();
                        }
                        return;
                    }
                    default -> throw new GoSyntaxError("invalid or unsupported Perl syntax", src.substring(start, i));
                }
            }
            throw new GoSyntaxError("missing closing )", src);
        }

        private void escape() throws GoSyntaxError {
            out.append(escapeText(false));
            item();
        }

        /** Translates the escape at pos (inside a class or not) and moves past it. */
        private String escapeText(boolean inClass) throws GoSyntaxError {
            if (pos + 1 >= src.length()) {
                throw new GoSyntaxError("trailing backslash at end of expression", "");
            }
            int cp = src.codePointAt(pos + 1);
            int start = pos;
            pos += 1 + Character.charCount(cp);
            switch (cp) {
                case '1', '2', '3', '4', '5', '6', '7', '0' -> {
                    if (cp != '0' && (pos >= src.length() || src.charAt(pos) < '0' || src.charAt(pos) > '7')) {
                        throw new GoSyntaxError("invalid escape sequence", src.substring(start, pos));
                    }
                    int value = cp - '0';
                    for (int n = 0; n < 2 && pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '7'; n++) {
                        value = value * 8 + src.charAt(pos++) - '0';
                    }
                    return String.format("\\x{%x}", value);
                }
                case 'a' -> {
                    return "\\x07";
                }
                case 'v' -> {
                    return "\\x0B";
                }
                case 'f', 'n', 'r', 't', 'd', 'D', 'w', 'W' -> {
                    return "\\" + (char) cp;
                }
                case 's' -> {
                    return inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]";
                }
                case 'S' -> {
                    return inClass ? "\\S" : "[^\\t\\n\\f\\r ]";
                }
                case 'b', 'B', 'A', 'z' -> {
                    if (inClass) {
                        throw new GoSyntaxError("invalid escape sequence", src.substring(start, pos));
                    }
                    return "\\" + (char) cp;
                }
                case 'x' -> {
                    return hexEscape(start);
                }
                case 'p', 'P' -> {
                    return unicodeClass(start, cp == 'P');
                }
                case 'Q' -> {
                    int end = src.indexOf("\\E", pos);
                    String lit = end < 0 ? src.substring(pos) : src.substring(pos, end);
                    pos = end < 0 ? src.length() : end + 2;
                    StringBuilder sb = new StringBuilder();
                    lit.codePoints().forEach(q -> sb.append(String.format("\\x{%x}", q)));
                    return sb.toString();
                }
                default -> {
                    if (cp < 128 && !Character.isLetterOrDigit(cp) && cp != '_') {
                        return "\\" + (char) cp;
                    }
                    throw new GoSyntaxError("invalid escape sequence", src.substring(start, pos));
                }
            }
        }

        private String hexEscape(int start) throws GoSyntaxError {
            if (pos < src.length() && src.charAt(pos) == '{') {
                int close = src.indexOf('}', pos);
                String hex = close < 0 ? "" : src.substring(pos + 1, close);
                if (close < 0 || hex.isEmpty() || !hex.matches("[0-9a-fA-F]+") || Long.parseLong(hex, 16) > 0x10FFFF) {
                    throw new GoSyntaxError("invalid escape sequence", src.substring(start, close < 0 ? src.length() : close + 1));
                }
                pos = close + 1;
                return "\\x{" + hex + "}";
            }
            if (pos + 2 > src.length() || !src.substring(pos, pos + 2).matches("[0-9a-fA-F]{2}")) {
                throw new GoSyntaxError("invalid escape sequence", src.substring(start, Math.min(src.length(), pos + 2)));
            }
            pos += 2;
            return "\\x" + src.substring(pos - 2, pos);
        }

        /** \pL, \p{Greek}, \p{^Greek}: Java needs "Is" before a script name. */
        private String unicodeClass(int start, boolean negated) throws GoSyntaxError {
            String name;
            if (pos < src.length() && src.charAt(pos) == '{') {
                int close = src.indexOf('}', pos);
                if (close < 0) {
                    throw new GoSyntaxError("invalid character class range", src.substring(start));
                }
                name = src.substring(pos + 1, close);
                pos = close + 1;
            } else if (pos < src.length()) {
                name = src.substring(pos, pos + 1);
                pos++;
            } else {
                throw new GoSyntaxError("invalid character class range", src.substring(start));
            }
            if (name.startsWith("^")) {
                negated = !negated;
                name = name.substring(1);
            }
            String java = (negated ? "\\P{" : "\\p{") + (name.equals("Any") ? "IsAssigned}|\\p{Cn" : "Is" + name) + "}";
            try {
                Pattern.compile(java);
            } catch (PatternSyntaxException e) {
                throw new GoSyntaxError("invalid character class range", src.substring(start, pos));
            }
            return name.equals("Any") ? (negated ? "[^\\x{0}-\\x{10FFFF}]" : "[\\x{0}-\\x{10FFFF}]") : java;
        }

        private void charClass() throws GoSyntaxError {
            int start = pos;
            StringBuilder sb = new StringBuilder("[");
            pos++;
            if (pos < src.length() && src.charAt(pos) == '^') {
                sb.append('^');
                pos++;
            }
            boolean first = true;
            while (true) {
                if (pos >= src.length()) {
                    throw new GoSyntaxError("missing closing ]", src.substring(start));
                }
                char c = src.charAt(pos);
                if (c == ']' && !first) {
                    pos++;
                    break;
                }
                first = false;
                if (c == '[' && src.startsWith("[:", pos)) {
                    int close = src.indexOf(":]", pos + 2);
                    String name = close < 0 ? null : src.substring(pos + 2, close);
                    boolean neg = name != null && name.startsWith("^");
                    String java = name == null ? null : POSIX.get(neg ? name.substring(1) : name);
                    if (java != null) {
                        sb.append(neg ? "[^" + java + "]" : java);
                        pos = close + 2;
                        continue;
                    }
                }
                if (c == '\\') {
                    sb.append(escapeText(true));
                } else if (c == '[' || c == '&' || c == ']' || c == '^') {
                    sb.append('\\').append(c);
                    pos++;
                } else if (c == '-' && pos + 1 < src.length() && src.charAt(pos + 1) != ']' && sb.length() > 1
                        && !sb.toString().endsWith("-")) {
                    sb.append('-');
                    pos++;
                } else if (c == '-') {
                    sb.append("\\-");
                    pos++;
                } else {
                    int cp = src.codePointAt(pos);
                    sb.appendCodePoint(cp);
                    pos += Character.charCount(cp);
                }
            }
            sb.append(']');
            try {
                Pattern.compile(sb.toString());
            } catch (PatternSyntaxException e) {
                throw new GoSyntaxError("invalid character class range", src.substring(start, pos));
            }
            out.append(sb);
            item();
        }
    }
}
