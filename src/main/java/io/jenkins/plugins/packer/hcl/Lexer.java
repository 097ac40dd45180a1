package io.jenkins.plugins.packer.hcl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Splits HCL native syntax into tokens the way hclsyntax's scanner does: a normal mode, quoted and heredoc template
 * modes entered and left as {@code "}, {@code ${}, {@code %{} and their closers nest, and a bare-template mode for
 * whole-file templates. Never fails: bad input becomes INVALID or BAD_UTF8 tokens for the parser to report.
 * See <a href="https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md">the HCL native syntax spec</a>.
 */
public final class Lexer {

    /** Where scanning starts. */
    public enum Mode { NORMAL, TEMPLATE }

    private enum State { MAIN, STRING_TEMPLATE, HEREDOC_TEMPLATE, BARE_TEMPLATE }

    private static final class Heredoc {
        final byte[] marker;
        boolean startOfLine = true;

        Heredoc(byte[] marker) {
            this.marker = marker;
        }
    }

    private final byte[] data;
    private final String filename;
    private final List<Token> tokens = new ArrayList<>();
    private final Deque<State> stack = new ArrayDeque<>();
    private final Deque<Integer> retBraces = new ArrayDeque<>();
    private final Deque<Heredoc> heredocs = new ArrayDeque<>();
    private int braces;
    private int p;
    // Position tracking for emitted tokens; byteBase is where data starts in the file it came from.
    private int line;
    private int column;
    private int posByte;
    private final int byteBase;
    // The position advancePos last made: a token that starts where the one before it ended shares it.
    private Pos last;
    // Texts of short tokens by hash, for sources large enough to repeat them (see text()); null for small ones.
    private final String[] texts;

    private Lexer(byte[] data, String filename, Pos start) {
        this.data = data;
        this.filename = filename;
        this.line = start.line();
        this.column = start.column();
        this.byteBase = start.byteOffset();
        this.texts = data.length >= 4096 ? new String[1024] : null;
    }

    public static List<Token> scan(byte[] src, String filename, Mode mode) {
        return scan(src, filename, mode, Pos.START);
    }

    /** Scans text that starts at {@code start} of its file, such as a string inside a JSON file. */
    public static List<Token> scan(byte[] src, String filename, Mode mode, Pos start) {
        Lexer lx = new Lexer(src, filename, start);
        lx.run(mode == Mode.NORMAL ? State.MAIN : State.BARE_TEMPLATE);
        return lx.tokens;
    }

    public static List<Token> scan(String src, String filename) {
        return scan(src.getBytes(StandardCharsets.UTF_8), filename, Mode.NORMAL);
    }

    private void run(State initial) {
        State state = initial;
        int bom = startsWithBom() ? 3 : 0;
        if (bom > 0) {
            advancePos(0, bom);
            p = bom;
        }
        while (p < data.length) {
            state = switch (state) {
                case MAIN -> main(state);
                case STRING_TEMPLATE -> stringTemplate(state);
                case HEREDOC_TEMPLATE -> heredocTemplate(state);
                case BARE_TEMPLATE -> bareTemplate(state);
            };
        }
        emit(TokenType.EOF, data.length, data.length);
    }

    private boolean startsWithBom() {
        return data.length >= 3 && (data[0] & 0xff) == 0xEF && (data[1] & 0xff) == 0xBB && (data[2] & 0xff) == 0xBF;
    }

    /** True when {@code s} is a single identifier, as hclsyntax.ValidIdentifier checks block labels. */
    public static boolean isIdentifier(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int first = s.codePointAt(0);
        if (!(first == '_' || Character.isUnicodeIdentifierStart(first))) {
            return false;
        }
        for (int i = Character.charCount(first); i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (!(cp == '-' || cp == '_' || (Character.isUnicodeIdentifierPart(cp)
                    && !Character.isIdentifierIgnorable(cp)))) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    // ---- main -----------------------------------------------------------------------------------------------

    private State main(State state) {
        int c = data[p] & 0xff;
        int start = p;
        switch (c) {
            case ' ', '\t' -> {
                while (p < data.length && (data[p] == ' ' || data[p] == '\t')) {
                    p++;
                }
                advancePos(start, p);
                return state;
            }
            case '\n' -> {
                return single(TokenType.NEWLINE, state);
            }
            case '\r' -> {
                if (at(p + 1) == '\n') {
                    p += 2;
                    emit(TokenType.NEWLINE, start, p);
                    return state;
                }
                return invalidChar(state);
            }
            case '#' -> {
                return lineComment(state);
            }
            case '/' -> {
                if (at(p + 1) == '/') {
                    return lineComment(state);
                }
                if (at(p + 1) == '*') {
                    int end = indexOf(p + 2, (byte) '*', (byte) '/');
                    if (end >= 0) {
                        p = end + 2;
                        emit(TokenType.COMMENT, start, p);
                        return state;
                    }
                }
                return single(TokenType.SLASH, state);
            }
            case '"' -> {
                p++;
                emit(TokenType.OQUOTE, start, p);
                stack.push(state);
                return State.STRING_TEMPLATE;
            }
            case '{' -> {
                braces++;
                return single(TokenType.OBRACE, state);
            }
            case '}' -> {
                return closeBrace(state, 1);
            }
            case '~' -> {
                if (at(p + 1) == '}') {
                    return closeBrace(state, 2);
                }
                return single(TokenType.BITWISE_NOT, state);
            }
            case '<' -> {
                int heredocEnd = heredocIntroducer();
                if (heredocEnd > 0) {
                    return beginHeredoc(state, heredocEnd);
                }
                return pair('=', TokenType.LESS_THAN_EQ, TokenType.LESS_THAN, state);
            }
            case '=' -> {
                if (at(p + 1) == '>') {
                    return fixed(2, TokenType.FAT_ARROW, state);
                }
                return pair('=', TokenType.EQUAL_OP, TokenType.EQUAL, state);
            }
            case '!' -> {
                return pair('=', TokenType.NOT_EQUAL, TokenType.BANG, state);
            }
            case '>' -> {
                return pair('=', TokenType.GREATER_THAN_EQ, TokenType.GREATER_THAN, state);
            }
            case '&' -> {
                return pair('&', TokenType.AND, TokenType.BITWISE_AND, state);
            }
            case '|' -> {
                return pair('|', TokenType.OR, TokenType.BITWISE_OR, state);
            }
            case ':' -> { return single(TokenType.COLON, state); }
            case '.' -> {
                if (at(p + 1) == '.' && at(p + 2) == '.') {
                    return fixed(3, TokenType.ELLIPSIS, state);
                }
                return single(TokenType.DOT, state);
            }
            case '[' -> { return single(TokenType.OBRACK, state); }
            case ']' -> { return single(TokenType.CBRACK, state); }
            case '(' -> { return single(TokenType.OPAREN, state); }
            case ')' -> { return single(TokenType.CPAREN, state); }
            case ',' -> { return single(TokenType.COMMA, state); }
            case '*' -> { return single(TokenType.STAR, state); }
            case '%' -> { return single(TokenType.PERCENT, state); }
            case '+' -> { return single(TokenType.PLUS, state); }
            case '-' -> { return single(TokenType.MINUS, state); }
            case '?' -> { return single(TokenType.QUESTION, state); }
            case '^' -> { return single(TokenType.BITWISE_XOR, state); }
            case ';' -> { return single(TokenType.SEMICOLON, state); }
            case '`' -> { return single(TokenType.BACKTICK, state); }
            case '\'' -> { return single(TokenType.APOSTROPHE, state); }
            default -> {
                if (c >= '0' && c <= '9') {
                    p = numberEnd(p);
                    emit(TokenType.NUMBER_LIT, start, p);
                    return state;
                }
                int len = utf8Len(p);
                if (len < 0) {
                    p++;
                    emit(TokenType.BAD_UTF8, start, p);
                    return state;
                }
                int cp = codePointAt(p, len);
                if (cp == '_' || Character.isUnicodeIdentifierStart(cp)) {
                    p = identEnd(p + len);
                    emit(TokenType.IDENT, start, p);
                    return state;
                }
                return invalidChar(state);
            }
        }
    }

    private State closeBrace(State state, int width) {
        int start = p;
        p += width;
        if (!retBraces.isEmpty() && retBraces.peek() == braces) {
            emit(TokenType.TEMPLATE_SEQ_END, start, p);
            braces--;
            retBraces.pop();
            return stack.isEmpty() ? state : stack.pop();
        }
        emit(width == 2 ? TokenType.TEMPLATE_SEQ_END : TokenType.CBRACE, start, p);
        braces--;
        return state;
    }

    private State lineComment(State state) {
        int start = p;
        while (p < data.length && data[p] != '\n') {
            p++;
        }
        if (p < data.length) {
            p++;
        }
        emit(TokenType.COMMENT, start, p);
        return state;
    }

    /** Returns the end of a heredoc introducer {@code <<-?Ident\r?\n} starting at p, or -1. */
    private int heredocIntroducer() {
        if (at(p + 1) != '<') {
            return -1;
        }
        int i = p + 2;
        if (at(i) == '-') {
            i++;
        }
        int len = utf8Len(i);
        if (len < 0 || i >= data.length) {
            return -1;
        }
        int cp = codePointAt(i, len);
        if (!(cp == '_' || Character.isUnicodeIdentifierStart(cp))) {
            return -1;
        }
        i = identEnd(i + len);
        if (at(i) == '\r' && at(i + 1) == '\n') {
            return i + 2;
        }
        if (at(i) == '\n') {
            return i + 1;
        }
        return -1;
    }

    private State beginHeredoc(State state, int end) {
        int start = p;
        int markerStart = start + 2 + (data[start + 2] == '-' ? 1 : 0);
        int markerEnd = end - 1;
        if (data[markerEnd - 1] == '\r') {
            markerEnd--;
        }
        p = end;
        emit(TokenType.OHEREDOC, start, p);
        heredocs.push(new Heredoc(Arrays.copyOfRange(data, markerStart, markerEnd)));
        stack.push(state);
        return State.HEREDOC_TEMPLATE;
    }

    private State beginSequence(State state, TokenType type) {
        int start = p;
        p += 2;
        if (at(p) == '~') {
            p++;
        }
        emit(type, start, p);
        braces++;
        retBraces.push(braces);
        if (!heredocs.isEmpty()) {
            heredocs.peek().startOfLine = false;
        }
        stack.push(state);
        return State.MAIN;
    }

    // ---- templates ------------------------------------------------------------------------------------------

    private boolean sequenceStartAt(int i) {
        return (at(i) == '$' || at(i) == '%') && at(i + 1) == '{';
    }

    private State stringTemplate(State state) {
        int start = p;
        int c = data[p] & 0xff;
        if (sequenceStartAt(p)) {
            return beginSequence(state, c == '$' ? TokenType.TEMPLATE_INTERP : TokenType.TEMPLATE_CONTROL);
        }
        if (c == '"') {
            p++;
            emit(TokenType.CQUOTE, start, p);
            return stack.pop();
        }
        if (c == '\n' || c == '\r') {
            while (p < data.length && (data[p] == '\n' || data[p] == '\r')) {
                p++;
            }
            emit(TokenType.QUOTED_NEWLINE, start, p);
            return state;
        }
        if (c == '$' || c == '%') {
            // "$${" and "%%{" are escapes: the doubled sigil plus the sequence opener stay literal text.
            p++;
            if (at(p) == c && at(p + 1) == '{') {
                p += 2;
                if (at(p) == '~') {
                    p++;
                }
            }
            emit(TokenType.QUOTED_LIT, start, p);
            return state;
        }
        while (p < data.length) {
            int b = data[p] & 0xff;
            if (b == '"' || b == '$' || b == '%' || b == '\n' || b == '\r') {
                break;
            }
            if (b == '\\') {
                int next = at(p + 1);
                if (p + 1 >= data.length || next == '\n' || next == '\r') {
                    break;
                }
                int len = utf8Len(p + 1);
                if (len < 0) {
                    break;
                }
                p += 1 + len;
                continue;
            }
            int len = utf8Len(p);
            if (len < 0) {
                break;
            }
            p += len;
        }
        if (p > start) {
            emit(TokenType.QUOTED_LIT, start, p);
            return state;
        }
        if (c == '\\') {
            p++;
            emit(TokenType.INVALID, start, p);
            return state;
        }
        p++;
        emit(TokenType.BAD_UTF8, start, p);
        return state;
    }

    private State heredocTemplate(State state) {
        int start = p;
        int c = data[p] & 0xff;
        Heredoc doc = heredocs.peek();
        if (sequenceStartAt(p)) {
            return beginSequence(state, c == '$' ? TokenType.TEMPLATE_INTERP : TokenType.TEMPLATE_CONTROL);
        }
        int end = literalRunEnd(p);
        if (end == p) {
            // Only a broken UTF-8 byte can stop a literal run at its start.
            p++;
            emit(TokenType.BAD_UTF8, start, p);
            return state;
        }
        boolean eol = data[end - 1] == '\n';
        if (eol && doc.startOfLine && isMarker(start, end, doc.marker)) {
            int nlStart = data[end - 2] == '\r' && end - 2 >= start ? end - 2 : end - 1;
            p = nlStart;
            emit(TokenType.CHEREDOC, start, nlStart);
            p = end;
            emit(TokenType.NEWLINE, nlStart, end);
            heredocs.pop();
            return stack.pop();
        }
        p = end;
        doc.startOfLine = eol;
        emit(TokenType.STRING_LIT, start, p);
        return state;
    }

    private State bareTemplate(State state) {
        int start = p;
        int c = data[p] & 0xff;
        if (sequenceStartAt(p)) {
            return beginSequence(state, c == '$' ? TokenType.TEMPLATE_INTERP : TokenType.TEMPLATE_CONTROL);
        }
        int end = literalRunEnd(p);
        if (end == p) {
            p++;
            emit(TokenType.BAD_UTF8, start, p);
            return state;
        }
        p = end;
        emit(TokenType.STRING_LIT, start, p);
        return state;
    }

    /** The end of literal template text starting at i: up to and including a newline, or up to a sequence start. */
    private int literalRunEnd(int i) {
        while (i < data.length) {
            int b = data[i] & 0xff;
            if (b == '\n') {
                return i + 1;
            }
            if ((b == '$' || b == '%') && at(i + 1) == '{') {
                return i;
            }
            if ((b == '$' || b == '%') && at(i + 1) == b && at(i + 2) == '{') {
                i += 3;
                continue;
            }
            int len = utf8Len(i);
            if (len < 0) {
                return i;
            }
            i += len;
        }
        return i;
    }

    /** Whether the line is the closing marker once trimmed of white space as Go's bytes.TrimSpace trims it. */
    private boolean isMarker(int start, int end, byte[] marker) {
        String line = new String(data, start, end - start, StandardCharsets.UTF_8);
        String trimmed = StringLiterals.trimRightSpace(StringLiterals.trimLeftSpace(line));
        return trimmed.equals(new String(marker, StandardCharsets.UTF_8));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private State single(TokenType type, State state) {
        return fixed(1, type, state);
    }

    private State fixed(int width, TokenType type, State state) {
        int start = p;
        p += width;
        emit(type, start, p);
        return state;
    }

    private State pair(char second, TokenType two, TokenType one, State state) {
        return at(p + 1) == second ? fixed(2, two, state) : fixed(1, one, state);
    }

    private State invalidChar(State state) {
        int start = p;
        int len = utf8Len(p);
        p += Math.max(len, 1);
        emit(len < 0 ? TokenType.BAD_UTF8 : TokenType.INVALID, start, p);
        return state;
    }

    private int numberEnd(int i) {
        int end = i + 1;
        int j = i + 1;
        while (j < data.length) {
            int b = data[j];
            if (b >= '0' && b <= '9') {
                j++;
                end = j;
            } else if (b == '.') {
                j++;
            } else if ((b == 'e' || b == 'E')) {
                int k = j + 1;
                if (at(k) == '+' || at(k) == '-') {
                    k++;
                }
                if (at(k) >= '0' && at(k) <= '9') {
                    j = k + 1;
                    end = j;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        return end;
    }

    private int identEnd(int i) {
        while (i < data.length) {
            int len = utf8Len(i);
            if (len < 0) {
                return i;
            }
            int cp = codePointAt(i, len);
            if (cp == '-' || cp == '_' || (Character.isUnicodeIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp))) {
                i += len;
            } else {
                return i;
            }
        }
        return i;
    }

    private int indexOf(int from, byte a, byte b) {
        for (int i = from; i + 1 < data.length; i++) {
            if (data[i] == a && data[i + 1] == b) {
                return i;
            }
        }
        return -1;
    }

    private int at(int i) {
        return i < data.length ? data[i] & 0xff : -1;
    }

    /** Length of the well-formed UTF-8 sequence at i, or -1 when the bytes there are not valid UTF-8. */
    private int utf8Len(int i) {
        return Utf8.sequenceLength(data, i, data.length);
    }

    private int codePointAt(int i, int len) {
        int b = data[i] & 0xff;
        if (len == 1) {
            return b;
        }
        int cp = b & (0xFF >> (len + 1));
        for (int k = 1; k < len; k++) {
            cp = (cp << 6) | (data[i + k] & 0x3F);
        }
        return cp;
    }

    private void emit(TokenType type, int start, int end) {
        Pos s = advancePos(posByte, start);
        Pos e = advancePos(start, end);
        tokens.add(new Token(type, text(start, end), new Range(filename, s, e)));
    }

    /**
     * The text of bytes {@code start..end}. Short ASCII texts (keywords, names, punctuation, which repeat through a
     * file) come from a small table, so a large template holds one string per distinct name, not one per token.
     */
    private String text(int start, int end) {
        int n = end - start;
        if (n == 0) {
            return "";
        }
        if (n > 16 || texts == null) {
            return new String(data, start, n, StandardCharsets.UTF_8);
        }
        int h = 0;
        for (int i = start; i < end; i++) {
            byte b = data[i];
            if (b < 0) {
                return new String(data, start, n, StandardCharsets.UTF_8);
            }
            h = 31 * h + b;
        }
        int slot = (h ^ (h >>> 16)) & (texts.length - 1);
        String cached = texts[slot];
        if (cached != null && cached.length() == n) {
            boolean same = true;
            for (int i = 0; i < n && same; i++) {
                same = cached.charAt(i) == data[start + i];
            }
            if (same) {
                return cached;
            }
        }
        String t = new String(data, start, n, StandardCharsets.US_ASCII);
        texts[slot] = t;
        return t;
    }

    /** Moves the tracked position from byte {@code from} (which must equal the current one) to {@code to}. */
    private Pos advancePos(int from, int to) {
        if (from == to && last != null && last.byteOffset() == byteBase + to) {
            return last;
        }
        int i = from;
        while (i < to) {
            int b = data[i] & 0xff;
            if (b == '\n') {
                line++;
                column = 1;
                i++;
                continue;
            }
            // ASCII, most of any template, is one byte a column.
            int len = b < 0x80 ? 1 : utf8Len(i);
            i += len < 0 ? 1 : len;
            column++;
        }
        posByte = to;
        last = new Pos(line, column, byteBase + to);
        return last;
    }
}
