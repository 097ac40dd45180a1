package io.jenkins.plugins.packer.hcl.fmt;

import io.jenkins.plugins.packer.hcl.TokenType;

import java.util.ArrayList;
import java.util.List;

/**
 * One source line as the formatter sees it, in up to three cells whose first tokens get aligned with the lines
 * around: the lead (everything else), the assignment (from a one-line value's equals sign on) and a trailing comment.
 */
final class FormatLine {

    List<FormatToken> lead;
    List<FormatToken> assign = List.of();
    List<FormatToken> comment = List.of();

    private FormatLine(List<FormatToken> lead) {
        this.lead = lead;
    }

    /** Splits the tokens into lines; the end-of-file token belongs to none, so its spaces are never touched. */
    static List<FormatLine> split(List<FormatToken> tokens) {
        List<FormatLine> lines = new ArrayList<>();
        int lineStart = 0;
        for (int i = 0; i < tokens.size(); i++) {
            FormatToken t = tokens.get(i);
            if (t.type == TokenType.EOF) {
                break;
            }
            if (t.endsLine()) {
                lines.add(new FormatLine(tokens.subList(lineStart, i + 1)));
                lineStart = i + 1;
            }
        }
        int end = tokens.size();
        if (end > lineStart && tokens.get(end - 1).type == TokenType.EOF) {
            end--;
        }
        lines.add(new FormatLine(tokens.subList(lineStart, Math.max(lineStart, end))));
        lines.forEach(FormatLine::splitCells);
        return lines;
    }

    private void splitCells() {
        int n = lead.size();
        if (n > 1 && lead.get(n - 1).type == TokenType.COMMENT) {
            comment = lead.subList(n - 1, n);
            lead = lead.subList(0, n - 1);
        }
        for (int i = 1; i < lead.size(); i++) {
            if (lead.get(i).type != TokenType.EQUAL) {
                continue;
            }
            // Only a value that closes every bracket it opens stays on this line and can be aligned.
            int net = 0;
            for (FormatToken t : lead.subList(i, lead.size())) {
                net += t.bracketChange();
            }
            if (net == 0) {
                assign = lead.subList(i, lead.size());
                lead = lead.subList(0, i);
            }
            return;
        }
    }
}
