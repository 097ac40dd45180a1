package io.jenkins.plugins.packer.hcl.json;

/**
 * Checks and decodes a JSON string token as Go's encoding/json does for HCL: the same errors at the same offsets,
 * and the same repairs (a byte that is not UTF-8, or a lone surrogate escape, becomes U+FFFD).
 */
final class JsonStrings {

    /** The decoded string, or null and the offset encoding/json gives its syntax error (one past the bad byte). */
    record Result(String value, int errorOffset) {}

    private JsonStrings() {
    }

    /** Decodes the token {@code src[start, end)}, which starts with a quote and may lack its closing one. */
    static Result unquote(byte[] src, int start, int end) {
        int n = end - start;
        int err = firstError(src, start, end);
        if (err >= 0) {
            return new Result(null, err);
        }
        StringBuilder b = new StringBuilder(n);
        int i = start + 1;
        int last = end - 1; // the closing quote
        while (i < last) {
            int c = src[i] & 0xff;
            if (c == '\\') {
                int e = src[i + 1] & 0xff;
                switch (e) {
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        int cu = hex4(src, i + 2);
                        if (Character.isSurrogate((char) cu)) {
                            int lo = i + 6 + 6 <= last && src[i + 6] == '\\' && src[i + 7] == 'u'
                                    ? hex4(src, i + 8) : -1;
                            if (Character.isHighSurrogate((char) cu) && lo >= 0
                                    && Character.isLowSurrogate((char) lo)) {
                                b.append((char) cu).append((char) lo);
                                i += 12;
                                continue;
                            }
                            b.append('\uFFFD');
                        } else {
                            b.append((char) cu);
                        }
                        i += 6;
                        continue;
                    }
                    default -> b.append((char) e); // \" \\ and \/
                }
                i += 2;
                continue;
            }
            int len = utf8Length(src, i, last);
            if (len < 0) {
                b.append('\uFFFD');
                i++;
            } else {
                b.append(new String(src, i, len, java.nio.charset.StandardCharsets.UTF_8));
                i += len;
            }
        }
        return new Result(b.toString(), -1);
    }

    /** encoding/json's validity scan of the token: the offset of its error, or -1. */
    private static int firstError(byte[] src, int start, int end) {
        int i = start + 1;
        while (i < end) {
            int c = src[i] & 0xff;
            if (c == '"') {
                // The scanner ends a string token at its closing quote, so nothing can follow it here.
                return -1;
            }
            if (c < 0x20) {
                return i - start + 1;
            }
            if (c == '\\') {
                if (i + 1 >= end) {
                    return end - start;
                }
                int e = src[i + 1] & 0xff;
                if (e == 'u') {
                    for (int k = 0; k < 4; k++) {
                        int at = i + 2 + k;
                        if (at >= end) {
                            return end - start;
                        }
                        if (Character.digit(src[at], 16) < 0) {
                            return at - start + 1;
                        }
                    }
                    i += 6;
                    continue;
                }
                if ("bfnrt\\/\"".indexOf(e) < 0) {
                    return i + 1 - start + 1;
                }
                i += 2;
                continue;
            }
            i++;
        }
        return end - start; // no closing quote: "unexpected end of JSON input"
    }

    private static int hex4(byte[] src, int at) {
        int v = 0;
        for (int k = 0; k < 4; k++) {
            v = (v << 4) | Character.digit(src[at + k], 16);
        }
        return v;
    }

    /** The length of the well-formed UTF-8 sequence at {@code at}, or -1 (Go decodes such a byte as U+FFFD). */
    static int utf8Length(byte[] src, int at, int end) {
        int b = src[at] & 0xff;
        int len;
        int min;
        if (b < 0x80) {
            return 1;
        } else if (b >= 0xC2 && b <= 0xDF) {
            len = 2;
            min = 0x80;
        } else if (b >= 0xE0 && b <= 0xEF) {
            len = 3;
            min = 0x800;
        } else if (b >= 0xF0 && b <= 0xF4) {
            len = 4;
            min = 0x10000;
        } else {
            return -1;
        }
        if (at + len > end) {
            return -1;
        }
        int cp = b & (0xFF >> (len + 1));
        for (int k = 1; k < len; k++) {
            int c = src[at + k] & 0xff;
            if ((c & 0xC0) != 0x80) {
                return -1;
            }
            cp = (cp << 6) | (c & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return -1;
        }
        return len;
    }
}
