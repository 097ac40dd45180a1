package io.jenkins.plugins.packer.template.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a JSON document into a {@link JsonValue} tree the way packer's template parser does: Go's grammar check
 * first (its messages and offsets), then the tree with positions, numbers as float64, then the duplicate-key check.
 */
final class JsonReader {

    /** A read document, or the problem packer reports instead (with the full text packer prints for it). */
    record Result(JsonValue value, JsonProblem problem, String message) {}

    /** Go's limits are enforced by {@link GoJsonSyntax} beforehand, so Jackson's own must not be stricter. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(GoJsonSyntax.MAX_DEPTH + 1)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            .build();

    private JsonReader() {
    }

    /** Reads a template file: one value and nothing after it, as {@code json.Unmarshal}. */
    static Result readDocument(byte[] bytes) {
        var syntax = GoJsonSyntax.checkDocument(bytes);
        if (syntax.isPresent()) {
            GoJsonSyntax.Error e = syntax.get();
            String message = "Error parsing JSON: " + e.message() + "\n" + highlight(bytes, e.offset());
            return new Result(null, new JsonProblem(e.message(), positionOfByte(bytes, Math.max(0, e.offset() - 1))),
                    message);
        }
        Tree tree = tree(GoText.decodeUtf8(bytes, 0, bytes.length));
        // Go decodes the whole document before it looks for duplicate keys, so a bad number is reported first.
        JsonProblem problem = tree.outOfRange() != null ? tree.outOfRange() : tree.duplicate();
        if (problem != null) {
            return new Result(null, problem, problem.message());
        }
        return new Result(tree.root(), null, null);
    }

    /**
     * The first value of syntactically valid JSON, with the first number out of float64 range and the first
     * duplicate key (in document order), or {@code null}s.
     */
    record Tree(JsonValue root, JsonProblem outOfRange, JsonProblem duplicate) {}

    static Tree tree(String text) {
        JsonValue root = null;
        JsonProblem range = null;
        JsonProblem duplicate = null;
        Deque<Frame> stack = new ArrayDeque<>();
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                JsonPosition at = position(p.currentTokenLocation());
                if (t == JsonToken.FIELD_NAME) {
                    Frame f = stack.peek();
                    f.key = goString(p.currentName());
                    f.keyPosition = at;
                    if (!f.keys.add(f.key) && duplicate == null) {
                        duplicate = new JsonProblem("template has duplicate field: " + f.key, at);
                    }
                    continue;
                }
                JsonValue value;
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        stack.push(new Frame(t == JsonToken.START_OBJECT, at));
                        continue;
                    }
                    case END_OBJECT, END_ARRAY -> value = stack.pop().close();
                    case VALUE_STRING -> value = new JsonValue.Str(goString(p.getText()), at);
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        String literal = p.getText();
                        double d = Double.parseDouble(literal);
                        if (Double.isInfinite(d) && range == null) {
                            range = new JsonProblem(
                                    "json: cannot unmarshal number " + literal + " into Go value of type float64", at);
                        }
                        value = new JsonValue.Num(literal, d, at);
                    }
                    case VALUE_TRUE, VALUE_FALSE -> value = new JsonValue.Bool(t == JsonToken.VALUE_TRUE, at);
                    default -> value = new JsonValue.Null(at);
                }
                if (stack.isEmpty()) {
                    root = value;
                    break;
                } else {
                    stack.peek().add(value);
                }
            }
        } catch (IOException e) {
            // Only reachable if Jackson rejects what Go's grammar accepted: an internal error, not the user's.
            throw new IllegalStateException("JSON accepted by the syntax check could not be read: " + e.getMessage(), e);
        }
        return new Tree(root, range, duplicate);
    }

    /** An object or array being read. */
    private static final class Frame {
        final boolean object;
        final JsonPosition position;
        final List<JsonValue> elements = new ArrayList<>();
        final List<JsonValue.Member> members = new ArrayList<>();
        final Set<String> keys = new HashSet<>();
        String key;
        JsonPosition keyPosition;

        Frame(boolean object, JsonPosition position) {
            this.object = object;
            this.position = position;
        }

        void add(JsonValue v) {
            if (object) {
                members.add(new JsonValue.Member(key, keyPosition, v));
            } else {
                elements.add(v);
            }
        }

        JsonValue close() {
            return object ? new JsonValue.Obj(members, position) : new JsonValue.Arr(elements, position);
        }
    }

    private static JsonPosition position(JsonLocation l) {
        return new JsonPosition(l.getLineNr(), l.getColumnNr(), l.getCharOffset());
    }

    /** Go turns an escaped surrogate that is not part of a valid pair into U+FFFD; Jackson keeps it as is. */
    static String goString(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean lone = Character.isHighSurrogate(c)
                    ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                    : Character.isLowSurrogate(c);
            if (Character.isHighSurrogate(c) && !lone) {
                if (sb != null) {
                    sb.append(c).append(s.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (lone && sb == null) {
                sb = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (sb != null) {
                sb.append(lone ? '\uFFFD' : c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** The character position of a byte offset. */
    static JsonPosition positionOfByte(byte[] b, int offset) {
        int end = Math.min(offset, b.length);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < end; i++) {
            if (b[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = GoText.decodeUtf8(b, lineStart, end).length() + 1;
        long chars = GoText.decodeUtf8(b, 0, end).length();
        return new JsonPosition(line, column, chars);
    }

    /**
     * packer's pointer at a syntax error: line and column (bytes, and counted from 0 on the first line but from 1
     * on the others, as packer does), the previous and the current line up to the error, and a caret.
     */
    static String highlight(byte[] b, int offset) {
        int line = 1;
        int col = 0;
        int lineStart = 0;
        int previousStart = -1;
        int end = Math.min(offset, b.length);
        for (int i = 0; i < end; i++) {
            if (b[i] == '\n') {
                previousStart = lineStart;
                lineStart = i + 1;
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("At line ").append(line).append(", column ").append(col).append(" (offset ").append(offset)
                .append("):\n");
        if (line > 1) {
            sb.append(String.format("%5d: ", line - 1)).append(GoText.decodeUtf8(b, previousStart, lineStart - 1))
                    .append('\n');
        }
        sb.append(String.format("%5d: ", line)).append(GoText.decodeUtf8(b, lineStart, end)).append('\n');
        sb.append(" ".repeat(col + 5)).append("^\n");
        return sb.toString();
    }
}
