package io.jenkins.plugins.packer.hcl;

import io.jenkins.plugins.packer.hcl.ast.Block;
import io.jenkins.plugins.packer.hcl.ast.Body;
import io.jenkins.plugins.packer.hcl.ast.SyntaxBody;
import io.jenkins.plugins.packer.hcl.json.JsonBody;
import io.jenkins.plugins.packer.hcl.json.JsonExpressions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders diagnostics as text exactly as HCL's diagnostic text writer does for Packer: {@code Error: SUMMARY}, the
 * location with the enclosing block, the source lines the subject and context cover, the values the expression used,
 * then the detail wrapped to the width.
 */
public final class DiagnosticWriter {

    /** What the writer knows about a file: its bytes (null when not available) and its parsed body. */
    public record SourceFile(byte[] bytes, Body body) {}

    private final Map<String, SourceFile> files;
    private final int width;

    public DiagnosticWriter(Map<String, SourceFile> files, int width) {
        this.files = files;
        this.width = width;
    }

    public String write(Iterable<Diagnostic> diags) {
        return new String(writeBytes(diags), StandardCharsets.UTF_8);
    }

    /** The rendered text as bytes: source lines are copied as they are in the file, even when not valid UTF-8. */
    public byte[] writeBytes(Iterable<Diagnostic> diags) {
        Out out = new Out();
        for (Diagnostic d : diags) {
            write(d, out);
        }
        return out.bytes.toByteArray();
    }

