package io.jenkins.plugins.packer.hcl.fmt;

import io.jenkins.plugins.packer.hcl.Utf8;

import io.jenkins.plugins.packer.hcl.TokenType;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A token seen by the formatter: its source bytes, which never change, and the spaces written before it. */
final class FormatToken {

    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    final TokenType type;
    private final byte[] src;
    final int start;
    final int end;
    int spacesBefore;

    FormatToken(TokenType type, byte[] src, int start, int end, int spacesBefore) {
        this.type = type;
        this.src = src;
        this.start = start;
        this.end = end;
        this.spacesBefore = spacesBefore;
    }

    /** +1 for a token that opens a nesting level, -1 for one that closes it. */
    int bracketChange() {
        return switch (type) {
            case OBRACE, OBRACK, OPAREN, TEMPLATE_INTERP, TEMPLATE_CONTROL -> 1;
            case CBRACE, CBRACK, CPAREN, TEMPLATE_SEQ_END -> -1;
            default -> 0;
        };
    }

    /** Single-line comments carry the newline that ends them, so they end a line just as a NEWLINE does. */
    boolean endsLine() {
        return type == TokenType.NEWLINE || (type == TokenType.COMMENT && end > start && src[end - 1] == '\n');
    }

    boolean isIdent(String name) {
        if (type != TokenType.IDENT || end - start != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (src[start + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The columns the token occupies, counted like hclwrite in grapheme clusters so that names with combining marks
     * or wide characters align as an editor shows them; a byte that is not valid UTF-8 counts as one column.
     */
    int graphemes() {
        int count = 0;
        int runStart = start;
        int i = start;
        while (i < end) {
            int len = utf8Length(i);
            if (len > 0) {
                i += len;
                continue;
            }
            count += graphemesOfValid(runStart, i) + 1;
            i++;
            runStart = i;
        }
        return count + graphemesOfValid(runStart, end);
    }

    private int graphemesOfValid(int from, int to) {
        boolean ascii = true;
        for (int i = from; i < to && ascii; i++) {
            ascii = src[i] >= 0 && src[i] != '\r';
        }
        if (ascii) {
            return to - from;
        }
        Matcher m = GRAPHEME.matcher(new String(src, from, to - from, StandardCharsets.UTF_8));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The length of the well-formed UTF-8 sequence at i, or 0 where the byte there does not start one. */
    private int utf8Length(int i) {
        return Math.max(0, Utf8.sequenceLength(src, i, end));
    }
}
