package io.jenkins.plugins.packer.template.json;

import java.util.Arrays;
import java.util.Optional;

/**
 * The JSON grammar check of Go's {@code encoding/json}, which packer 1.6.6 runs before decoding: it finds the same
 * first offending byte and words the error as Go does ({@code invalid character '}' looking for beginning of object
 * key string}), so messages and offsets match packer byte for byte. Jackson builds the tree only once this passed,
 * because its own messages and positions differ from Go's.
 */
final class GoJsonSyntax {

    /** Go's {@code maxNestingDepth}: deeper documents are rejected rather than risking the stack. */
    static final int MAX_DEPTH = 10_000;

    /**
     * A syntax error: Go's message and its offset, which is the number of bytes read including the offending one
     * (the whole length for an unexpected end).
     */
    record Error(String message, int offset) {}

    /** Signals the end of the input in the middle of a value. */
    private static final class EndOfInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EndOfInput() {
            super(null, null, false, false);
        }
    }

    /** Carries a syntax error out of the scan. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Error error;

        Failure(Error error) {
            super(null, null, false, false);
            this.error = error;
        }
    }

    private static final String VALUE = "looking for beginning of value";
    private static final String KEY = "looking for beginning of object key string";

    private final byte[] in;
    private int pos;
    /** Open containers, innermost last: true for an object, false for an array. */
    private boolean[] open = new boolean[16];
    private int depth;

    private GoJsonSyntax(byte[] in) {
        this.in = in;
    }

    /** Checks a whole document as {@code json.Unmarshal} does: one value, then only whitespace. */
    static Optional<Error> checkDocument(byte[] in) {
        GoJsonSyntax s = new GoJsonSyntax(in);
        try {
            s.value();
            s.skipSpace();
            if (s.pos < in.length) {
                throw s.fail("after top-level value");
            }
            return Optional.empty();
        } catch (EndOfInput e) {
            return Optional.of(endOfInput(in));
        } catch (Failure f) {
            return Optional.of(f.error);
        }
    }

    /**
     * Go ends a document by scanning one more space: where a space is wrong too (in a literal, a number, an escape)
     * that is the error, still at the end of the input; elsewhere the input just ended too soon.
     */
    private static Error endOfInput(byte[] in) {
        byte[] padded = Arrays.copyOf(in, in.length + 1);
        padded[in.length] = ' ';
        GoJsonSyntax s = new GoJsonSyntax(padded);
        try {
            s.value();
        } catch (Failure f) {
            if (f.error.offset() == padded.length) {
                return new Error(f.error.message(), in.length);
            }
        } catch (EndOfInput e) {
            // The space was accepted; the value is still open.
        }
        return new Error("unexpected end of JSON input", in.length);
    }

    /**
     * Checks the first value of a stream as {@code json.Decoder.Decode} does: whatever follows it is not looked at.
     * Errors are worded as the decoder words them ({@code EOF} when there is no value at all, {@code unexpected EOF} when it is cut short).
     */
    static Optional<String> checkFirstValue(byte[] in) {
        GoJsonSyntax s = new GoJsonSyntax(in);
        try {
            s.skipSpace();
            if (s.pos == in.length) {
                return Optional.of("EOF");
            }
            s.value();
            return Optional.empty();
        } catch (EndOfInput e) {
            return Optional.of("unexpected EOF");
        } catch (Failure f) {
            return Optional.of(f.error.message());
        }
    }

    /** Scans one value; containers are tracked on an explicit stack so deep nesting cannot overflow ours. */
    private void value() {
        int start = depth;
        boolean needValue = true;
        while (true) {
            if (needValue) {
                skipSpace();
                byte c = peek();
                if (c == '{' || c == '[') {
                    push(c == '{');
                    pos++;
                    skipSpace();
                    byte first = peek();
                    if (c == '{' ? first == '}' : first == ']') {
                        pos++;
                        depth--;
                        needValue = false;
                    } else if (c == '{') {
                        key();
                    }
                    continue;
                }
                scalar(c);
                needValue = false;
            }
            if (depth == start) {
                return;
            }
            skipSpace();
            byte c = peek();
            boolean inObject = open[depth - 1];
            if (c == ',') {
                pos++;
                if (inObject) {
                    skipSpace();
                    key();
                }
                needValue = true;
            } else if (c == (inObject ? '}' : ']')) {
                pos++;
                depth--;
            } else {
                throw fail(inObject ? "after object key:value pair" : "after array element");
            }
        }
    }

    /** An object key and its colon; the value follows. */
    private void key() {
        if (peek() != '"') {
            throw fail(KEY);
        }
        string();
        skipSpace();
        if (peek() != ':') {
            throw fail("after object key");
        }
        pos++;
    }

    private void push(boolean object) {
        if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
        }
        open[depth++] = object;
        if (depth > MAX_DEPTH) {
            throw fail("exceeded max depth");
        }
    }

    private void scalar(byte c) {
        switch (c) {
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c == '-' || isDigit(c)) {
                    number();
                } else {
                    throw fail(VALUE);
                }
            }
        }
    }

    private void string() {
        pos++;
        while (true) {
            byte c = peek();
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\') {
                pos++;
                byte e = peek();
                if (e == 'u') {
                    pos++;
                    for (int i = 0; i < 4; i++) {
                        if (!isHex(peek())) {
                            throw fail("in \\u hexadecimal character escape");
                        }
                        pos++;
                    }
                    continue;
                }
                if ("\"\\/bfnrt".indexOf(e) < 0) {
                    throw fail("in string escape code");
                }
            } else if ((c & 0xff) < 0x20) {
                throw fail("in string literal");
            }
            pos++;
        }
    }

    private void number() {
        if (in[pos] == '-') {
            pos++;
            if (!isDigit(peek())) {
                throw fail("in numeric literal");
            }
        }
        if (in[pos] == '0') {
            pos++;
        } else {
            digits();
        }
        if (pos < in.length && in[pos] == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw fail("after decimal point in numeric literal");
            }
            digits();
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw fail("in exponent of numeric literal");
            }
            digits();
        }
    }

    private void digits() {
        while (pos < in.length && isDigit(in[pos])) {
            pos++;
        }
    }

    private void literal(String word) {
        pos++;
        for (int i = 1; i < word.length(); i++) {
            if (peek() != word.charAt(i)) {
                throw fail("in literal " + word + " (expecting " + GoText.quoteByte((byte) word.charAt(i)) + ")");
            }
            pos++;
        }
    }

    private void skipSpace() {
        while (pos < in.length && isSpace(in[pos])) {
            pos++;
        }
    }

    private byte peek() {
        if (pos >= in.length) {
            throw new EndOfInput();
        }
        return in[pos];
    }

    private Failure fail(String context) {
        return new Failure(new Error("invalid character " + GoText.quoteByte(in[pos]) + " " + context, pos + 1));
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(byte c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
