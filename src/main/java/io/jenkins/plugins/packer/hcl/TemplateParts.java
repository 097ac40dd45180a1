package io.jenkins.plugins.packer.hcl;

import io.jenkins.plugins.packer.hcl.ast.Expression;
import java.util.ArrayList;
import java.util.List;

/**
 * The flat sequence a template is first read into (literals, interpolations, directive openers and closers) before
 * {@link TemplateParser} nests the directives. Literal values are mutable because strip markers and {@code <<-}
 * heredocs trim them after they are read.
 */
final class TemplateParts {

    sealed interface Item permits Literal, Interp, If, For, EndCtrl, End {
        Range range();
    }

    static final class Literal implements Item {
        String value;
        Range range;

        Literal(String value, Range range) {
            this.value = value;
            this.range = range;
        }

        @Override
        public Range range() {
            return range;
        }
    }

    record Interp(Expression expr, Range range) implements Item {}

    record If(Expression cond, Range range) implements Item {}

    record For(String keyVar, String valVar, Expression coll, Range range) implements Item {}

    /** {@code else}, {@code endif} or {@code endfor}. */
    record EndCtrl(String name, Range range) implements Item {}

    record End(Range range) implements Item {}

    final List<Item> items;
    final Range range;

    TemplateParts(List<Item> items, Range range) {
        this.items = items;
        this.range = range;
    }

    /** Removes from every line the smallest indentation found on any line, as {@code <<-} heredocs require. */
    void flushHeredoc() {
        int minSpaces = Integer.MAX_VALUE;
        boolean newline = true;
        List<Literal> adjust = new ArrayList<>();
        for (Item item : items) {
            if (newline) {
                newline = false;
                int spaces = 0;
                if (item instanceof Literal lit) {
                    String trimmed = StringLiterals.trimLeftSpace(lit.value);
                    if (trimmed.isEmpty() && lit.value.endsWith("\n")) {
                        spaces = Integer.MAX_VALUE;
                    } else {
                        String lead = lit.value.substring(0, lit.value.length() - trimmed.length());
                        spaces = lead.codePointCount(0, lead.length());
                        adjust.add(lit);
                    }
                } else if (item instanceof End) {
                    break;
                }
                minSpaces = Math.min(minSpaces, spaces);
            }
            if (item instanceof Literal lit && lit.value.endsWith("\n")) {
                newline = true;
            }
        }
        for (Literal lit : adjust) {
            int cut = lit.value.offsetByCodePoints(0, Math.min(minSpaces, lit.value.codePointCount(0,
                    lit.value.length())));
            int bytes = lit.value.substring(0, cut).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            lit.value = lit.value.substring(cut);
            Pos s = lit.range.start();
            lit.range = new Range(lit.range.filename(),
                    new Pos(s.line(), s.column() + minSpaces, s.byteOffset() + bytes), lit.range.end());
        }
    }
}
