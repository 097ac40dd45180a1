package io.jenkins.plugins.packer.hcl;

import io.jenkins.plugins.packer.hcl.ast.Attribute;
import io.jenkins.plugins.packer.hcl.ast.Block;
import io.jenkins.plugins.packer.hcl.ast.SyntaxBody;
import io.jenkins.plugins.packer.hcl.ast.Expression;
import io.jenkins.plugins.packer.hcl.ast.File;
import io.jenkins.plugins.packer.hcl.ast.Traverser;
import io.jenkins.plugins.packer.value.ConversionException;
import io.jenkins.plugins.packer.value.Operator;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recursive-descent parser for HCL's native syntax with hclsyntax's grammar, messages and error recovery: one
 * method per rule, diagnostics collected rather than thrown, and a recovery mode that skips to the next body item or
 * closing bracket so one mistake does not hide the next.
 */
public final class Parser {

    private static final List<Map<TokenType, Operator>> BINARY_OPS = List.of(
            Map.of(TokenType.OR, Operator.OR),
            Map.of(TokenType.AND, Operator.AND),
            Map.of(TokenType.EQUAL_OP, Operator.EQUAL, TokenType.NOT_EQUAL, Operator.NOT_EQUAL),
            Map.of(TokenType.GREATER_THAN, Operator.GREATER_THAN, TokenType.GREATER_THAN_EQ,
                    Operator.GREATER_THAN_OR_EQUAL, TokenType.LESS_THAN, Operator.LESS_THAN,
                    TokenType.LESS_THAN_EQ, Operator.LESS_THAN_OR_EQUAL),
            Map.of(TokenType.PLUS, Operator.ADD, TokenType.MINUS, Operator.SUBTRACT),
            Map.of(TokenType.STAR, Operator.MULTIPLY, TokenType.SLASH, Operator.DIVIDE, TokenType.PERCENT,
                    Operator.MODULO));

