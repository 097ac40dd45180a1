package io.jenkins.plugins.packer.hcl;

import io.jenkins.plugins.packer.value.GoStrings;
import java.nio.charset.StandardCharsets;

/**
 * Turns the text of a literal template token into its string value: backslash escapes in quoted strings, and the
 * {@code $${} / {@code %%{} escapes in both quoted strings and heredocs. Bad escapes become diagnostics that point at
 * the exact escape.
 */
public final class StringLiterals {

    private StringLiterals() {
    }

    static String unescape(Token tok, boolean quoted, Diagnostics diags) {
        String s = tok.text();
        StringBuilder out = new StringBuilder(s.length());
        Pos pos = tok.range().start();
        int i = 0;
        while (i < s.length()) {
            int end = sliceEnd(s, i, quoted);
            String slice = s.substring(i, end);
            Pos sliceEnd = advance(pos, slice);
            Range rng = new Range(tok.range().filename(), pos, sliceEnd);
            appendSlice(slice, quoted, rng, out, diags);
            pos = sliceEnd;
            i = end;
        }
        return out.toString();
    }

    /** The end of the escape, sigil or literal run starting at i. */
    private static int sliceEnd(String s, int i, boolean quoted) {
        char c = s.charAt(i);
        if (quoted && c == '\\') {
            if (i + 1 >= s.length()) {
                return i + 1;
            }
            char sel = s.charAt(i + 1);
            if (sel == 'u' || sel == 'U') {
                int max = sel == 'u' ? 4 : 8;
                int j = i + 2;
                while (j < s.length() && j - i - 2 < max && isHex(s.charAt(j))) {
                    j++;
                }
                return j;
            }
            return i + 1 + Character.charCount(s.codePointAt(i + 1));
        }
        if (c == '$' || c == '%') {
            int j = i + 1;
            if (j < s.length() && s.charAt(j) == c) {
                j++;
                if (j < s.length() && s.charAt(j) == '{') {
                    j++;
                }
            }
            return j;
        }
        if (c == '\r' || c == '\n') {
            return c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n' ? i + 2 : i + 1;
        }
        int j = i;
        while (j < s.length()) {
            char d = s.charAt(j);
            if ((quoted && d == '\\') || d == '$' || d == '%' || d == '\r' || d == '\n') {
                break;
            }
            j++;
        }
        return j;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static void appendSlice(String slice, boolean quoted, Range rng, StringBuilder out, Diagnostics diags) {
        char c = slice.charAt(0);
        if (c == '\\' && quoted) {
            if (slice.length() < 2) {
                diags.error("Invalid escape sequence", "Backslash must be followed by an escape sequence selector"
                        + " character.", rng);
                out.append(slice);
                return;
            }
            char sel = slice.charAt(1);
            switch (sel) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case 'u', 'U' -> {
                    if (sel == 'u' && slice.length() != 6) {
                        diags.error("Invalid escape sequence",
                                "The \\u escape sequence must be followed by four hexadecimal digits.", rng);
                        out.append(slice);
                        return;
                    }
                    if (sel == 'U' && slice.length() != 10) {
                        diags.error("Invalid escape sequence",
                                "The \\U escape sequence must be followed by eight hexadecimal digits.", rng);
                        out.append(slice);
                        return;
                    }
                    long cp = Long.parseLong(slice.substring(2), 16);
                    if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                        diags.error("Invalid escape sequence",
                                String.format("Cannot encode character U+%04x in UTF-8.", cp), rng);
                        out.append(slice);
                        return;
                    }
                    out.appendCodePoint((int) cp);
                }
                default -> {
                    diags.error("Invalid escape sequence", String.format(
                            "The symbol %s is not a valid escape sequence selector.", goQuote(slice.substring(1))),
                            rng);
                    out.append(slice.substring(1));
                }
            }
            return;
        }
        if ((c == '$' || c == '%') && slice.length() == 3 && slice.charAt(1) == c && slice.charAt(2) == '{') {
            out.append(c).append('{');
            return;
        }
        out.append(slice);
    }

    public static String goQuote(String s) {
        return GoStrings.quote(s);
    }

    private static Pos advance(Pos p, String text) {
        int line = p.line();
        int col = p.column();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n' || cp == '\r') {
                if (cp == '\r' && i < text.length() && text.charAt(i) == '\n') {
                    i++;
                }
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new Pos(line, col, p.byteOffset() + text.getBytes(StandardCharsets.UTF_8).length);
    }

    static String trimLeftSpace(String s) {
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (!isGoSpace(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return s.substring(i);
    }

    static String trimRightSpace(String s) {
        int i = s.length();
        while (i > 0) {
            int cp = s.codePointBefore(i);
            if (!isGoSpace(cp)) {
                break;
            }
            i -= Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    /** Go's unicode.IsSpace. */
    static boolean isGoSpace(int cp) {
        return switch (cp) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
            default -> cp > 0xFF && Character.isWhitespace(cp) || cp == 0x2007 || cp == 0x202F
                    || (cp > 0xFF && Character.getType(cp) == Character.SPACE_SEPARATOR);
        };
    }
}
