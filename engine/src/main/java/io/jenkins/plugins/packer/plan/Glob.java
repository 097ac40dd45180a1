package io.jenkins.plugins.packer.plan;

import java.util.regex.Pattern;

/**
 * A {@code -only}/{@code -except} pattern with the syntax of the gobwas/glob library Packer uses, compiled without
 * separators: {@code *} matches any run of characters (dots included), {@code ?} one character, {@code [abc]},
 * {@code [a-z]} and {@code [!a-z]} a class, {@code {a,b}} alternatives, and {@code \} escapes the next character.
 */
public final class Glob {

    private final String pattern;
    private final Pattern regex;

    private Glob(String pattern, Pattern regex) {
        this.pattern = pattern;
        this.regex = regex;
    }

    /** Compiles a pattern; a malformed one is an {@link IllegalArgumentException} saying what is wrong. */
    public static Glob compile(String pattern) {
        StringBuilder re = new StringBuilder();
        int end = translate(pattern, 0, 0, re);
        if (end != pattern.length()) {
            throw new IllegalArgumentException("unexpected '" + pattern.charAt(end) + "' at position " + end);
        }
        return new Glob(pattern, Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    public boolean matches(String s) {
        return regex.matcher(s).matches();
    }

    @Override
    public String toString() {
        return pattern;
    }

    /** Translates from {@code i} until the end, or until a ',' or '}' closing an alternative when nested. */
    private static int translate(String p, int i, int depth, StringBuilder re) {
        while (i < p.length()) {
            char c = p.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '\\' -> {
                    if (i + 1 >= p.length()) {
                        throw new IllegalArgumentException("unexpected end of pattern after escape");
                    }
                    re.append(Pattern.quote(String.valueOf(p.charAt(++i))));
                }
                case '[' -> i = characterClass(p, i, re) - 1;
                case '{' -> {
                    re.append("(?:");
                    i++;
                    while (true) {
                        i = translate(p, i, depth + 1, re);
                        if (i >= p.length()) {
                            throw new IllegalArgumentException("unclosed '{' in pattern");
                        }
                        if (p.charAt(i) == '}') {
                            break;
                        }
                        re.append('|');
                        i++;
                    }
                    re.append(')');
                }
                case ',', '}' -> {
                    if (depth > 0) {
                        return i;
                    }
                    re.append(Pattern.quote(String.valueOf(c)));
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return i;
    }

    private static int characterClass(String p, int start, StringBuilder re) {
        int i = start + 1;
        StringBuilder cls = new StringBuilder("[");
        if (i < p.length() && p.charAt(i) == '!') {
            cls.append('^');
            i++;
        }
        boolean empty = true;
        while (i < p.length() && p.charAt(i) != ']') {
            char lo = p.charAt(i);
            if (i + 2 < p.length() && p.charAt(i + 1) == '-' && p.charAt(i + 2) != ']') {
                char hi = p.charAt(i + 2);
                if (hi < lo) {
                    throw new IllegalArgumentException("invalid range " + lo + "-" + hi + " in pattern");
                }
                cls.append(escape(lo)).append('-').append(escape(hi));
                i += 3;
            } else {
                cls.append(escape(lo));
                i++;
            }
            empty = false;
        }
        if (i >= p.length() || empty) {
            throw new IllegalArgumentException("unclosed or empty '[' in pattern");
        }
        re.append(cls).append(']');
        return i + 1;
    }

    private static String escape(char c) {
        return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
    }
}
