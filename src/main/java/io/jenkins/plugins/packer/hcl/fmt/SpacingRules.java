package io.jenkins.plugins.packer.hcl.fmt;

import io.jenkins.plugins.packer.hcl.TokenType;

import java.util.EnumSet;
import java.util.Set;

/**
 * Whether one space or none separates two neighbouring tokens of a line, by the rules of hclwrite v2.6.0. The rules
 * are tried in order and the first that applies wins, so their order is part of the behaviour.
 */
final class SpacingRules {

    /** Tokens inside quoted strings and heredocs, whose spacing is the text itself. */
    private static final Set<TokenType> TEMPLATE_TEXT_BEFORE =
            EnumSet.of(TokenType.QUOTED_LIT, TokenType.STRING_LIT, TokenType.OQUOTE, TokenType.OHEREDOC);
    private static final Set<TokenType> TEMPLATE_TEXT_AFTER =
            EnumSet.of(TokenType.QUOTED_LIT, TokenType.STRING_LIT, TokenType.CQUOTE, TokenType.CHEREDOC);

    /**
     * After these a minus cannot be subtraction, so it is a negation and sticks to its operand. {@code null} stands
     * for the start of the cell.
     */
    private static final Set<TokenType> NEGATION_CONTEXT = EnumSet.of(
            TokenType.OPAREN, TokenType.OBRACE, TokenType.OBRACK, TokenType.EQUAL, TokenType.COLON, TokenType.COMMA,
            TokenType.QUESTION,
            TokenType.PLUS, TokenType.STAR, TokenType.SLASH, TokenType.PERCENT, TokenType.MINUS,
            TokenType.EQUAL_OP, TokenType.NOT_EQUAL, TokenType.GREATER_THAN, TokenType.GREATER_THAN_EQ,
            TokenType.LESS_THAN, TokenType.LESS_THAN_EQ,
            TokenType.AND, TokenType.OR, TokenType.BANG);

    private SpacingRules() {
    }

    /**
     * @param before the token preceding {@code subject} in the same cell, or {@code null} at the start of the cell
     */
    static boolean spaceAfter(FormatToken subject, FormatToken before, FormatToken after) {
        TokenType s = subject.type;
        TokenType a = after.type;
        if (a == TokenType.NEWLINE) {
            return false;
        }
        if (s == TokenType.IDENT && a == TokenType.OPAREN) {
            return false;
        }
        if (s == TokenType.DOT || a == TokenType.DOT) {
            return false;
        }
        if (a == TokenType.COMMA || a == TokenType.ELLIPSIS) {
            return false;
        }
        if (s == TokenType.COMMA) {
            return true;
        }
        if (TEMPLATE_TEXT_BEFORE.contains(s) || TEMPLATE_TEXT_AFTER.contains(a)) {
            return false;
        }
        // "for x in [a, b]": without this, "in" followed by a tuple would be spaced like an index into "in".
        if (subject.isIdent("in") && before != null && before.type == TokenType.IDENT) {
            return true;
        }
        if (a == TokenType.OBRACK
                && (s == TokenType.IDENT || s == TokenType.NUMBER_LIT || subject.bracketChange() < 0)) {
            return false;
        }
        if (s == TokenType.MINUS) {
            return before != null && !NEGATION_CONTEXT.contains(before.type);
        }
        if (s == TokenType.OBRACE || a == TokenType.CBRACE) {
            // Braces are padded inside, "{ a = 1 }", but an empty pair stays "{}".
            return !(s == TokenType.OBRACE && a == TokenType.CBRACE);
        }
        // "${ {a = 1} }": a lone object in an interpolation keeps its braces apart from the sequence's.
        if ((s == TokenType.TEMPLATE_INTERP || s == TokenType.TEMPLATE_CONTROL) && a == TokenType.OBRACE) {
            return true;
        }
        if (s == TokenType.CBRACE && a == TokenType.TEMPLATE_SEQ_END) {
            return true;
        }
        if (s == TokenType.TEMPLATE_SEQ_END
                && (a == TokenType.TEMPLATE_INTERP || a == TokenType.TEMPLATE_CONTROL)) {
            return false;
        }
        if (subject.bracketChange() > 0) {
            return false;
        }
        return after.bracketChange() >= 0;
    }
}
