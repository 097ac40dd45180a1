package io.jenkins.plugins.packer.function;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV reading of cty's csvdecode, which uses Go's encoding/csv with its defaults: RFC 4180 quoting, CRLF read as
 * LF, blank lines skipped, every record as wide as the first, and Go's error texts ("record on line 2: wrong number of
 * fields", "parse error on line 1, column 3: bare \" in non-quoted-field"). No Java CSV library reports these.
 */
final class EncodingCsv {

    private final String text;
    private int pos;
    private int line = 1;
    private int fieldsPerRecord;

    EncodingCsv(String text) {
        this.text = text.replace("\r\n", "\n");
    }

    /** Reads every record; the first one fixes the width of the others. */
    static List<List<String>> readAll(String text) throws FunctionException {
        EncodingCsv r = new EncodingCsv(text);
        List<List<String>> records = new ArrayList<>();
        List<String> rec;
        while ((rec = r.read()) != null) {
            records.add(rec);
        }
        return records;
    }

    private List<String> read() throws FunctionException {
        while (pos < text.length() && text.charAt(pos) == '\n') {
            pos++;
            line++;
        }
        if (pos >= text.length()) {
            return null;
        }
        int startLine = line;
        List<String> fields = new ArrayList<>();
        while (true) {
            StringBuilder field = new StringBuilder();
            if (pos < text.length() && text.charAt(pos) == '"') {
                pos++;
                while (true) {
                    if (pos >= text.length()) {
                        // Go still counts the final newline as part of the line the quote left open.
                        if (text.endsWith("\n") && line > startLine) {
                            line--;
                        }
                        int lineStart = text.lastIndexOf('\n', Math.max(0, text.length() - 2)) + 1;
                        int col = text.substring(lineStart).getBytes(StandardCharsets.UTF_8).length + 1;
                        throw parseError(startLine, "extraneous or missing \" in quoted-field", col);
                    }
                    char c = text.charAt(pos);
                    if (c == '"') {
                        if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                            field.append('"');
                            pos += 2;
                            continue;
                        }
                        pos++;
                        if (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != '\n') {
                            throw parseError(startLine, "extraneous or missing \" in quoted-field", column(pos - 1));
                        }
                        break;
                    }
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                    pos++;
                }
            } else {
                while (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != '\n') {
                    if (text.charAt(pos) == '"') {
                        throw parseError(startLine, "bare \" in non-quoted-field", column(pos));
                    }
                    field.append(text.charAt(pos++));
                }
            }
            fields.add(field.toString());
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
                continue;
            }
            if (pos < text.length()) {
                pos++;
                line++;
            }
            break;
        }
        if (fieldsPerRecord == 0) {
            fieldsPerRecord = fields.size();
        } else if (fields.size() != fieldsPerRecord) {
            throw new FunctionException("record on line " + startLine + ": wrong number of fields");
        }
        return fields;
    }

    /** The 1-based byte column of a position within its line. */
    private int column(int at) {
        int lineStart = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        if (at > 0 && text.charAt(at - 1) == '\n' && lineStart > at - 1) {
            lineStart = at;
        }
        return text.substring(lineStart, at).getBytes(StandardCharsets.UTF_8).length + 1;
    }

    private FunctionException parseError(int startLine, String what, int col) {
        String where = startLine != line
                ? "record on line " + startLine + "; parse error on line " + line + ", column " + col
                : "parse error on line " + line + ", column " + col;
        return new FunctionException(where + ": " + what);
    }
}