    private final List<Token> tokens;
    private int next;
    private final Deque<Boolean> includeNewlines = new ArrayDeque<>();
    private boolean recovery;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
        includeNewlines.push(true);
    }

    // ---- entry points ---------------------------------------------------------------------------------------

    /** Parses a whole configuration file. */
    public static File parseConfig(byte[] src, String filename, Diagnostics diags) {
        List<Token> tokens = Lexer.scan(src, filename, Lexer.Mode.NORMAL);
        checkInvalidTokens(tokens, diags);
        Parser p = new Parser(tokens);
        SyntaxBody body = p.parseBody(TokenType.EOF, diags);
        return new File(filename, body, src);
    }

    /** Parses one expression, as {@code packer console} and {@code -var} values do. */
    public static Expression parseExpression(byte[] src, String filename, Diagnostics diags) {
        return parseExpression(src, filename, Pos.START, diags);
    }

    /** Parses one expression whose text starts at {@code start} of its file, as HCL's JSON syntax does. */
    public static Expression parseExpression(byte[] src, String filename, Pos start, Diagnostics diags) {
        List<Token> tokens = Lexer.scan(src, filename, Lexer.Mode.NORMAL, start);
        checkInvalidTokens(tokens, diags);
        Parser p = new Parser(tokens);
        p.includeNewlines.push(false);
        Expression expr = p.expression(diags);
        Token nt = p.peek();
        if (nt.type() != TokenType.EOF && !p.recovery) {
            diags.add(Diagnostic.error("Extra characters after expression",
                    "An expression was successfully parsed, but extra characters were found after it.", nt.range()));
        }
        p.includeNewlines.pop();
        return expr;
    }

    /** Parses a bare template, as {@code templatefile} reads its file. */
    public static Expression parseTemplate(byte[] src, String filename, Diagnostics diags) {
        return parseTemplate(src, filename, Pos.START, diags);
    }

    /** Parses a bare template whose text starts at {@code start} of its file, such as a JSON string. */
    public static Expression parseTemplate(byte[] src, String filename, Pos start, Diagnostics diags) {
        List<Token> tokens = Lexer.scan(src, filename, Lexer.Mode.TEMPLATE, start);
        checkInvalidTokens(tokens, diags);
        Parser p = new Parser(tokens);
        TemplateResult r = p.templateInner(TokenType.EOF, false, diags);
        if (r.passthrough) {
            return new Expression.TemplateWrap(r.exprs.get(0), r.range);
        }
        return new Expression.Template(r.exprs, r.range);
    }

    // ---- peeker ---------------------------------------------------------------------------------------------

    private Token peek() {
        return nextToken(false);
    }

    private Token read() {
        return nextToken(true);
    }

    private Token nextToken(boolean consume) {
        boolean nl = includeNewlines.peek();
        for (int i = next; i < tokens.size(); i++) {
            Token tok = tokens.get(i);
            if (tok.type() == TokenType.COMMENT) {
                // A line comment absorbs the newline that ends it; where newlines matter it still ends the line.
                if (nl && tok.text().endsWith("\n")) {
                    if (consume) {
                        next = i + 1;
                    }
                    return new Token(TokenType.NEWLINE, "\n", tok.range());
                }
                continue;
            }
            if (tok.type() == TokenType.NEWLINE && !nl) {
                continue;
            }
            if (consume) {
                next = i + 1;
            }
            return tok;
        }
        Token eof = tokens.get(tokens.size() - 1);
        if (consume) {
            next = tokens.size();
        }
        return eof;
    }

    private Range prevRange() {
        if (next == 0) {
            return peek().range();
        }
        return tokens.get(next - 1).range();
    }

    private Range nextRange() {
        return peek().range();
    }

    // ---- bodies ---------------------------------------------------------------------------------------------

    private SyntaxBody parseBody(TokenType end, Diagnostics diags) {
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        List<Block> blocks = new ArrayList<>();
        Range startRange = prevRange();
        Range endRange;
        while (true) {
            Token nt = peek();
            if (nt.type() == end) {
                endRange = nt.range();
                read();
                break;
            }
            if (nt.type() == TokenType.NEWLINE) {
                read();
                continue;
            }
            if (nt.type() == TokenType.IDENT) {
                Object item = parseBodyItem(diags);
                if (item instanceof Block b) {
                    blocks.add(b);
                } else if (item instanceof Attribute a) {
                    Attribute existing = attrs.get(a.name());
                    if (existing != null) {
                        diags.add(Diagnostic.error("Attribute redefined", String.format(
                                "The argument \"%s\" was already set at %s. Each argument may be set only once.",
                                a.name(), rangeString(existing.nameRange())), a.nameRange()));
                    } else {
                        attrs.put(a.name(), a);
                    }
                }
                continue;
            }
            Token bad = read();
            if (!recovery) {
                if (bad.type() == TokenType.OQUOTE) {
                    diags.error("Invalid argument name", "Argument names must not be quoted.", bad.range());
                } else {
                    diags.error("Argument or block definition required",
                            "An argument or block definition is required here.", bad.range());
                }
            }
            endRange = prevRange();
            recover(end);
            break;
        }
        return new SyntaxBody(attrs, blocks, Range.between(startRange, endRange), endRange.endRange());
    }

    /** HCL's {@code Range.String()}: {@code file:line,col-line,col} or {@code file:line,col-col}. */
    public static String rangeString(Range r) {
        if (r.start().line() == r.end().line()) {
            return String.format("%s:%d,%d-%d", r.filename(), r.start().line(), r.start().column(), r.end().column());
        }
        return String.format("%s:%d,%d-%d,%d", r.filename(), r.start().line(), r.start().column(), r.end().line(),
                r.end().column());
    }

    private Object parseBodyItem(Diagnostics diags) {
        Token ident = read();
        Token nt = peek();
        switch (nt.type()) {
            case EQUAL:
                return finishAttribute(ident, false, diags);
            case OQUOTE, OBRACE, IDENT:
                return finishBlock(ident, diags);
            default:
                recoverAfterBodyItem();
                diags.error("Argument or block definition required",
                        "An argument or block definition is required here. To set an argument, use the equals sign"
                                + " \"=\" to introduce the argument value.", ident.range());
                return null;
        }
    }

    private SyntaxBody parseSingleAttrBody(Diagnostics diags) {
        Token ident = read();
        if (ident.type() != TokenType.IDENT) {
            recoverAfterBodyItem();
            diags.error("Argument or block definition required", "An argument or block definition is required here.",
                    ident.range());
            return null;
        }
        Token nt = peek();
        switch (nt.type()) {
            case EQUAL: {
                Attribute attr = finishAttribute(ident, true, diags);
                Map<String, Attribute> attrs = new LinkedHashMap<>();
                attrs.put(attr.name(), attr);
                return new SyntaxBody(attrs, List.of(), attr.range(), attr.range().endRange());
            }
            case OQUOTE, OBRACE, IDENT:
                recoverAfterBodyItem();
                diags.error("Argument definition required", String.format(
                        "A single-line block definition can contain only a single argument. If you meant to define"
                                + " argument \"%s\", use an equals sign to assign it a value. To define a nested block,"
                                + " place it on a line of its own within its parent block.", ident.text()),
                        Range.between(ident.range(), nt.range()));
                return null;
            default:
                recoverAfterBodyItem();
                diags.error("Argument or block definition required",
                        "An argument or block definition is required here. To set an argument, use the equals sign"
                                + " \"=\" to introduce the argument value.", ident.range());
                return null;
        }
    }

    private Attribute finishAttribute(Token ident, boolean singleLine, Diagnostics diags) {
        Token eq = read();
        Diagnostics exprDiags = new Diagnostics();
        Expression expr = expression(exprDiags);
        diags.addAll(exprDiags);
        Range endRange;
        if (recovery && exprDiags.hasErrors()) {
            endRange = prevRange();
            recoverAfterBodyItem();
        } else {
            endRange = prevRange();
            if (!singleLine) {
                Token end = peek();
                if (end.type() != TokenType.NEWLINE && end.type() != TokenType.EOF) {
                    if (!recovery) {
                        String summary = "Missing newline after argument";
                        String detail = "An argument definition must end with a newline.";
                        if (end.type() == TokenType.COMMA) {
                            summary = "Unexpected comma after argument";
                            detail = "Argument definitions must be separated by newlines, not commas. " + detail;
                        }
                        diags.add(Diagnostic.error(summary, detail, end.range(),
                                Range.between(ident.range(), end.range())));
                    }
                    endRange = prevRange();
                    recoverAfterBodyItem();
                } else {
                    endRange = prevRange();
                    read();
                }
            }
        }
        return new Attribute(ident.text(), expr, Range.between(ident.range(), endRange), ident.range(), eq.range());
    }

    private Block finishBlock(Token ident, Diagnostics diags) {
        List<String> labels = new ArrayList<>();
        List<Range> labelRanges = new ArrayList<>();
        Token oBrace;
        while (true) {
            Token tok = peek();
            if (tok.type() == TokenType.OBRACE) {
                oBrace = read();
                break;
            }
            if (tok.type() == TokenType.OQUOTE) {
                StringBuilder label = new StringBuilder();
                Range r = quotedStringLiteral(label, diags);
                labels.add(label.toString());
                labelRanges.add(r);
                continue;
            }
            if (tok.type() == TokenType.IDENT) {
                read();
                labels.add(tok.text());
                labelRanges.add(tok.range());
                continue;
            }
            Range ctx = Range.between(ident.range(), tok.range());
            if (tok.type() == TokenType.EQUAL) {
                diags.add(Diagnostic.error("Invalid block definition",
                        "The equals sign \"=\" indicates an argument definition, and must not be used when defining a"
                                + " block.", tok.range(), ctx));
            } else if (tok.type() == TokenType.NEWLINE) {
                diags.add(Diagnostic.error("Invalid block definition",
                        "A block definition must have block content delimited by \"{\" and \"}\", starting on the"
                                + " same line as the block header.", tok.range(), ctx));
            } else if (!recovery) {
                diags.add(Diagnostic.error("Invalid block definition",
                        "Either a quoted string block label or an opening brace (\"{\") is expected here.",
                        tok.range(), ctx));
            }
            recoverAfterBodyItem();
            SyntaxBody empty = new SyntaxBody(Map.of(), List.of(), ident.range(), ident.range());
            return new Block(ident.text(), List.copyOf(labels), empty, ident.range(), List.copyOf(labelRanges),
                    ident.range(), ident.range());
        }

        SyntaxBody body;
        Diagnostics bodyDiags = new Diagnostics();
        TokenType after = peek().type();
        if (after == TokenType.NEWLINE || after == TokenType.EOF || after == TokenType.CBRACE) {
            body = parseBody(TokenType.CBRACE, bodyDiags);
        } else {
            body = parseSingleAttrBody(bodyDiags);
            Token t = peek();
            switch (t.type()) {
                case CBRACE -> read();
                case COMMA -> {
                    bodyDiags.error("Invalid single-argument block definition",
                            "Single-line block syntax can include only one argument definition. To define multiple"
                                    + " arguments, use the multi-line block syntax with one argument definition per"
                                    + " line.", t.range());
                    recover(TokenType.CBRACE);
                }
                case NEWLINE -> {
                    bodyDiags.error("Invalid single-argument block definition",
                            "An argument definition on the same line as its containing block creates a single-line"
                                    + " block definition, which must also be closed on the same line. Place the"
                                    + " block's closing brace immediately after the argument definition.", t.range());
                    recover(TokenType.CBRACE);
                }
                default -> {
                    if (!recovery) {
                        bodyDiags.error("Invalid single-argument block definition",
                                "A single-line block definition must end with a closing brace immediately after its"
                                        + " single argument definition.", t.range());
                    }
                    recover(TokenType.CBRACE);
                }
            }
        }
        diags.addAll(bodyDiags);
        Range cBraceRange = prevRange();

        Token eol = peek();
        if (eol.type() == TokenType.NEWLINE || eol.type() == TokenType.EOF) {
            read();
        } else {
            if (!recovery) {
                diags.add(Diagnostic.error("Missing newline after block definition",
                        "A block definition must end with a newline.", eol.range(),
                        Range.between(ident.range(), eol.range())));
            }
            recoverAfterBodyItem();
        }
        if (body == null) {
            body = new SyntaxBody(Map.of(), List.of(), Range.between(oBrace.range(), cBraceRange), cBraceRange);
        }
        return new Block(ident.text(), List.copyOf(labels), body, ident.range(), List.copyOf(labelRanges),
                oBrace.range(), cBraceRange);
    }

    // ---- expressions ----------------------------------------------------------------------------------------

    private Expression expression(Diagnostics diags) {
        return ternary(diags);
    }

    private Expression ternary(Diagnostics diags) {
        Range startRange = nextRange();
        Diagnostics condDiags = new Diagnostics();
        Expression cond = binaryOps(0, condDiags);
        diags.addAll(condDiags);
        if (recovery && condDiags.hasErrors()) {
            return cond;
        }
        if (peek().type() != TokenType.QUESTION) {
            return cond;
        }
        read();
        Diagnostics trueDiags = new Diagnostics();
        Expression trueExpr = expression(trueDiags);
        diags.addAll(trueDiags);
        if (recovery && trueDiags.hasErrors()) {
            return cond;
        }
        Token colon = peek();
        if (colon.type() != TokenType.COLON) {
            diags.add(Diagnostic.error("Missing false expression in conditional",
                    "The conditional operator (...?...:...) requires a false expression, delimited by a colon.",
                    colon.range(), Range.between(startRange, colon.range())));
            return cond;
        }
        read();
        Diagnostics falseDiags = new Diagnostics();
        Expression falseExpr = expression(falseDiags);
        diags.addAll(falseDiags);
        if (recovery && falseDiags.hasErrors()) {
            return cond;
        }
        return new Expression.Conditional(cond, trueExpr, falseExpr, Range.between(startRange, falseExpr.range()));
    }

    private Expression binaryOps(int level, Diagnostics diags) {
        if (level == BINARY_OPS.size()) {
            return expressionWithTraversals(diags);
        }
        Map<TokenType, Operator> thisLevel = BINARY_OPS.get(level);
        Diagnostics lhsDiags = new Diagnostics();
        Expression lhs = binaryOps(level + 1, lhsDiags);
        diags.addAll(lhsDiags);
        if (recovery && lhsDiags.hasErrors()) {
            return lhs;
        }
        Operator operation = null;
        Expression rhs = null;
        while (true) {
            Operator op = thisLevel.get(peek().type());
            if (op == null) {
                break;
            }
            if (operation != null) {
                lhs = new Expression.BinaryOp(lhs, operation, rhs, Range.between(lhs.range(), rhs.range()));
            }
            operation = op;
            read();
            Diagnostics rhsDiags = new Diagnostics();
            rhs = binaryOps(level + 1, rhsDiags);
            diags.addAll(rhsDiags);
            if (recovery && rhsDiags.hasErrors()) {
                return lhs;
            }
        }
        if (operation == null) {
            return lhs;
        }
        return new Expression.BinaryOp(lhs, operation, rhs, Range.between(lhs.range(), rhs.range()));
    }

    private Expression expressionWithTraversals(Diagnostics diags) {
        Expression term = expressionTerm(diags);
        return traversals(term, diags);
    }

    private static Expression makeRelativeTraversal(Expression expr, Traverser step, Range rng) {
        if (expr instanceof Expression.ScopeTraversal st) {
            return st.then(step, rng);
        }
        if (expr instanceof Expression.RelativeTraversal rt) {
            return rt.then(step, rng);
        }
        return new Expression.RelativeTraversal(expr, List.of(step), Range.between(expr.range(), rng));
    }

    private Expression traversals(Expression from, Diagnostics diags) {
        Expression ret = from;
        loop:
        while (true) {
            Token nt = peek();
            if (nt.type() == TokenType.DOT) {
                Token dot = read();
                Token attrTok = peek();
                switch (attrTok.type()) {
                    case IDENT -> {
                        read();
                        Range rng = Range.between(dot.range(), attrTok.range());
                        ret = makeRelativeTraversal(ret, new Traverser.Attr(attrTok.text(), rng), rng);
                    }
                    case NUMBER_LIT -> {
                        read();
                        Range rng = Range.between(dot.range(), attrTok.range());
                        int dotIdx = attrTok.text().indexOf('.');
                        if (dotIdx >= 0) {
                            diags.error("Invalid legacy index syntax", String.format(
                                    "When using the legacy index syntax, chaining two indexes together is not"
                                            + " permitted. Use the proper index syntax instead, like [%s][%s].",
                                    attrTok.text().substring(0, dotIdx), attrTok.text().substring(dotIdx + 1)),
                                    attrTok.range());
                            ret = makeRelativeTraversal(ret, new Traverser.Index(Value.unknown(Type.DYNAMIC), rng),
                                    rng);
                            break;
                        }
                        Value num = numberLitValue(attrTok, diags);
                        ret = makeRelativeTraversal(ret, new Traverser.Index(num, rng), rng);
                    }
                    case STAR -> {
                        Token marker = read();
                        ret = attrSplat(from, ret, dot, marker, attrTok, diags);
                        if (ret == null) {
                            return from;
                        }
                    }
                    default -> {
                        diags.error("Invalid attribute name", "An attribute name is required after a dot.",
                                attrTok.range());
                        recovery = true;
                    }
                }
            } else if (nt.type() == TokenType.OBRACK) {
                Token open = read();
                if (peek().type() == TokenType.STAR) {
                    read();
                    Token close = read();
                    if (close.type() != TokenType.CBRACK && !recovery) {
                        diags.error("Missing close bracket on splat index",
                                "The star for a full splat operator must be immediately followed by a closing bracket"
                                        + " (\"]\").", close.range());
                        close = recover(TokenType.CBRACK);
                    }
                    Expression.AnonSymbol item = new Expression.AnonSymbol(Range.between(open.range(), close.range()));
                    Expression each = traversals(item, diags);
                    ret = new Expression.Splat(ret, each, item, Range.between(from.range(), each.range()),
                            Range.between(open.range(), close.range()));
                } else {
                    includeNewlines.push(false);
                    Diagnostics keyDiags = new Diagnostics();
                    Expression key = expression(keyDiags);
                    diags.addAll(keyDiags);
                    Token close;
                    if (recovery && keyDiags.hasErrors()) {
                        close = recover(TokenType.CBRACK);
                    } else {
                        close = read();
                        if (close.type() != TokenType.CBRACK && !recovery) {
                            diags.error("Missing close bracket on index",
                                    "The index operator must end with a closing bracket (\"]\").", close.range());
                            close = recover(TokenType.CBRACK);
                        }
                    }
                    includeNewlines.pop();
                    Range rng = Range.between(open.range(), close.range());
                    if (key instanceof Expression.Literal lit) {
                        ret = makeRelativeTraversal(ret, new Traverser.Index(lit.value(), rng), rng);
                    } else if (key instanceof Expression.Template t && t.isStringLiteral()) {
                        Value k = ((Expression.Literal) t.parts().get(0)).value();
                        ret = makeRelativeTraversal(ret, new Traverser.Index(k, rng), rng);
                    } else {
                        ret = new Expression.Index(ret, key, Range.between(from.range(), rng), open.range(), rng);
                    }
                }
            } else {
                break loop;
            }
        }
        return ret;
    }

    /** The attribute-only splat {@code list.*.a.b}; returns null when the caller must stop traversing. */
    private Expression attrSplat(Expression from, Expression source, Token dot, Token marker, Token attrTok,
                                 Diagnostics diags) {
        List<Traverser> trav = new ArrayList<>();
        Range firstRange = nextRange();
        Range lastRange = marker.range();
        while (peek().type() == TokenType.DOT) {
            Token d = read();
            if (peek().type() == TokenType.NUMBER_LIT) {
                Token numTok = read();
                Range rng = Range.between(d.range(), numTok.range());
                int dotIdx = numTok.text().indexOf('.');
                if (dotIdx >= 0) {
                    diags.error("Invalid legacy index syntax", String.format(
                            "When using the legacy index syntax, chaining two indexes together is not permitted. Use"
                                    + " the proper index syntax with a full splat expression [*] instead, like"
                                    + " [%s][%s].", numTok.text().substring(0, dotIdx),
                            numTok.text().substring(dotIdx + 1)), attrTok.range());
                    trav.add(new Traverser.Index(Value.unknown(Type.DYNAMIC), rng));
                } else {
                    trav.add(new Traverser.Index(numberLitValue(numTok, diags), rng));
                }
                lastRange = numTok.range();
                continue;
            }
            if (peek().type() != TokenType.IDENT) {
                if (!recovery) {
                    if (peek().type() == TokenType.STAR) {
                        diags.error("Nested splat expression not allowed",
                                "A splat expression (*) cannot be used inside another attribute-only splat"
                                        + " expression.", peek().range());
                    } else {
                        diags.error("Invalid attribute name", "An attribute name is required after a dot.",
                                attrTok.range());
                    }
                }
                recovery = true;
                // hclsyntax continues its traversal loop here without building the splat.
                return source;
            }
            Token a = read();
            trav.add(new Traverser.Attr(a.text(), Range.between(d.range(), a.range())));
            lastRange = a.range();
        }
        Expression.AnonSymbol item = new Expression.AnonSymbol(Range.between(dot.range(), marker.range()));
        Expression each = trav.isEmpty() ? item
                : new Expression.RelativeTraversal(item, List.copyOf(trav), Range.between(firstRange, lastRange));
        return new Expression.Splat(source, each, item, Range.between(from.range(), lastRange),
                Range.between(dot.range(), marker.range()));
    }

    private Expression expressionTerm(Diagnostics diags) {
        Token start = peek();
        switch (start.type()) {
            case OPAREN: {
                read();
                includeNewlines.push(false);
                Diagnostics inner = new Diagnostics();
                Expression expr = expression(inner);
                diags.addAll(inner);
                if (inner.hasErrors()) {
                    recover(TokenType.CPAREN);
                    includeNewlines.pop();
                    return expr;
                }
                Token close = peek();
                if (close.type() != TokenType.CPAREN) {
                    diags.add(Diagnostic.error("Unbalanced parentheses",
                            "Expected a closing parenthesis to terminate the expression.", close.range(),
                            Range.between(start.range(), close.range())));
                    recovery = true;
                }
                read();
                includeNewlines.pop();
                return expr;
            }
            case NUMBER_LIT: {
                read();
                return new Expression.Literal(numberLitValue(start, diags), start.range());
            }
            case IDENT: {
                read();
                if (peek().type() == TokenType.OPAREN) {
                    return finishFunctionCall(start, diags);
                }
                switch (start.text()) {
                    case "true":
                        return new Expression.Literal(Value.TRUE, start.range());
                    case "false":
                        return new Expression.Literal(Value.FALSE, start.range());
                    case "null":
                        return new Expression.Literal(Value.nullOf(Type.DYNAMIC), start.range());
                    default:
                        return new Expression.ScopeTraversal(
                                List.of(new Traverser.Root(start.text(), start.range())), start.range());
                }
            }
            case OQUOTE, OHEREDOC: {
                Token open = read();
                TokenType closer = open.type() == TokenType.OQUOTE ? TokenType.CQUOTE : TokenType.CHEREDOC;
                TemplateResult r = templateInner(closer, open.text().startsWith("<<-"), diags);
                Range closeRange = prevRange();
                if (r.passthrough) {
                    return new Expression.TemplateWrap(r.exprs.get(0), Range.between(open.range(), closeRange));
                }
                return new Expression.Template(r.exprs, Range.between(open.range(), closeRange));
            }
            case MINUS, BANG: {
                read();
                Expression operand = expressionWithTraversals(diags);
                return new Expression.UnaryOp(start.type() == TokenType.MINUS ? Operator.NEGATE : Operator.NOT,
                        operand, Range.between(start.range(), operand.range()), start.range());
            }
            case OBRACK:
                return tupleCons(diags);
            case OBRACE:
                return objectCons(diags);
            default: {
                if (!recovery) {
                    diags.error("Invalid expression",
                            "Expected the start of an expression, but found an invalid expression token.",
                            start.range());
                }
                recovery = true;
                return new Expression.Literal(Value.unknown(Type.DYNAMIC), start.range());
            }
        }
    }

    private static Value numberLitValue(Token tok, Diagnostics diags) {
        try {
            return Value.parseNumber(tok.text());
        } catch (ConversionException e) {
            diags.error("Invalid number literal", "Failed to recognize the value of this number literal.",
                    tok.range());
            return Value.unknown(Type.NUMBER);
        }
    }

    private Expression finishFunctionCall(Token name, Diagnostics diags) {
        Token open = read();
        List<Expression> args = new ArrayList<>();
        boolean expandFinal = false;
        Token close;
        includeNewlines.push(false);
        while (true) {
            if (peek().type() == TokenType.CPAREN) {
                close = read();
                break;
            }
            Diagnostics argDiags = new Diagnostics();
            Expression arg = expression(argDiags);
            args.add(arg);
            diags.addAll(argDiags);
            if (recovery && argDiags.hasErrors()) {
                close = recover(TokenType.CPAREN);
                break;
            }
            Token sep = read();
            if (sep.type() == TokenType.CPAREN) {
                close = sep;
                break;
            }
            if (sep.type() == TokenType.ELLIPSIS) {
                expandFinal = true;
                if (peek().type() != TokenType.CPAREN) {
                    if (!recovery) {
                        diags.add(Diagnostic.error("Missing closing parenthesis",
                                "An expanded function argument (with ...) must be immediately followed by closing"
                                        + " parentheses.", sep.range(), Range.between(name.range(), sep.range())));
                    }
                    close = recover(TokenType.CPAREN);
                } else {
                    close = read();
                }
                break;
            }
            if (sep.type() != TokenType.COMMA) {
                diags.add(Diagnostic.error("Missing argument separator",
                        "A comma is required to separate each function argument from the next.", sep.range(),
                        Range.between(name.range(), sep.range())));
                close = recover(TokenType.CPAREN);
                break;
            }
            if (peek().type() == TokenType.CPAREN) {
                close = read();
                break;
            }
        }
        includeNewlines.pop();
        return new Expression.FunctionCall(name.text(), List.copyOf(args), expandFinal, name.range(), open.range(),
                close.range());
    }

    private static boolean isKeyword(Token t, String kw) {
        return t.type() == TokenType.IDENT && t.text().equals(kw);
    }

    private Expression tupleCons(Diagnostics diags) {
        Token open = read();
        includeNewlines.push(false);
        try {
            if (isKeyword(peek(), "for")) {
                return finishFor(open, diags);
            }
            List<Expression> exprs = new ArrayList<>();
            Token close;
            while (true) {
                if (peek().type() == TokenType.CBRACK) {
                    close = read();
                    break;
                }
                Diagnostics exprDiags = new Diagnostics();
                Expression e = expression(exprDiags);
                exprs.add(e);
                diags.addAll(exprDiags);
                if (recovery && exprDiags.hasErrors()) {
                    close = recover(TokenType.CBRACK);
                    break;
                }
                Token nt = peek();
                if (nt.type() == TokenType.CBRACK) {
                    close = read();
                    break;
                }
                if (nt.type() != TokenType.COMMA) {
                    if (!recovery) {
                        diags.add(Diagnostic.error("Missing item separator",
                                "Expected a comma to mark the beginning of the next item.", nt.range(),
                                Range.between(open.range(), nt.range())));
                    }
                    close = recover(TokenType.CBRACK);
                    break;
                }
                read();
            }
            return new Expression.TupleCons(List.copyOf(exprs), Range.between(open.range(), close.range()),
                    open.range());
        } finally {
            includeNewlines.pop();
        }
    }

    private Expression objectCons(Diagnostics diags) {
        Token open = read();
        includeNewlines.push(false);
        boolean isFor = isKeyword(peek(), "for");
        includeNewlines.pop();
        if (isFor) {
            return finishFor(open, diags);
        }
        includeNewlines.push(true);
        try {
            List<Expression.ObjectItem> items = new ArrayList<>();
            Token close;
            while (true) {
                Token nt = peek();
                if (nt.type() == TokenType.NEWLINE) {
                    read();
                    continue;
                }
                if (nt.type() == TokenType.CBRACE) {
                    close = read();
                    break;
                }
                boolean forceNonLiteral = nt.type() == TokenType.OPAREN;
                Diagnostics keyDiags = new Diagnostics();
                Expression key = expression(keyDiags);
                diags.addAll(keyDiags);
                if (recovery && keyDiags.hasErrors()) {
                    close = recover(TokenType.CBRACE);
                    break;
                }
                Expression.ObjectConsKey wrappedKey = new Expression.ObjectConsKey(key, forceNonLiteral);
                nt = peek();
                if (nt.type() != TokenType.EQUAL && nt.type() != TokenType.COLON) {
                    if (!recovery) {
                        Range ctx = Range.between(open.range(), nt.range());
                        if (nt.type() == TokenType.NEWLINE || nt.type() == TokenType.COMMA) {
                            diags.add(Diagnostic.error("Missing attribute value",
                                    "Expected an attribute value, introduced by an equals sign (\"=\").", nt.range(),
                                    ctx));
                        } else if (nt.type() == TokenType.IDENT) {
                            diags.add(Diagnostic.error("Missing key/value separator",
                                    "Expected an equals sign (\"=\") to mark the beginning of the attribute value. If"
                                            + " you intended to given an attribute name containing periods or spaces,"
                                            + " write the name in quotes to create a string literal.", nt.range(),
                                    ctx));
                        } else {
                            diags.add(Diagnostic.error("Missing key/value separator",
                                    "Expected an equals sign (\"=\") to mark the beginning of the attribute value.",
                                    nt.range(), ctx));
                        }
                    }
                    close = recover(TokenType.CBRACE);
                    break;
                }
                read();
                Diagnostics valueDiags = new Diagnostics();
                Expression value = expression(valueDiags);
                diags.addAll(valueDiags);
                if (recovery && valueDiags.hasErrors()) {
                    close = recover(TokenType.CBRACE);
                    break;
                }
                items.add(new Expression.ObjectItem(wrappedKey, value));
                nt = peek();
                if (nt.type() == TokenType.CBRACE) {
                    close = read();
                    break;
                }
                if (nt.type() != TokenType.COMMA && nt.type() != TokenType.NEWLINE) {
                    if (!recovery) {
                        diags.add(Diagnostic.error("Missing attribute separator",
                                "Expected a newline or comma to mark the beginning of the next attribute.",
                                nt.range(), Range.between(open.range(), nt.range())));
                    }
                    close = recover(TokenType.CBRACE);
                    break;
                }
                read();
            }
            return new Expression.ObjectCons(List.copyOf(items), Range.between(open.range(), close.range()),
                    open.range());
        } finally {
            includeNewlines.pop();
        }
    }

    private Expression forError(Token open, TokenType closeType, String detail, Diagnostics diags) {
        if (!recovery) {
            diags.add(Diagnostic.error("Invalid 'for' expression", detail, peek().range(),
                    Range.between(open.range(), peek().range())));
        }
        Token close = recover(closeType);
        return new Expression.Literal(Value.unknown(Type.DYNAMIC), Range.between(open.range(), close.range()));
    }

    private Expression finishFor(Token open, Diagnostics diags) {
        includeNewlines.push(false);
        try {
            read(); // "for"
            boolean makeObj = open.type() == TokenType.OBRACE;
            TokenType closeType = makeObj ? TokenType.CBRACE : TokenType.CBRACK;
            String keyName = null;
            if (peek().type() != TokenType.IDENT) {
                return forError(open, closeType, "For expression requires variable name after 'for'.", diags);
            }
            String valName = read().text();
            if (peek().type() == TokenType.COMMA) {
                keyName = valName;
                read();
                if (peek().type() != TokenType.IDENT) {
                    return forError(open, closeType, "For expression requires value variable name after comma.",
                            diags);
                }
                valName = read().text();
            }
            if (!isKeyword(peek(), "in")) {
                return forError(open, closeType,
                        "For expression requires the 'in' keyword after its name declarations.", diags);
            }
            read();
            Diagnostics collDiags = new Diagnostics();
            Expression coll = expression(collDiags);
            diags.addAll(collDiags);
            if (recovery && collDiags.hasErrors()) {
                Token close = recover(closeType);
                return new Expression.Literal(Value.unknown(Type.DYNAMIC), Range.between(open.range(), close.range()));
            }
            if (peek().type() != TokenType.COLON) {
                return forError(open, closeType, "For expression requires a colon after the collection expression.",
                        diags);
            }
            read();
            Expression keyExpr = null;
            Diagnostics keyDiags = new Diagnostics();
            Diagnostics valDiags = new Diagnostics();
            Expression valExpr = expression(valDiags);
            if (peek().type() == TokenType.FAT_ARROW) {
                read();
                keyExpr = valExpr;
                keyDiags = valDiags;
                valDiags = new Diagnostics();
                valExpr = expression(valDiags);
            }
            diags.addAll(keyDiags);
            diags.addAll(valDiags);
            if (recovery && (keyDiags.hasErrors() || valDiags.hasErrors())) {
                Token close = recover(closeType);
                return new Expression.Literal(Value.unknown(Type.DYNAMIC), Range.between(open.range(), close.range()));
            }
            boolean group = false;
            Token ellipsis = null;
            if (peek().type() == TokenType.ELLIPSIS) {
                ellipsis = read();
                group = true;
            }
            Expression condExpr = null;
            if (isKeyword(peek(), "if")) {
                read();
                Diagnostics condDiags = new Diagnostics();
                condExpr = expression(condDiags);
                diags.addAll(condDiags);
                if (recovery && condDiags.hasErrors()) {
                    Token close = recover(closeType);
                    return new Expression.Literal(Value.unknown(Type.DYNAMIC),
                            Range.between(open.range(), close.range()));
                }
            }
            Token close;
            if (peek().type() == closeType) {
                close = read();
            } else {
                if (!recovery) {
                    diags.add(Diagnostic.error("Invalid 'for' expression",
                            "Extra characters after the end of the 'for' expression.", peek().range(),
                            Range.between(open.range(), peek().range())));
                }
                close = recover(closeType);
            }
            Range whole = Range.between(open.range(), close.range());
            if (!makeObj) {
                if (keyExpr != null) {
                    diags.add(Diagnostic.error("Invalid 'for' expression",
                            "Key expression is not valid when building a tuple.", keyExpr.range(), whole));
                }
                if (group) {
                    diags.add(Diagnostic.error("Invalid 'for' expression",
                            "Grouping ellipsis (...) cannot be used when building a tuple.", ellipsis.range(), whole));
                }
            } else if (keyExpr == null) {
                diags.add(Diagnostic.error("Invalid 'for' expression",
                        "Key expression is required when building an object.", valExpr.range(), whole));
            }
            return new Expression.ForExpr(keyName, valName, coll, keyExpr, valExpr, condExpr, group, whole,
                    open.range(), close.range());
        } finally {
            includeNewlines.pop();
        }
    }

    /** Reads a quoted string that may not hold template sequences (block labels); returns its range. */
    private Range quotedStringLiteral(StringBuilder out, Diagnostics diags) {
        Token oQuote = read();
        Token cQuote = oQuote;
        loop:
        while (true) {
            Token tok = read();
            switch (tok.type()) {
                case CQUOTE -> {
                    cQuote = tok;
                    break loop;
                }
                case QUOTED_LIT -> out.append(StringLiterals.unescape(tok, true, diags));
                case TEMPLATE_CONTROL, TEMPLATE_INTERP -> {
                    String which = tok.type() == TokenType.TEMPLATE_CONTROL ? "%" : "$";
                    diags.add(Diagnostic.error("Invalid string literal", String.format(
                            "Template sequences are not allowed in this string. To include a literal \"%s\", double"
                                    + " it (as \"%s%s\") to escape it.", which, which, which), tok.range(),
                            Range.between(oQuote.range(), tok.range())));
                    out.append(which).append("{ ... }");
                    recover(TokenType.TEMPLATE_SEQ_END);
                }
                case EOF -> {
                    diags.add(Diagnostic.error("Unterminated string literal",
                            "Unable to find the closing quote mark before the end of the file.", tok.range(),
                            Range.between(oQuote.range(), tok.range())));
                    cQuote = tok;
                    break loop;
                }
                default -> {
                    diags.add(Diagnostic.error("Invalid string literal", "This item is not valid in a string literal.",
                            tok.range(), Range.between(oQuote.range(), tok.range())));
                    recover(TokenType.CQUOTE);
                    break loop;
                }
            }
        }
        return Range.between(oQuote.range(), cQuote.range());
    }

    // ---- templates ------------------------------------------------------------------------------------------

    private record TemplateResult(List<Expression> exprs, boolean passthrough, Range range) {}

    private TemplateResult templateInner(TokenType end, boolean flushHeredoc, Diagnostics diags) {
        TemplateParts parts = templateParts(end, diags);
        if (flushHeredoc) {
            parts.flushHeredoc();
        }
        List<Expression> exprs = new TemplateParser(parts.items).parseRoot(diags);
        boolean passthrough = parts.items.size() == 2 && parts.items.get(0) instanceof TemplateParts.Interp;
        return new TemplateResult(exprs, passthrough, parts.range);
    }

    private TemplateParts templateParts(TokenType end, Diagnostics diags) {
        List<TemplateParts.Item> parts = new ArrayList<>();
        Range startRange = nextRange();
        boolean ltrimNext = false;
        boolean nextCanTrimPrev = false;
        Range endRange;
        loop:
        while (true) {
            Token nt = read();
            if (nt.type() == end) {
                endRange = nt.range();
                break;
            }
            boolean ltrim = ltrimNext;
            ltrimNext = false;
            boolean canTrimPrev = nextCanTrimPrev;
            nextCanTrimPrev = false;
            switch (nt.type()) {
                case STRING_LIT, QUOTED_LIT -> {
                    String s = StringLiterals.unescape(nt, nt.type() == TokenType.QUOTED_LIT, diags);
                    if (ltrim) {
                        s = StringLiterals.trimLeftSpace(s);
                    }
                    parts.add(new TemplateParts.Literal(s, nt.range()));
                    nextCanTrimPrev = true;
                }
                case TEMPLATE_INTERP -> {
                    trimPrevious(parts, canTrimPrev, nt);
                    includeNewlines.push(false);
                    Expression expr = expression(diags);
                    Token close = peek();
                    if (close.type() != TokenType.TEMPLATE_SEQ_END) {
                        if (!recovery) {
                            diags.add(Diagnostic.error("Extra characters after interpolation expression",
                                    "Expected a closing brace to end the interpolation expression, but found extra"
                                            + " characters.", close.range(), Range.between(startRange, close.range())));
                        }
                        recover(TokenType.TEMPLATE_SEQ_END);
                    } else {
                        read();
                        if (close.text().length() == 2 && close.text().charAt(0) == '~') {
                            ltrimNext = true;
                        }
                    }
                    includeNewlines.pop();
                    parts.add(new TemplateParts.Interp(expr, Range.between(nt.range(), close.range())));
                }
                case TEMPLATE_CONTROL -> {
                    trimPrevious(parts, canTrimPrev, nt);
                    includeNewlines.push(false);
                    Token kw = peek();
                    if (kw.type() != TokenType.IDENT) {
                        if (!recovery) {
                            diags.add(Diagnostic.error("Invalid template directive",
                                    "A template directive keyword (\"if\", \"for\", etc) is expected at the beginning"
                                            + " of a %{ sequence.", kw.range(), Range.between(nt.range(), kw.range())));
                        }
                        recover(TokenType.TEMPLATE_SEQ_END);
                        includeNewlines.pop();
                        continue loop;
                    }
                    read();
                    if (!directive(nt, kw, parts, diags)) {
                        recover(TokenType.TEMPLATE_SEQ_END);
                        includeNewlines.pop();
                        continue loop;
                    }
                    Token close = peek();
                    if (close.type() != TokenType.TEMPLATE_SEQ_END) {
                        if (!recovery) {
                            diags.add(Diagnostic.error("Extra characters in " + kw.text() + " marker",
                                    "Expected a closing brace to end the sequence, but found extra characters.",
                                    close.range(), Range.between(startRange, close.range())));
                        }
                        recover(TokenType.TEMPLATE_SEQ_END);
                    } else {
                        read();
                        if (close.text().length() == 2 && close.text().charAt(0) == '~') {
                            ltrimNext = true;
                        }
                    }
                    includeNewlines.pop();
                }
                default -> {
                    if (!recovery) {
                        diags.add(Diagnostic.error("Unterminated template string",
                                "No closing marker was found for the string.", nt.range(),
                                Range.between(startRange, nt.range())));
                    }
                    Token fin = recover(end);
                    endRange = fin.range();
                    break loop;
                }
            }
        }
        if (parts.isEmpty()) {
            parts.add(new TemplateParts.Literal("", startRange.endRange()));
        }
        parts.add(new TemplateParts.End(endRange));
        return new TemplateParts(parts, Range.between(startRange, endRange));
    }

    private static void trimPrevious(List<TemplateParts.Item> parts, boolean canTrimPrev, Token opener) {
        if (canTrimPrev && opener.text().length() == 3 && opener.text().charAt(2) == '~' && !parts.isEmpty()
                && parts.get(parts.size() - 1) instanceof TemplateParts.Literal lit) {
            lit.value = StringLiterals.trimRightSpace(lit.value);
        }
    }

    /** Parses the rest of a {@code %{ keyword ... }} directive; false when the caller must recover. */
    private boolean directive(Token open, Token kw, List<TemplateParts.Item> parts, Diagnostics diags) {
        switch (kw.text()) {
            case "if" -> {
                Expression cond = expression(diags);
                parts.add(new TemplateParts.If(cond, Range.between(open.range(), nextRange())));
            }
            case "else" -> parts.add(new TemplateParts.EndCtrl("else", Range.between(open.range(), nextRange())));
            case "endif" -> parts.add(new TemplateParts.EndCtrl("endif", Range.between(open.range(), nextRange())));
            case "endfor" -> parts.add(new TemplateParts.EndCtrl("endfor", Range.between(open.range(), nextRange())));
            case "for" -> {
                String keyName = null;
                if (peek().type() != TokenType.IDENT) {
                    if (!recovery) {
                        diags.error("Invalid 'for' directive", "For directive requires variable name after 'for'.",
                                peek().range());
                    }
                    return false;
                }
                String valName = read().text();
                if (peek().type() == TokenType.COMMA) {
                    keyName = valName;
                    read();
                    if (peek().type() != TokenType.IDENT) {
                        if (!recovery) {
                            diags.error("Invalid 'for' directive",
                                    "For directive requires value variable name after comma.", peek().range());
                        }
                        return false;
                    }
                    valName = read().text();
                }
                if (!isKeyword(peek(), "in")) {
                    if (!recovery) {
                        diags.error("Invalid 'for' directive", "For directive requires 'in' keyword after names.",
                                peek().range());
                    }
                    return false;
                }
                read();
                Expression coll = expression(diags);
                parts.add(new TemplateParts.For(keyName, valName, coll, Range.between(open.range(), nextRange())));
            }
            default -> {
                if (!recovery) {
                    String suggestion = Suggestions.nameSuggestion(kw.text(),
                            List.of("if", "for", "else", "endif", "endfor"));
                    String hint = suggestion == null ? "" : " Did you mean \"" + suggestion + "\"?";
                    diags.add(Diagnostic.error("Invalid template control keyword",
                            "\"" + kw.text() + "\" is not a valid template control keyword." + hint, kw.range(),
                            Range.between(open.range(), kw.range())));
                }
                return false;
            }
        }
        return true;
    }

    // ---- recovery -------------------------------------------------------------------------------------------

    private static TokenType opposite(TokenType t) {
        return switch (t) {
            case OBRACE -> TokenType.CBRACE;
            case OBRACK -> TokenType.CBRACK;
            case OPAREN -> TokenType.CPAREN;
            case OQUOTE -> TokenType.CQUOTE;
            case OHEREDOC -> TokenType.CHEREDOC;
            case CBRACE -> TokenType.OBRACE;
            case CBRACK -> TokenType.OBRACK;
            case CPAREN -> TokenType.OPAREN;
            case CQUOTE -> TokenType.OQUOTE;
            case CHEREDOC -> TokenType.OHEREDOC;
            case TEMPLATE_CONTROL, TEMPLATE_INTERP -> TokenType.TEMPLATE_SEQ_END;
            case TEMPLATE_SEQ_END -> TokenType.TEMPLATE_INTERP;
            default -> null;
        };
    }

    /** Skips to just after the {@code end} token that closes the current bracket, counting nested pairs. */
    private Token recover(TokenType end) {
        TokenType start = opposite(end);
        recovery = true;
        int nest = 0;
        while (true) {
            Token tok = read();
            TokenType ty = tok.type();
            if (end == TokenType.TEMPLATE_SEQ_END && ty == TokenType.TEMPLATE_CONTROL) {
                ty = TokenType.TEMPLATE_INTERP;
            }
            if (ty == start && start != null) {
                nest++;
            } else if (ty == end) {
                if (nest < 1) {
                    return tok;
                }
                nest--;
            } else if (ty == TokenType.EOF) {
                return tok;
            }
        }
    }

    private void recoverAfterBodyItem() {
        recovery = true;
        Deque<TokenType> open = new ArrayDeque<>();
        while (true) {
            Token tok = read();
            switch (tok.type()) {
                case NEWLINE:
                    if (open.isEmpty()) {
                        return;
                    }
                    break;
                case EOF:
                    return;
                case OBRACE, OBRACK, OPAREN, OQUOTE, OHEREDOC, TEMPLATE_INTERP, TEMPLATE_CONTROL:
                    open.push(tok.type());
                    break;
                case CBRACE, CBRACK, CPAREN, CQUOTE, CHEREDOC: {
                    TokenType opener = opposite(tok.type());
                    while (!open.isEmpty() && open.peek() != opener) {
                        open.pop();
                    }
                    if (!open.isEmpty()) {
                        open.pop();
                    }
                    break;
                }
                case TEMPLATE_SEQ_END:
                    while (!open.isEmpty() && open.peek() != TokenType.TEMPLATE_INTERP
                            && open.peek() != TokenType.TEMPLATE_CONTROL) {
                        open.pop();
                    }
                    if (!open.isEmpty()) {
                        open.pop();
                    }
                    break;
                default:
                    break;
            }
        }
    }

    // ---- lexical checks -------------------------------------------------------------------------------------

    /** Reports the tokens the scanner accepted but the language does not use, as hclsyntax does before parsing. */
    static void checkInvalidTokens(List<Token> tokens, Diagnostics diags) {
        int toldBitwise = 0;
        int toldBacktick = 0;
        int toldApostrophe = 0;
        int toldSemicolon = 0;
        int toldBadUtf8 = 0;
        for (Token tok : tokens) {
            switch (tok.type()) {
                case BITWISE_AND, BITWISE_OR, BITWISE_XOR, BITWISE_NOT -> {
                    if (toldBitwise < 4) {
                        String suggestion = switch (tok.type()) {
                            case BITWISE_AND -> " Did you mean boolean AND (\"&&\")?";
                            case BITWISE_OR -> " Did you mean boolean OR (\"&&\")?";
                            case BITWISE_NOT -> " Did you mean boolean NOT (\"!\")?";
                            default -> "";
                        };
                        diags.error("Unsupported operator", "Bitwise operators are not supported." + suggestion,
                                tok.range());
                        toldBitwise++;
                    }
                }
                case BACKTICK -> {
                    if (toldBacktick % 2 == 0) {
                        diags.error("Invalid character", "The \"`\" character is not valid. To create a multi-line"
                                + " string, use the \"heredoc\" syntax, like \"<<EOT\".", tok.range());
                    }
                    if (toldBacktick <= 2) {
                        toldBacktick++;
                    }
                }
                case APOSTROPHE -> {
                    if (toldApostrophe % 2 == 0) {
                        diags.error("Invalid character",
                                "Single quotes are not valid. Use double quotes (\") to enclose strings.",
                                tok.range());
                    }
                    if (toldApostrophe <= 2) {
                        toldApostrophe++;
                    }
                }
                case SEMICOLON -> {
                    if (toldSemicolon < 1) {
                        diags.error("Invalid character", "The \";\" character is not valid. Use newlines to separate"
                                + " arguments and blocks, and commas to separate items in collection values.",
                                tok.range());
                        toldSemicolon++;
                    }
                }
                case BAD_UTF8 -> {
                    if (toldBadUtf8 < 1) {
                        diags.error("Invalid character encoding", "All input files must be UTF-8 encoded. Ensure that"
                                + " UTF-8 encoding is selected in your editor.", tok.range());
                        toldBadUtf8++;
                    }
                }
                case QUOTED_NEWLINE -> diags.error("Invalid multi-line string", "Quoted strings may not be split over"
                        + " multiple lines. To produce a multi-line string, either use the \\n escape to represent a"
                        + " newline character or use the \"heredoc\" multi-line template syntax.", tok.range());
                case INVALID -> diags.error("Invalid character", "This character is not used within the language.",
                        tok.range());
                default -> {
                }
            }
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