    /** Text and raw bytes in order. */
    private static final class Out {
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        Out append(Object o) {
            bytes.writeBytes(String.valueOf(o).getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Out append(char c) {
            return append(String.valueOf(c));
        }

        Out raw(byte[] b, int from, int to) {
            bytes.write(b, from, to - from);
            return this;
        }
    }

    private void write(Diagnostic d, Out out) {
        out.append(d.isError() ? "Error" : "Warning").append(": ").append(d.summary()).append("\n\n");
        Range subject = d.subject();
        if (subject != null) {
            Range snip = subject;
            if (d.context() != null) {
                snip = over(snip, d.context());
            }
            snip = nonEmpty(snip);
            SourceFile file = files.get(subject.filename());
            if (file == null || file.bytes() == null) {
                out.append("  on ").append(subject.filename()).append(" line ").append(subject.start().line())
                        .append(":\n  (source code not available)\n\n");
            } else {
                String ctx = contextString(file.body(), subject.start().byteOffset());
                out.append("  on ").append(subject.filename()).append(" line ").append(subject.start().line())
                        .append(ctx.isEmpty() ? "" : ", in " + ctx).append(":\n");
                byte[] src = file.bytes();
                for (Line line : lines(src, subject.filename())) {
                    if (overlaps(line.range, snip)) {
                        out.append(String.format("%4d: ", line.range.start().line()))
                                .raw(src, line.range.start().byteOffset(), line.range.end().byteOffset())
                                .append('\n');
                    }
                }
                out.append('\n');
            }
            List<String> stmts = d.exprValues();
            for (int i = 0; i < stmts.size(); i++) {
                out.append(i == 0 ? "with " : "     ").append(stmts.get(i));
                out.append(i == stmts.size() - 1 ? ".\n\n" : ",\n");
            }
        }
        if (d.detail() != null && !d.detail().isEmpty()) {
            out.append(width > 0 ? wrap(d.detail(), width) : d.detail()).append("\n\n");
        }
    }

    private static String contextString(Body body, int offset) {
        if (body instanceof SyntaxBody sb) {
            return contextString(sb, offset);
        }
        if (body instanceof JsonBody jb) {
            return JsonExpressions.contextString(jb.value(), offset);
        }
        return "";
    }

    /** The enclosing top-level block, as {@code type "label" "label"}, or empty. */
    static String contextString(SyntaxBody root, int offset) {
        for (Block b : root.blocks()) {
            Range r = Range.between(b.typeRange(), b.closeBraceRange());
            if (offset >= r.start().byteOffset() && offset < r.end().byteOffset()) {
                StringBuilder s = new StringBuilder(b.type());
                for (String l : b.labels()) {
                    s.append(' ').append(StringLiterals.goQuote(l));
                }
                return s.toString();
            }
        }
        return "";
    }

    private static Range over(Range a, Range b) {
        Pos start = a.start().byteOffset() <= b.start().byteOffset() ? a.start() : b.start();
        Pos end = a.end().byteOffset() >= b.end().byteOffset() ? a.end() : b.end();
        return new Range(a.filename(), start, end);
    }

    private static Range nonEmpty(Range r) {
        if (!r.isEmpty()) {
            return r;
        }
        Pos e = r.end();
        return new Range(r.filename(), r.start(), new Pos(e.line(), e.column() + 1, e.byteOffset() + 1));
    }

    private static boolean contains(Range r, int offset) {
        return offset >= r.start().byteOffset() && offset < r.end().byteOffset();
    }

    private static boolean overlaps(Range r, Range other) {
        if (r.isEmpty() || other.isEmpty()) {
            return false;
        }
        return contains(r, other.start().byteOffset()) || contains(r, other.end().byteOffset())
                || contains(other, r.start().byteOffset()) || contains(other, r.end().byteOffset());
    }

    private record Line(Range range) {}

    /** Splits like Go's bufio.ScanLines: on LF, dropping a CR before it; each line's range excludes its end. */
    private static List<Line> lines(byte[] src, String filename) {
        List<Line> out = new ArrayList<>();
        int pos = 0;
        int line = 1;
        while (pos < src.length) {
            int nl = pos;
            while (nl < src.length && src[nl] != '\n') {
                nl++;
            }
            int textEnd = nl;
            if (textEnd > pos && src[textEnd - 1] == '\r') {
                textEnd--;
            }
            String text = new String(src, pos, textEnd - pos, StandardCharsets.UTF_8);
            int cols = text.codePointCount(0, text.length());
            Range r = new Range(filename, new Pos(line, 1, pos), new Pos(line, 1 + cols, textEnd));
            out.add(new Line(r));
            pos = nl < src.length ? nl + 1 : nl;
            line++;
        }
        return out;
    }

    /** Word-wraps like mitchellh/go-wordwrap: break at spaces, keep existing newlines, never split a word. */
    static String wrap(String s, int lim) {
        StringBuilder buf = new StringBuilder();
        StringBuilder word = new StringBuilder();
        StringBuilder space = new StringBuilder();
        int current = 0;
        int wordLen = 0;
        int spaceLen = 0;
        for (int i = 0; i < s.length(); ) {
            int ch = s.codePointAt(i);
            i += Character.charCount(ch);
            if (ch == '\n') {
                if (word.length() == 0) {
                    if (current + spaceLen > lim) {
                        current = 0;
                    } else {
                        buf.append(space);
                    }
                } else {
                    buf.append(space).append(word);
                    word.setLength(0);
                    wordLen = 0;
                }
                space.setLength(0);
                spaceLen = 0;
                buf.append('\n');
                current = 0;
            } else if (StringLiterals.isGoSpace(ch) && ch != 0xA0) {
                if (space.length() == 0 || word.length() > 0) {
                    current += spaceLen + wordLen;
                    buf.append(space).append(word);
                    space.setLength(0);
                    spaceLen = 0;
                    word.setLength(0);
                    wordLen = 0;
                }
                space.appendCodePoint(ch);
                spaceLen++;
            } else {
                word.appendCodePoint(ch);
                wordLen++;
                if (current + spaceLen + wordLen > lim && wordLen < lim) {
                    buf.append('\n');
                    current = 0;
                    space.setLength(0);
                    spaceLen = 0;
                }
            }
        }
        if (word.length() == 0) {
            if (current + spaceLen <= lim) {
                buf.append(space);
            }
        } else {
            buf.append(space).append(word);
        }
        return buf.toString();
    }
}
