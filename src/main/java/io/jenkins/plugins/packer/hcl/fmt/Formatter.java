package io.jenkins.plugins.packer.hcl.fmt;

import io.jenkins.plugins.packer.hcl.Lexer;
import io.jenkins.plugins.packer.hcl.Token;
import io.jenkins.plugins.packer.hcl.TokenType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Rewrites the whitespace of HCL native syntax into the canonical layout that {@code packer fmt} 1.6.6 writes, i.e.
 * the token-level formatter of <a href="https://pkg.go.dev/github.com/hashicorp/hcl/v2@v2.6.0/hclwrite#Format">
 * hclwrite.Format</a> (HCL v2.6.0). Only the spaces before tokens change; it works on any input, parsable or not.
 */
public final class Formatter {

    private Formatter() {
    }

    /** {@link #format(byte[])} for text held as a string; the bytes formatted are its UTF-8 encoding. */
    public static String format(String src) {
        return new String(format(src.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /**
     * Returns {@code src} laid out as {@code packer fmt} writes it; equal content when it is already canonical. The
     * input need not parse: {@code packer fmt} rejects unparsable files before it gets here, editors may not.
     */
    public static byte[] format(byte[] src) {
        List<FormatToken> tokens = tokensOf(src);
        List<FormatLine> lines = FormatLine.split(tokens);
        indent(lines);
        space(lines);
        align(lines);
        return write(src, tokens);
    }

    /**
     * The spaces before each token start as the bytes between it and the previous token in the source, as hclwrite
     * counts them. Every token but the end-of-file one gets new spaces, so only blanks at the very end of the file
     * survive, each tab of them as one space.
     */
    private static List<FormatToken> tokensOf(byte[] src) {
        List<Token> scanned = Lexer.scan(src, "", Lexer.Mode.NORMAL);
        List<FormatToken> tokens = new ArrayList<>(scanned.size());
        int previousEnd = 0;
        for (Token t : scanned) {
            int start = t.range().start().byteOffset();
            int end = t.range().end().byteOffset();
            tokens.add(new FormatToken(t.type(), src, start, end, start - previousEnd));
            previousEnd = end;
        }
        return tokens;
    }

    /**
     * Each line is indented by two spaces per bracket level still open. A line that opens several brackets at once
     * indents the following lines only one level, and closing them all again pops that one level.
     */
    private static void indent(List<FormatLine> lines) {
        List<Integer> openers = new ArrayList<>();
        for (FormatLine line : lines) {
            if (line.lead.isEmpty()) {
                continue;
            }
            FormatToken first = line.lead.get(0);
            if (first.type == TokenType.NEWLINE) {
                first.spacesBefore = 0;
                continue;
            }
            int net = 0;
            for (FormatToken t : line.lead) {
                net += t.bracketChange();
                // A heredoc body is raw text: brackets in it must not count.
                if (t.type == TokenType.OHEREDOC) {
                    break;
                }
            }
            for (FormatToken t : line.assign) {
                net += t.bracketChange();
            }
            if (net > 0) {
                first.spacesBefore = 2 * openers.size();
                openers.add(net);
                continue;
            }
            int closed = -net;
            while (closed > 0 && !openers.isEmpty()) {
                int top = openers.size() - 1;
                int opened = openers.get(top);
                if (closed < opened) {
                    openers.set(top, opened - closed);
                    closed = 0;
                } else {
                    openers.remove(top);
                    closed -= opened;
                }
            }
            first.spacesBefore = 2 * openers.size();
        }
    }

    private static void space(List<FormatLine> lines) {
        for (FormatLine line : lines) {
            spaceWithin(line.lead);
            if (!line.assign.isEmpty()) {
                // Separates the equals sign from the name; the alignment pass widens it.
                line.assign.get(0).spacesBefore = 1;
            }
            spaceWithin(line.assign);
        }
    }

    private static void spaceWithin(List<FormatToken> cell) {
        for (int i = 0; i + 1 < cell.size(); i++) {
            FormatToken before = i > 0 ? cell.get(i - 1) : null;
            FormatToken after = cell.get(i + 1);
            after.spacesBefore = SpacingRules.spaceAfter(cell.get(i), before, after) ? 1 : 0;
        }
    }

    /**
     * Runs of consecutive lines that assign a one-line value get their equals signs in one column, one space after
     * the widest name; runs of lines ending in a comment after some code get their comments aligned the same way.
     */
    private static void align(List<FormatLine> lines) {
        alignCells(lines, line -> line.assign, line -> columns(line.lead));
        alignCells(lines, line -> line.comment, line -> columns(line.lead) + columns(line.assign));
    }

    private static void alignCells(List<FormatLine> lines, Function<FormatLine, List<FormatToken>> cell,
            ToIntFunction<FormatLine> width) {
        int chainStart = -1;
        int widest = 0;
        for (int i = 0; i <= lines.size(); i++) {
            boolean inChain = i < lines.size() && !cell.apply(lines.get(i)).isEmpty();
            if (inChain) {
                if (chainStart < 0) {
                    chainStart = i;
                }
                widest = Math.max(widest, width.applyAsInt(lines.get(i)));
            } else if (chainStart >= 0) {
                for (FormatLine member : lines.subList(chainStart, i)) {
                    cell.apply(member).get(0).spacesBefore = widest - width.applyAsInt(member) + 1;
                }
                chainStart = -1;
                widest = 0;
            }
        }
    }

    private static int columns(List<FormatToken> cell) {
        int n = 0;
        for (FormatToken t : cell) {
            n += t.spacesBefore + t.graphemes();
        }
        return n;
    }

    private static byte[] write(byte[] src, List<FormatToken> tokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(src.length + src.length / 8);
        for (FormatToken t : tokens) {
            for (int i = 0; i < t.spacesBefore; i++) {
                out.write(' ');
            }
            out.write(src, t.start, t.end - t.start);
        }
        return out.toByteArray();
    }
}
