package io.jenkins.plugins.packer.hcl.ast;

import io.jenkins.plugins.packer.hcl.Range;
import io.jenkins.plugins.packer.hcl.json.JsonValue;
import io.jenkins.plugins.packer.value.Operator;
import io.jenkins.plugins.packer.value.Value;
import java.util.List;

/**
 * An expression of HCL's native syntax, one node type per syntactic form as in hclsyntax, or a value of its JSON
 * syntax. Each node carries the source ranges its diagnostics need. Nodes are immutable.
 */
public sealed interface Expression {

    /** The whole source text of the expression. */
    Range range();

    /** Where the expression starts, for messages that point at its beginning. */
    default Range startRange() {
        return range();
    }

    /** A constant: number, bool, null, or a literal string part of a template. */
    record Literal(Value value, Range range) implements Expression {}

    /** A reference from a root name: {@code var.x}, {@code local.y[0]}, {@code foo}. */
    record ScopeTraversal(List<Traverser> traversal, Range range) implements Expression {

        public String rootName() {
            return ((Traverser.Root) traversal.get(0)).name();
        }

        public ScopeTraversal then(Traverser next, Range rng) {
            return new ScopeTraversal(append(traversal, next), Range.between(range, rng));
        }
    }

    /** Steps applied to the result of another expression: {@code f(x).a[1]}. */
    record RelativeTraversal(Expression source, List<Traverser> traversal, Range range) implements Expression {

        public RelativeTraversal then(Traverser next, Range rng) {
            return new RelativeTraversal(source, append(traversal, next), Range.between(range, rng));
        }
    }

    record FunctionCall(String name, List<Expression> args, boolean expandFinal, Range nameRange,
                        Range openParenRange, Range closeParenRange) implements Expression {
        @Override
        public Range range() {
            return Range.between(nameRange, closeParenRange);
        }

        @Override
        public Range startRange() {
            return Range.between(nameRange, openParenRange);
        }
    }

    record Conditional(Expression condition, Expression trueResult, Expression falseResult, Range range)
            implements Expression {}

    record BinaryOp(Expression lhs, Operator op, Expression rhs, Range range) implements Expression {}

    record UnaryOp(Operator op, Expression operand, Range range, Range symbolRange) implements Expression {
        @Override
        public Range startRange() {
            return symbolRange;
        }
    }

    record TupleCons(List<Expression> exprs, Range range, Range openRange) implements Expression {
        @Override
        public Range startRange() {
            return openRange;
        }
    }

    record ObjectCons(List<ObjectItem> items, Range range, Range openRange) implements Expression {
        @Override
        public Range startRange() {
            return openRange;
        }
    }

    record ObjectItem(ObjectConsKey key, Expression value) {}

    /** An object key: a bare identifier means the literal name unless it was wrapped in parentheses. */
    record ObjectConsKey(Expression wrapped, boolean forceNonLiteral) implements Expression {
        @Override
        public Range range() {
            return wrapped.range();
        }

        /** The literal name when the key is a bare identifier that is taken literally, else null. */
        public String literalName() {
            if (forceNonLiteral || !(wrapped instanceof ScopeTraversal st) || st.traversal().size() != 1) {
                return null;
            }
            return st.rootName();
        }
    }

    /** A quoted or heredoc string with interpolations and directives, joined into one string. */
    record Template(List<Expression> parts, Range range) implements Expression {

        public boolean isStringLiteral() {
            return parts.size() == 1 && parts.get(0) instanceof Literal;
        }
    }

    /** A template that is exactly one interpolation: yields the wrapped value as it is, not as a string. */
    record TemplateWrap(Expression wrapped, Range range) implements Expression {}

    /** A {@code %{for}} directive: its tuple of strings is joined. */
    record TemplateJoin(ForExpr tuple) implements Expression {
        @Override
        public Range range() {
            return tuple.range();
        }
    }

    record ForExpr(String keyVar, String valVar, Expression collExpr, Expression keyExpr, Expression valExpr,
                   Expression condExpr, boolean group, Range range, Range openRange, Range closeRange)
            implements Expression {
        @Override
        public Range startRange() {
            return openRange;
        }
    }

    record Index(Expression collection, Expression key, Range range, Range openRange, Range bracketRange)
            implements Expression {}

    record Splat(Expression source, Expression each, AnonSymbol item, Range range, Range markerRange)
            implements Expression {}

    /**
     * An expression inside a block that a {@code dynamic} block generated: it sees the iterator variables of that
     * iteration (and of the iterations around it) besides its usual scope.
     */
    record Iterated(Expression wrapped, java.util.Map<String, Value> iterators) implements Expression {
        @Override
        public Range range() {
            return wrapped.range();
        }

        @Override
        public Range startRange() {
            return wrapped.startRange();
        }
    }

    /** The placeholder a splat's {@code each} expression is evaluated against, once per element. */
    record AnonSymbol(Range range) implements Expression {}

    /**
     * A value written in HCL's JSON syntax. Its strings are templates when evaluated with a context and literal text
     * without one; so are its object keys.
     */
    record Json(JsonValue value) implements Expression {
        @Override
        public Range range() {
            return value.range();
        }

        @Override
        public Range startRange() {
            return value.startRange();
        }
    }

    private static List<Traverser> append(List<Traverser> list, Traverser next) {
        var copy = new java.util.ArrayList<>(list);
        copy.add(next);
        return List.copyOf(copy);
    }
}
