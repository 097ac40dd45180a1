package io.jenkins.plugins.packer.hcl;

import io.jenkins.plugins.packer.hcl.ast.Expression;
import io.jenkins.plugins.packer.hcl.ast.Traverser;
import io.jenkins.plugins.packer.hcl.json.JsonExpressions;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The variables an expression refers to (for dependency ordering and for the "with x as …" lines of diagnostics),
 * and HCL's short rendering of values in those lines.
 */
public final class Variables {

    private Variables() {
    }

    /** Every absolute traversal in {@code expr}, in source order, without the names its for expressions bind. */
    public static List<List<Traverser>> of(Expression expr) {
        List<List<Traverser>> out = new ArrayList<>();
        walk(expr, Set.of(), out);
        return out;
    }

    private static void walk(Expression e, Set<String> locals, List<List<Traverser>> out) {
        if (e == null) {
            return;
        }
        if (e instanceof Expression.ScopeTraversal st) {
            if (!locals.contains(st.rootName())) {
                out.add(st.traversal());
            }
        } else if (e instanceof Expression.RelativeTraversal rt) {
            walk(rt.source(), locals, out);
        } else if (e instanceof Expression.FunctionCall fc) {
            fc.args().forEach(a -> walk(a, locals, out));
        } else if (e instanceof Expression.Conditional c) {
            walk(c.condition(), locals, out);
            walk(c.trueResult(), locals, out);
            walk(c.falseResult(), locals, out);
        } else if (e instanceof Expression.BinaryOp b) {
            walk(b.lhs(), locals, out);
            walk(b.rhs(), locals, out);
        } else if (e instanceof Expression.UnaryOp u) {
            walk(u.operand(), locals, out);
        } else if (e instanceof Expression.TupleCons t) {
            t.exprs().forEach(x -> walk(x, locals, out));
        } else if (e instanceof Expression.ObjectCons o) {
            for (Expression.ObjectItem item : o.items()) {
                walk(item.key(), locals, out);
                walk(item.value(), locals, out);
            }
        } else if (e instanceof Expression.ObjectConsKey k) {
            if (Evaluator.keyword(k.wrapped()) == null || k.forceNonLiteral()) {
                walk(k.wrapped(), locals, out);
            }
        } else if (e instanceof Expression.Template t) {
            t.parts().forEach(x -> walk(x, locals, out));
        } else if (e instanceof Expression.TemplateWrap w) {
            walk(w.wrapped(), locals, out);
        } else if (e instanceof Expression.TemplateJoin j) {
            walk(j.tuple(), locals, out);
        } else if (e instanceof Expression.ForExpr f) {
            walk(f.collExpr(), locals, out);
            Set<String> inner = new java.util.HashSet<>(locals);
            if (f.keyVar() != null) {
                inner.add(f.keyVar());
            }
            inner.add(f.valVar());
            walk(f.keyExpr(), inner, out);
            walk(f.valExpr(), inner, out);
            walk(f.condExpr(), inner, out);
        } else if (e instanceof Expression.Index ix) {
            walk(ix.collection(), locals, out);
            walk(ix.key(), locals, out);
        } else if (e instanceof Expression.Iterated it) {
            Set<String> inner = new java.util.HashSet<>(locals);
            inner.addAll(it.iterators().keySet());
            walk(it.wrapped(), inner, out);
        } else if (e instanceof Expression.Splat s) {
            walk(s.source(), locals, out);
            walk(s.each(), locals, out);
        } else if (e instanceof Expression.Json j) {
            out.addAll(JsonExpressions.variables(j.value()));
        }
    }

    /** {@code var.list[0].name}, as HCL writes a traversal in messages. */
    public static String traversalString(List<Traverser> trav) {
        StringBuilder b = new StringBuilder();
        for (Traverser t : trav) {
            if (t instanceof Traverser.Root r) {
                b.append(r.name());
            } else if (t instanceof Traverser.Attr a) {
                b.append('.').append(a.name());
            } else if (t instanceof Traverser.Index ix) {
                b.append('[');
                b.append(ix.key().type().isPrimitive() ? valueString(ix.key()) : "...");
                b.append(']');
            }
        }
        return b.toString();
    }

    /** HCL's short description of a value in diagnostics. */
    public static String valueString(Value v) {
        Type ty = v.type();
        if (v.isMarked()) {
            return "(sensitive value)";
        }
        if (v.isNull()) {
            return "null";
        }
        if (!v.isKnown()) {
            return "(not yet known)";
        }
        if (ty.equals(Type.BOOL)) {
            return v.asBool() ? "true" : "false";
        }
        if (ty.equals(Type.NUMBER)) {
            if (v.isInfinite()) {
                return v.asDouble() > 0 ? "+Inf" : "-Inf";
            }
            return formatG(v.asBigDecimal(), 10);
        }
        if (ty.equals(Type.STRING)) {
            return StringLiterals.goQuote(v.asString());
        }
        if (ty.isCollection() || ty.isTuple()) {
            int l = v.length();
            if (l == 0) {
                return "empty " + ty.friendlyName();
            }
            if (l == 1) {
                return ty.friendlyName() + " with 1 element";
            }
            return ty.friendlyName() + " with " + l + " elements";
        }
        if (ty.isObject()) {
            var attrs = ((io.jenkins.plugins.packer.value.ObjectType) ty).attributes();
            if (attrs.isEmpty()) {
                return "object with no attributes";
            }
            if (attrs.size() == 1) {
                return "object with 1 attribute " + StringLiterals.goQuote(attrs.keySet().iterator().next());
            }
            return "object with " + attrs.size() + " attributes";
        }
        return ty.friendlyName();
    }

    /**
     * Go's {@code %g} of a big.Float: {@code precision} significant digits (-1 for the shortest exact form), no
     * trailing zeros, exponent form when the exponent is below -4 or at least the precision.
     */
    public static String formatG(BigDecimal d, int precision) {
        if (d.signum() == 0) {
            return "0";
        }
        BigDecimal r = precision > 0 ? d.round(new MathContext(precision, RoundingMode.HALF_EVEN)) : d;
        r = r.stripTrailingZeros();
        int digits = r.precision();
        int exp = digits - r.scale() - 1;
        int limit = precision > 0 ? precision : Math.max(digits, 21);
        if (exp < -4 || exp >= limit) {
            String unscaled = r.unscaledValue().abs().toString();
            StringBuilder b = new StringBuilder();
            if (r.signum() < 0) {
                b.append('-');
            }
            b.append(unscaled.charAt(0));
            if (unscaled.length() > 1) {
                b.append('.').append(unscaled, 1, unscaled.length());
            }
            b.append('e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) {
                b.append('0');
            }
            b.append(ae);
            return b.toString();
        }
        return r.toPlainString();
    }
}
