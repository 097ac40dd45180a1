package io.jenkins.plugins.packer.hcl;

import io.jenkins.plugins.packer.hcl.ast.Expression;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.util.ArrayList;
import java.util.List;

/** Nests a template's flat parts: {@code %{if}} becomes a conditional, {@code %{for}} a joined for expression. */
final class TemplateParser {

    private final List<TemplateParts.Item> items;
    private int pos;

    TemplateParser(List<TemplateParts.Item> items) {
        this.items = items;
    }

    private TemplateParts.Item peek() {
        return items.get(pos);
    }

    private TemplateParts.Item read() {
        TemplateParts.Item it = peek();
        if (!(it instanceof TemplateParts.End)) {
            pos++;
        }
        return it;
    }

    List<Expression> parseRoot(Diagnostics diags) {
        List<Expression> exprs = new ArrayList<>();
        while (!(peek() instanceof TemplateParts.End)) {
            exprs.add(parseExpr(diags));
        }
        return List.copyOf(exprs);
    }

    private static Expression placeholder(Range r) {
        return new Expression.Literal(Value.unknown(Type.DYNAMIC), r);
    }

    private Expression parseExpr(Diagnostics diags) {
        TemplateParts.Item it = peek();
        if (it instanceof TemplateParts.Literal lit) {
            read();
            return new Expression.Literal(Value.string(lit.value), lit.range);
        }
        if (it instanceof TemplateParts.Interp interp) {
            read();
            return interp.expr();
        }
        if (it instanceof TemplateParts.If) {
            return parseIf(diags);
        }
        if (it instanceof TemplateParts.For) {
            return parseFor(diags);
        }
        if (it instanceof TemplateParts.End end) {
            read();
            diags.error("Unexpected end of template", "The control directives within this template are unbalanced.",
                    end.range());
            return placeholder(end.range());
        }
        TemplateParts.EndCtrl ctrl = (TemplateParts.EndCtrl) it;
        read();
        diags.error("Unexpected " + ctrl.name() + " directive",
                "The control directives within this template are unbalanced.", ctrl.range());
        return placeholder(ctrl.range());
    }

    private Expression parseIf(Diagnostics diags) {
        TemplateParts.If open = (TemplateParts.If) read();
        List<Expression> ifExprs = new ArrayList<>();
        List<Expression> elseExprs = new ArrayList<>();
        List<Expression> current = ifExprs;
        Range endifRange;
        while (true) {
            TemplateParts.Item it = peek();
            if (it instanceof TemplateParts.End end) {
                diags.error("Unexpected end of template", String.format(
                        "The if directive at %s is missing its corresponding endif directive.",
                        Parser.rangeString(open.range())), end.range());
                return placeholder(end.range());
            }
            if (it instanceof TemplateParts.EndCtrl ctrl) {
                read();
                if (ctrl.name().equals("else")) {
                    if (current == ifExprs) {
                        current = elseExprs;
                        continue;
                    }
                    diags.error("Unexpected else directive", String.format(
                            "Already in the else clause for the if started at %s.", Parser.rangeString(open.range())),
                            ctrl.range());
                } else if (ctrl.name().equals("endif")) {
                    endifRange = ctrl.range();
                    break;
                } else {
                    diags.error("Unexpected " + ctrl.name() + " directive", String.format(
                            "Expecting an endif directive for the if started at %s.",
                            Parser.rangeString(open.range())), ctrl.range());
                }
                return placeholder(ctrl.range());
            }
            current.add(parseExpr(diags));
        }
        if (ifExprs.isEmpty()) {
            ifExprs.add(new Expression.Literal(Value.string(""), open.range().endRange()));
        }
        if (elseExprs.isEmpty()) {
            elseExprs.add(new Expression.Literal(Value.string(""), endifRange.startRange()));
        }
        Expression t = new Expression.Template(List.copyOf(ifExprs),
                Range.between(ifExprs.get(0).range(), ifExprs.get(ifExprs.size() - 1).range()));
        Expression f = new Expression.Template(List.copyOf(elseExprs),
                Range.between(elseExprs.get(0).range(), elseExprs.get(elseExprs.size() - 1).range()));
        return new Expression.Conditional(open.cond(), t, f, Range.between(open.range(), endifRange));
    }

    private Expression parseFor(Diagnostics diags) {
        TemplateParts.For open = (TemplateParts.For) read();
        List<Expression> content = new ArrayList<>();
        Range endforRange;
        while (true) {
            TemplateParts.Item it = peek();
            if (it instanceof TemplateParts.End end) {
                diags.error("Unexpected end of template", String.format(
                        "The for directive at %s is missing its corresponding endfor directive.",
                        Parser.rangeString(open.range())), end.range());
                return placeholder(end.range());
            }
            if (it instanceof TemplateParts.EndCtrl ctrl) {
                read();
                if (ctrl.name().equals("else")) {
                    diags.error("Unexpected else directive", "An else clause is not expected for a for directive.",
                            ctrl.range());
                } else if (ctrl.name().equals("endfor")) {
                    endforRange = ctrl.range();
                    break;
                } else {
                    diags.error("Unexpected " + ctrl.name() + " directive", String.format(
                            "Expecting an endfor directive corresponding to the for directive at %s.",
                            Parser.rangeString(open.range())), ctrl.range());
                }
                return placeholder(ctrl.range());
            }
            content.add(parseExpr(diags));
        }
        if (content.isEmpty()) {
            content.add(new Expression.Literal(Value.string(""), open.range().endRange()));
        }
        Expression body = new Expression.Template(List.copyOf(content),
                Range.between(content.get(0).range(), content.get(content.size() - 1).range()));
        Expression.ForExpr forExpr = new Expression.ForExpr(open.keyVar(), open.valVar(), open.coll(), null, body,
                null, false, Range.between(open.range(), endforRange), open.range(), endforRange);
        return new Expression.TemplateJoin(forExpr);
    }
}
