package io.jenkins.plugins.packer.plan;

import java.util.regex.Pattern;

/**
 * A {@code -only}/{@code -except} pattern with the syntax of the gobwas/glob library Packer uses, compiled without
 * separators: {@code *} matches any run of characters (dots included), {@code ?} one character, {@code [abc]},
 * {@code [a-z]} and {@code [!a-z]} a class, {@code {a,b}} alternatives, and {@code \} escapes the next character.
 * Like gobwas/glob, an alternative left open is closed at the end and a trailing {@code \} is dropped; a malformed
 * class is an error with its words.
 */
public final class Glob {

    private final String pattern;
    private final Pattern regex;

    private Glob(String pattern, Pattern regex) {
        this.pattern = pattern;
        this.regex = regex;
    }

    /** Compiles a pattern; a malformed one is an {@link IllegalArgumentException} with gobwas/glob's message. */
    public static Glob compile(String pattern) {
        StringBuilder re = new StringBuilder();
        translate(pattern, 0, 0, re);
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
                    if (i + 1 < p.length()) {
                        re.append(Pattern.quote(String.valueOf(p.charAt(++i))));
                    }
                }
                case '[' -> i = characterClass(p, i, re) - 1;
                case '{' -> {
                    re.append("(?:");
                    i++;
                    while (true) {
                        i = translate(p, i, depth + 1, re);
                        if (i >= p.length() || p.charAt(i) == '}') {
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

    /**
     * A class from the {@code [} at {@code start}, read as gobwas/glob's lexer reads it: an optional {@code !}, then
     * either a range {@code LO-HI} or a run of characters (with escapes) up to {@code ]}.
     *
     * @return the index after its {@code ]}
     */
    private static int characterClass(String p, int start, StringBuilder re) {
        int i = start + 1;
        StringBuilder cls = new StringBuilder("[");
        if (i < p.length() && p.charAt(i) == '!') {
            cls.append('^');
            i++;
        }
        if (i >= p.length()) {
            throw new IllegalArgumentException("unexpected end of input");
        }
        if (i + 1 < p.length() && p.charAt(i + 1) == '-') {
            char lo = p.charAt(i);
            if (i + 2 >= p.length()) {
                throw new IllegalArgumentException("unexpected end of input");
            }
            char hi = p.charAt(i + 2);
            if (i + 3 >= p.length()) {
                throw new IllegalArgumentException("unexpected end of input");
            }
            if (p.charAt(i + 3) != ']') {
                throw new IllegalArgumentException("expected close range character");
            }
            if (hi < lo) {
                throw new IllegalArgumentException("hi character '" + hi + "' should be greater than lo '" + lo + "'");
            }
            re.append(cls).append(escape(lo)).append('-').append(escape(hi)).append(']');
            return i + 4;
        }
        boolean empty = true;
        while (i < p.length() && p.charAt(i) != ']') {
            if (p.charAt(i) == '\\' && i + 1 < p.length()) {
                i++;
            }
            cls.append(escape(p.charAt(i)));
            empty = false;
            i++;
        }
        if (i >= p.length()) {
            throw new IllegalArgumentException("unexpected end of input");
        }
        if (empty) {
            throw new IllegalArgumentException("could not parse range");
        }
        re.append(cls).append(']');
        return i + 1;
    }

    private static String escape(char c) {
        return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
    }
}
