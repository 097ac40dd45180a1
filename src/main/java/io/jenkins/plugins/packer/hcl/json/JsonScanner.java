package io.jenkins.plugins.packer.hcl.json;

import io.jenkins.plugins.packer.hcl.Pos;
import io.jenkins.plugins.packer.hcl.Range;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits JSON into tokens as HCL's JSON scanner does. It is lax on purpose: keywords, numbers and strings take in
 * what the user presumably meant to be one token, so that the parser can say precisely what is wrong with it. The
 * first byte that can start no token ends the scan.
 */
final class JsonScanner {

    enum Type { BRACE_O, BRACE_C, BRACK_O, BRACK_C, COMMA, COLON, EQUALS, KEYWORD, STRING, NUMBER, EOF, INVALID }

    /** A token: its kind, its bytes {@code [start, end)} in the source and its range. */
    record Token(Type type, int start, int end, Range range) {

        String text(byte[] src) {
            return new String(src, start, end - start, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    private final byte[] src;
    private final String filename;
    private int i;
    private int line = 1;
    private int column = 1;
    private final List<Token> tokens = new ArrayList<>();

    private JsonScanner(byte[] src, String filename) {
        this.src = src;
        this.filename = filename;
    }

    static List<Token> scan(byte[] src, String filename) {
        JsonScanner s = new JsonScanner(src, filename);
        s.run();
        return s.tokens;
    }

    private Pos pos() {
        return new Pos(line, column, i);
    }

    private void run() {
        while (true) {
            skipWhitespace();
            if (i >= src.length) {
                tokens.add(new Token(Type.EOF, i, i, new Range(filename, pos(), pos())));
                return;
            }
            Pos start = pos();
            int startByte = i;
            int b = src[i] & 0xff;
            Type single = switch (b) {
                case '{' -> Type.BRACE_O;
                case '}' -> Type.BRACE_C;
                case '[' -> Type.BRACK_O;
                case ']' -> Type.BRACK_C;
                case ',' -> Type.COMMA;
                case ':' -> Type.COLON;
                case '=' -> Type.EQUALS;
                default -> null;
            };
            Type type;
            if (single != null) {
                advance(1);
                type = single;
            } else if (b == '"') {
                scanString();
                type = Type.STRING;
            } else if (canStartNumber(b)) {
                while (i < src.length && isNumberByte(src[i] & 0xff)) {
                    advance(1);
                }
                type = Type.NUMBER;
            } else if (isAlphabetical(b)) {
                while (i < src.length && (isAlphabetical(src[i] & 0xff) || src[i] == '_')) {
                    advance(1);
                }
                type = Type.KEYWORD;
            } else {
                // Nothing after this can be parsed, so the scan ends with the offending byte (one column wide, even
                // if it starts a longer character) and a synthetic end of input just after it.
                advance(1);
                tokens.add(new Token(Type.INVALID, startByte, i, new Range(filename, start, pos())));
                tokens.add(new Token(Type.EOF, i, i, new Range(filename, pos(), pos())));
                return;
            }
            tokens.add(new Token(type, startByte, i, new Range(filename, start, pos())));
        }
    }

    private void advance(int bytes) {
        i += bytes;
        column++;
    }

    private void skipWhitespace() {
        while (i < src.length) {
            switch (src[i]) {
                case ' ' -> column++;
                case '\n' -> {
                    line++;
                    column = 1;
                }
                // A carriage return takes no column: it is assumed to come before a newline.
                case '\r' -> {
                }
                // HCL counts a tab as two columns.
                case '\t' -> column += 2;
                default -> {
                    return;
                }
            }
            i++;
        }
    }

    /**
     * Finds the end of a string, minding escapes only to find the closing quote; the parser checks the escapes. A
     * control character or the end of input ends an unterminated string. Each grapheme cluster is one column.
     */
    private void scanString() {
        advance(1);
        boolean escaping = false;
        while (i < src.length) {
            int b = src[i] & 0xff;
            if (b == '\\') {
                escaping = !escaping;
                advance(1);
            } else if (b == '"') {
                advance(1);
                if (!escaping) {
                    return;
                }
                escaping = false;
            } else if (b < 32) {
                return;
            } else {
                int runEnd = i;
                while (runEnd < src.length && src[runEnd] != '"' && src[runEnd] != '\\' && (src[runEnd] & 0xff) >= 32) {
                    runEnd++;
                }
                advanceGraphemes(runEnd);
                escaping = false;
            }
        }
    }

    /**
     * Moves over the plain string bytes up to {@code end}, one column per grapheme cluster. No cluster crosses a
     * quote, a backslash or a control character, so the run can be segmented on its own. Bytes that are not UTF-8
     * count one column each.
     */
    private void advanceGraphemes(int end) {
        while (i < end) {
            int validEnd = i;
            while (validEnd < end) {
                int len = JsonStrings.utf8Length(src, validEnd, end);
                if (len < 0) {
                    break;
                }
                validEnd += len;
            }
            if (validEnd == i) {
                advance(1);
                continue;
            }
            String text = new String(src, i, validEnd - i, StandardCharsets.UTF_8);
            Matcher m = GRAPHEME.matcher(text);
            while (m.find()) {
                i += m.group().getBytes(StandardCharsets.UTF_8).length;
                column++;
            }
        }
    }

    /** Lax on purpose; {@code e} and {@code E} are left to start a keyword for a clearer message. */
    private static boolean canStartNumber(int b) {
        return b == '-' || b == '+' || b == '.' || (b >= '0' && b <= '9');
    }

    private static boolean isNumberByte(int b) {
        return canStartNumber(b) || b == 'e' || b == 'E';
    }

    static boolean isAlphabetical(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }
}
