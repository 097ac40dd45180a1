package io.jenkins.plugins.packer.hcl;

import io.jenkins.plugins.packer.function.Function;
import io.jenkins.plugins.packer.function.FunctionException;
import io.jenkins.plugins.packer.function.Parameter;
import io.jenkins.plugins.packer.hcl.ast.Expression;
import io.jenkins.plugins.packer.hcl.ast.Traverser;
import io.jenkins.plugins.packer.hcl.json.JsonExpressions;
import io.jenkins.plugins.packer.value.ConversionException;
import io.jenkins.plugins.packer.value.Convert;
import io.jenkins.plugins.packer.value.EvaluationCancelled;
import io.jenkins.plugins.packer.value.Mark;
import io.jenkins.plugins.packer.value.OperationException;
import io.jenkins.plugins.packer.value.Operator;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import io.jenkins.plugins.packer.value.ValueException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates HCL expressions to values with hclsyntax's semantics and messages. Evaluation never throws for a user
 * mistake: each problem becomes a diagnostic and the failing part an unknown value, so siblings are still evaluated
 * and every problem is reported at once.
 */
public final class Evaluator {

    private Evaluator() {
    }

    public static Value evaluate(Expression e, EvalContext ctx, Diagnostics diags) {
        Diagnostics own = new Diagnostics();
        Value v = eval(e, ctx, own);
        diags.addAll(own);
        return v;
    }

    private static Value eval(Expression e, EvalContext ctx, Diagnostics diags) {
        // Every step of an evaluation passes here: a runaway expression stops soon after an interrupt.
        EvaluationCancelled.check();
        if (e instanceof Expression.Literal lit) {
            return lit.value();
        }
        if (e instanceof Expression.ScopeTraversal st) {
            Diagnostics d = new Diagnostics();
            Value v = Traversals.traverseAbs(st.traversal(), ctx, d);
            addWithValues(d, e, ctx, diags);
            return v;
        }
        if (e instanceof Expression.RelativeTraversal rt) {
            Value src = eval(rt.source(), ctx, diags);
            Diagnostics d = new Diagnostics();
            Value v = Traversals.traverseRel(src, rt.traversal(), d);
            addWithValues(d, e, ctx, diags);
            return v;
        }
        if (e instanceof Expression.FunctionCall fc) {
            return functionCall(fc, ctx, diags);
        }
        if (e instanceof Expression.Conditional c) {
            return conditional(c, ctx, diags);
        }
        if (e instanceof Expression.BinaryOp b) {
            return binaryOp(b, ctx, diags);
        }
        if (e instanceof Expression.UnaryOp u) {
            return unaryOp(u, ctx, diags);
        }
        if (e instanceof Expression.TupleCons t) {
            List<Value> vals = new ArrayList<>();
            for (Expression x : t.exprs()) {
                vals.add(eval(x, ctx, diags));
            }
            return Value.tuple(vals);
        }
        if (e instanceof Expression.ObjectCons o) {
            return objectCons(o, ctx, diags);
        }
        if (e instanceof Expression.ObjectConsKey k) {
            return objectKey(k, ctx, diags);
        }
        if (e instanceof Expression.Template t) {
            return template(t, ctx, diags);
        }
        if (e instanceof Expression.TemplateWrap w) {
            return eval(w.wrapped(), ctx, diags);
        }
        if (e instanceof Expression.TemplateJoin j) {
            return templateJoin(j, ctx, diags);
        }
        if (e instanceof Expression.ForExpr f) {
            return forExpr(f, ctx, diags);
        }
        if (e instanceof Expression.Index ix) {
            Value coll = eval(ix.collection(), ctx, diags);
            Value key = eval(ix.key(), ctx, diags);
            Diagnostics d = new Diagnostics();
            Value v = Traversals.index(coll, key, ix.bracketRange(), d);
            addWithValues(d, e, ctx, diags);
            return v;
        }
        if (e instanceof Expression.Splat s) {
            return splat(s, ctx, diags);
        }
        if (e instanceof Expression.Json j) {
            return JsonExpressions.value(j.value(), ctx, diags);
        }
        if (e instanceof Expression.Iterated it) {
            return eval(it.wrapped(), ctx == null ? new EvalContext(it.iterators(), null) : ctx.child(it.iterators()),
                    diags);
        }
        if (e instanceof Expression.AnonSymbol a) {
            for (EvalContext c = ctx; c != null; c = c.parent()) {
                Value v = c.anon(a);
                if (v != null) {
                    return v;
                }
            }
            return Value.DYNAMIC_UNKNOWN;
        }
        throw new IllegalStateException("unhandled expression " + e.getClass());
    }

    // ---- "with x as ..." --------------------------------------------------------------------------------------

    private static void addWithValues(Diagnostics from, Expression expr, EvalContext ctx, Diagnostics to) {
        for (Diagnostic d : from) {
            to.add(d.exprValues().isEmpty() ? withValues(d, expr, ctx) : d);
        }
    }

    /** Adds to a diagnostic the values of the variables {@code expr} refers to ("with var.x as ..."). */
    public static Diagnostic withValues(Diagnostic d, Expression expr, EvalContext ctx) {
        if (ctx == null || expr == null) {
            return d;
        }
        List<String> stmts = new ArrayList<>();
        for (List<Traverser> trav : Variables.of(expr)) {
            Diagnostics ignore = new Diagnostics();
            Value v = Traversals.traverseAbs(trav, ctx, ignore);
            if (ignore.hasErrors() || !v.isKnown()) {
                continue;
            }
            String name = Variables.traversalString(trav);
            String stmt = v.isNull() ? name + " set to null" : name + " as " + Variables.valueString(v);
            if (!stmts.contains(stmt)) {
                stmts.add(stmt);
            }
        }
        stmts.sort(null);
        return d.withExprValues(stmts);
    }

    private static Diagnostic diag(String summary, String detail, Range subject, Range context, Expression expr,
                                   EvalContext ctx) {
        return withValues(Diagnostic.error(summary, detail, subject, context), expr, ctx);
    }

    // ---- functions --------------------------------------------------------------------------------------------

    private static Value functionCall(Expression.FunctionCall e, EvalContext ctx, Diagnostics diags) {
        Function f = null;
        // Suggestions come from the nearest scope that has functions: the current one may hold only variables.
        Map<String, Function> nearest = null;
        for (EvalContext c = ctx; c != null; c = c.parent()) {
            if (c.functions() == null) {
                continue;
            }
            if (nearest == null) {
                nearest = c.functions();
            }
            f = c.functions().get(e.name());
            if (f != null) {
                break;
            }
        }
        if (f == null) {
            if (nearest == null) {
                diags.add(diag("Function calls not allowed", "Functions may not be called here.", e.range(), null, e,
                        ctx));
                return Value.DYNAMIC_UNKNOWN;
            }
            List<String> names = new ArrayList<>(nearest.keySet());
            String suggestion = Suggestions.nameSuggestion(e.name(), names);
            String hint = suggestion == null ? "" : " Did you mean \"" + suggestion + "\"?";
            diags.add(diag("Call to unknown function", "There is no function named " + StringLiterals.goQuote(e.name())
                    + "." + hint, e.nameRange(), e.range(), e, ctx));
            return Value.DYNAMIC_UNKNOWN;
        }
        List<Parameter> params = f.params();
        Parameter varParam = f.varParam();
        List<Expression> args = e.args();
        List<Value> expanded = null;
        if (e.expandFinal()) {
            Expression expandExpr = args.get(args.size() - 1);
            Diagnostics expandDiags = new Diagnostics();
            Value ev = eval(expandExpr, ctx, expandDiags);
            diags.addAll(expandDiags);
            if (expandDiags.hasErrors()) {
                return Value.DYNAMIC_UNKNOWN;
            }
            Type t = ev.type();
            if (t.isDynamic() || t.isTuple() || t.isList() || t.isSet()) {
                if (ev.isNull()) {
                    diags.add(diag("Invalid expanding argument value",
                            "The expanding argument (indicated by ...) must not be null.", expandExpr.range(),
                            e.range(), expandExpr, ctx));
                    return Value.DYNAMIC_UNKNOWN;
                }
                if (t.isDynamic() || !ev.isKnown()) {
                    return Value.DYNAMIC_UNKNOWN;
                }
                expanded = new ArrayList<>();
                List<Expression> newArgs = new ArrayList<>(args.subList(0, args.size() - 1));
                for (Value el : ev.elements()) {
                    newArgs.add(new Expression.Literal(el, expandExpr.range()));
                }
                args = newArgs;
            } else {
                diags.add(diag("Invalid expanding argument value",
                        "The expanding argument (indicated by ...) must be of a tuple, list, or set type.",
                        expandExpr.range(), e.range(), expandExpr, ctx));
                return Value.DYNAMIC_UNKNOWN;
            }
        }
        if (args.size() < params.size()) {
            Parameter missing = params.get(args.size());
            String qual = varParam != null ? " at least" : "";
            diags.add(diag("Not enough function arguments", String.format(
                    "Function %s expects%s %d argument(s). Missing value for %s.", StringLiterals.goQuote(e.name()),
                    qual, params.size(), StringLiterals.goQuote(missing.name())), e.closeParenRange(), e.range(), e,
                    ctx));
            return Value.DYNAMIC_UNKNOWN;
        }
        if (varParam == null && args.size() > params.size()) {
            diags.add(diag("Too many function arguments", String.format("Function %s expects only %d argument(s).",
                    StringLiterals.goQuote(e.name()), params.size()), args.get(params.size()).startRange(),
                    e.range(), e, ctx));
            return Value.DYNAMIC_UNKNOWN;
        }
        if (f instanceof ExpressionFunction xf) {
            try {
                return xf.call(e, args, ctx, diags);
            } catch (FunctionException ex) {
                List<Value> vals = new ArrayList<>(args.size());
                args.forEach(a -> vals.add(eval(a, ctx, new Diagnostics())));
                return functionFailure(e, args, params, varParam, ex, vals, ctx, diags);
            } catch (EvaluationCancelled ex) {
                throw ex;
            } catch (RuntimeException ex) {
                return internalFailure(e, ex, List.of(), ctx, diags);
            }
        }
        Diagnostics argDiags = new Diagnostics();
        List<Value> argVals = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            Parameter p = i < params.size() ? params.get(i) : varParam;
            Expression argExpr = args.get(i);
            Value v = eval(argExpr, ctx, argDiags);
            try {
                v = Convert.convert(v, p.type());
            } catch (ConversionException ex) {
                argDiags.add(diag("Invalid function argument", String.format("Invalid value for %s parameter: %s.",
                        StringLiterals.goQuote(p.name()), ex.getMessage()), argExpr.startRange(), e.range(), argExpr,
                        ctx));
            }
            argVals.add(v);
        }
        diags.addAll(argDiags);
        if (argDiags.hasErrors()) {
            return Value.DYNAMIC_UNKNOWN;
        }
        try {
            return f.call(argVals);
        } catch (FunctionException ex) {
            return functionFailure(e, args, params, varParam, ex, argVals, ctx, diags);
        } catch (ValueException ex) {
            diags.add(diag("Error in function call", String.format("Call to function %s failed: %s.",
                    StringLiterals.goQuote(e.name()), withoutSecrets(ex.getMessage(), argVals)), e.startRange(),
                    e.range(), e, ctx));
            return Value.DYNAMIC_UNKNOWN;
        } catch (EvaluationCancelled ex) {
            throw ex;
        } catch (RuntimeException ex) {
            return internalFailure(e, ex, argVals, ctx, diags);
        }
    }

    /**
     * A function that failed in a way it does not foresee (a defect): still an error at the call, saying that it is
     * an internal one, as cty turns a panic in a function into the call's error.
     */
    private static Value internalFailure(Expression.FunctionCall e, RuntimeException ex, List<Value> argVals,
                                         EvalContext ctx, Diagnostics diags) {
        diags.add(diag("Error in function call", String.format("Call to function %s failed: internal error in pkrj,"
                + " please report it: %s.", StringLiterals.goQuote(e.name()), withoutSecrets(ex.toString(), argVals)),
                e.startRange(), e.range(), e, ctx));
        return Value.DYNAMIC_UNKNOWN;
    }

    /**
     * A function's error message with the text of every sensitive argument (or sensitive part of one) replaced by
     * {@code <sensitive>}: the message quotes what it could not use ({@code time: invalid duration "…"}), and a
     * secret must not reach the output through it. Packer shows the same, its output being masked as a whole.
     */
    public static String withoutSecrets(String message, List<Value> args) {
        java.util.Set<String> secrets = new java.util.TreeSet<>(
                java.util.Comparator.comparingInt(String::length).reversed().thenComparing(x -> x));
        for (Value v : args) {
            sensitiveTexts(v, false, secrets);
        }
        String out = message;
        for (String secret : secrets) {
            out = out.replace(secret, "<sensitive>");
        }
        return out;
    }

    private static void sensitiveTexts(Value v, boolean inherited, java.util.Set<String> into) {
        boolean sensitive = inherited || v.hasMark(Mark.SENSITIVE);
        if (!v.isKnown() || v.isNull()) {
            return;
        }
        Type t = v.type();
        if (t.equals(Type.STRING)) {
            if (sensitive && !v.asString().isEmpty()) {
                into.add(v.asString());
            }
        } else if (t.equals(Type.NUMBER)) {
            if (sensitive) {
                into.add(v.asBigDecimal().toPlainString());
            }
        } else if (t.isList() || t.isSet() || t.isTuple()) {
            v.elements().forEach(el -> sensitiveTexts(el, sensitive, into));
        } else if (t.isMap() || t.isObject()) {
            v.entries().values().forEach(el -> sensitiveTexts(el, sensitive, into));
        }
    }

    private static Value functionFailure(Expression.FunctionCall e, List<Expression> args, List<Parameter> params,
                                         Parameter varParam, FunctionException failure, List<Value> argVals,
                                         EvalContext ctx, Diagnostics diags) {
        {
            String message = withoutSecrets(failure.getMessage(), argVals);
            FunctionException ex = failure;
            if (ex.isArgError()) {
                int i = ex.argIndex();
                Parameter p = i < params.size() ? params.get(i) : varParam;
                String detail = String.format("Invalid value for %s parameter: %s.", StringLiterals.goQuote(p.name()),
                        message);
                if (i > e.args().size() - 1) {
                    diags.add(diag("Invalid function argument", detail, args.get(params.size()).startRange(),
                            e.range(), e, ctx));
                } else {
                    Expression argExpr = e.args().get(i);
                    diags.add(diag("Invalid function argument", detail, argExpr.startRange(), e.range(), argExpr,
                            ctx));
                }
            } else {
                diags.add(diag("Error in function call", String.format("Call to function %s failed: %s.",
                        StringLiterals.goQuote(e.name()), message), e.startRange(), e.range(), e, ctx));
            }
            return Value.DYNAMIC_UNKNOWN;
        }
    }

    // ---- conditional and operators ----------------------------------------------------------------------------

    private static Value conditional(Expression.Conditional e, EvalContext ctx, Diagnostics diags) {
        Diagnostics trueDiags = new Diagnostics();
        Diagnostics falseDiags = new Diagnostics();
        Value t = eval(e.trueResult(), ctx, trueDiags);
        Value f = eval(e.falseResult(), ctx, falseDiags);
        Type resultType;
        boolean convTrue = false;
        boolean convFalse = false;
        if (t.type().isDynamic() && t.isNull() && t.isKnown()) {
            resultType = f.type();
            convTrue = true;
        } else if (f.type().isDynamic() && f.isNull() && f.isKnown()) {
            resultType = t.type();
            convFalse = true;
        } else if (t.type().isDynamic() || f.type().isDynamic()) {
            resultType = Type.DYNAMIC;
        } else {
            resultType = Convert.unifyUnsafe(List.of(t.type(), f.type())).orElse(null);
            if (resultType != null) {
                convTrue = !resultType.equals(t.type());
                convFalse = !resultType.equals(f.type());
            }
        }
        if (resultType == null) {
            diags.add(diag("Inconsistent conditional result types", String.format(
                    "The true and false result expressions must have consistent types. The given expressions are %s"
                            + " and %s, respectively.", t.type().friendlyName(), f.type().friendlyName()),
                    Range.between(e.trueResult().range(), e.falseResult().range()), e.range(), e, ctx));
            return Value.DYNAMIC_UNKNOWN;
        }
        Value cond = eval(e.condition(), ctx, diags);
        if (cond.isNull()) {
            diags.add(diag("Null condition", "The condition value is null. Conditions must either be true or false.",
                    e.condition().range(), e.range(), e.condition(), ctx));
            return Value.unknown(resultType);
        }
        if (!cond.isKnown()) {
            return Value.unknown(resultType).withMarksOf(cond);
        }
        try {
            cond = Convert.convert(cond, Type.BOOL);
        } catch (ConversionException ex) {
            diags.add(diag("Incorrect condition type", "The condition expression must be of type bool.",
                    e.condition().range(), e.range(), e.condition(), ctx));
            return Value.unknown(resultType);
        }
        boolean which = cond.unmark().asBool();
        Value result = which ? t : f;
        diags.addAll(which ? trueDiags : falseDiags);
        if (which ? convTrue : convFalse) {
            try {
                result = Convert.convert(result, resultType);
            } catch (ConversionException ex) {
                Expression branch = which ? e.trueResult() : e.falseResult();
                diags.add(diag("Inconsistent conditional result types", String.format(
                        "The %s result value has the wrong type: %s.", which ? "true" : "false", ex.getMessage()),
                        branch.range(), e.range(), branch, ctx));
                result = Value.unknown(resultType);
            }
        }
        return result.withMarksOf(cond);
    }

    private static Value binaryOp(Expression.BinaryOp e, EvalContext ctx, Diagnostics diags) {
        Type want = e.op().operandType();
        Diagnostics own = new Diagnostics();
        Value lhs = eval(e.lhs(), ctx, own);
        Value rhs = eval(e.rhs(), ctx, own);
        try {
            lhs = Convert.convert(lhs, want);
        } catch (ConversionException ex) {
            own.add(diag("Invalid operand", "Unsuitable value for left operand: " + ex.getMessage() + ".",
                    e.lhs().range(), e.range(), e.lhs(), ctx));
        }
        try {
            rhs = Convert.convert(rhs, want);
        } catch (ConversionException ex) {
            own.add(diag("Invalid operand", "Unsuitable value for right operand: " + ex.getMessage() + ".",
                    e.rhs().range(), e.range(), e.rhs(), ctx));
        }
        diags.addAll(own);
        if (own.hasErrors()) {
            return Value.unknown(e.op().resultType());
        }
        try {
            return e.op().apply(lhs, rhs);
        } catch (OperationException ex) {
            diags.add(diag("Operation failed", "Error during operation: " + ex.getMessage() + ".", e.range(), null,
                    e, ctx));
            return Value.unknown(e.op().resultType());
        }
    }

    private static Value unaryOp(Expression.UnaryOp e, EvalContext ctx, Diagnostics diags) {
        Type want = e.op().operandType();
        Diagnostics own = new Diagnostics();
        Value v = eval(e.operand(), ctx, own);
        try {
            v = Convert.convert(v, want);
        } catch (ConversionException ex) {
            own.add(diag("Invalid operand", "Unsuitable value for unary operand: " + ex.getMessage() + ".",
                    e.operand().range(), e.range(), e.operand(), ctx));
        }
        diags.addAll(own);
        if (own.hasErrors()) {
            return Value.unknown(e.op().resultType());
        }
        try {
            return e.op().apply(v);
        } catch (OperationException ex) {
            diags.add(diag("Operation failed", "Error during operation: " + ex.getMessage() + ".", e.range(), null,
                    e, ctx));
            return Value.unknown(e.op().resultType());
        }
    }

    // ---- collections ------------------------------------------------------------------------------------------

    private static Value objectCons(Expression.ObjectCons e, EvalContext ctx, Diagnostics diags) {
        Map<String, Value> vals = new LinkedHashMap<>();
        boolean known = true;
        for (Expression.ObjectItem item : e.items()) {
            Diagnostics keyDiags = new Diagnostics();
            Value key = eval(item.key(), ctx, keyDiags);
            diags.addAll(keyDiags);
            Value val = eval(item.value(), ctx, diags);
            if (keyDiags.hasErrors()) {
                known = false;
                continue;
            }
            if (key.isNull()) {
                diags.add(withValues(Diagnostic.error("Null value as key", "Can't use a null value as a key.",
                        item.value().range()), item.key(), ctx));
                known = false;
                continue;
            }
            try {
                key = Convert.convert(key, Type.STRING);
            } catch (ConversionException ex) {
                diags.add(withValues(Diagnostic.error("Incorrect key type", "Can't use this value as a key: "
                        + ex.getMessage() + ".", item.key().range()), item.key(), ctx));
                known = false;
                continue;
            }
            if (!key.isKnown()) {
                known = false;
                continue;
            }
            vals.put(key.unmark().asString(), val.withMarksOf(key));
        }
        if (!known) {
            return Value.DYNAMIC_UNKNOWN;
        }
        return Value.object(vals);
    }

    private static Value objectKey(Expression.ObjectConsKey k, EvalContext ctx, Diagnostics diags) {
        if (!k.forceNonLiteral()) {
            if (k.wrapped() instanceof Expression.ScopeTraversal st && st.traversal().size() > 1) {
                diags.error("Ambiguous attribute key", "If this expression is intended to be a reference, wrap it in"
                        + " parentheses. If it's instead intended as a literal name containing periods, wrap it in"
                        + " quotes to create a string literal.", k.range());
                return Value.DYNAMIC_UNKNOWN;
            }
            String name = keyword(k.wrapped());
            if (name != null) {
                return Value.string(name);
            }
        }
        return eval(k.wrapped(), ctx, diags);
    }

    /** HCL's ExprAsKeyword: a bare name (including true, false and null) taken literally. */
    static String keyword(Expression e) {
        if (e instanceof Expression.ScopeTraversal st && st.traversal().size() == 1) {
            return st.rootName();
        }
        if (e instanceof Expression.Literal lit && lit.range() != null) {
            Value v = lit.value();
            if (v.type().isDynamic() && v.isNull() && v.isKnown()) {
                return "null";
            }
            if (v.equals(Value.TRUE)) {
                return "true";
            }
            if (v.equals(Value.FALSE)) {
                return "false";
            }
        }
        return null;
    }

    // ---- templates --------------------------------------------------------------------------------------------

    private static Value template(Expression.Template e, EvalContext ctx, Diagnostics diags) {
        StringBuilder buf = new StringBuilder();
        boolean known = true;
        List<Value> markSources = new ArrayList<>();
        for (Expression part : e.parts()) {
            Value v = eval(part, ctx, diags);
            if (v.isNull()) {
                diags.add(diag("Invalid template interpolation value", "The expression result is null. Cannot include"
                        + " a null value in a string template.", part.range(), e.range(), part, ctx));
                continue;
            }
            markSources.add(v);
            if (!v.isKnown()) {
                known = false;
                continue;
            }
            Value s;
            try {
                s = Convert.convert(v, Type.STRING);
            } catch (ConversionException ex) {
                diags.add(diag("Invalid template interpolation value", "Cannot include the given value in a string"
                        + " template: " + ex.getMessage() + ".", part.range(), e.range(), part, ctx));
                continue;
            }
            buf.append(s.unmark().asString());
        }
        Value result = known ? Value.string(buf.toString()) : Value.unknown(Type.STRING);
        return result.withMarksOf(markSources.toArray(new Value[0]));
    }

    private static Value templateJoin(Expression.TemplateJoin e, EvalContext ctx, Diagnostics diags) {
        Value tuple = eval(e.tuple(), ctx, diags);
        if (tuple.type().isDynamic() || !tuple.isKnown()) {
            return Value.unknown(Type.STRING);
        }
        StringBuilder buf = new StringBuilder();
        for (Value v : tuple.elements()) {
            if (v.isNull()) {
                diags.add(diag("Invalid template interpolation value", "An iteration result is null. Cannot include a"
                        + " null value in a string template.", e.range(), null, e, ctx));
                continue;
            }
            if (v.type().isDynamic()) {
                return Value.unknown(Type.STRING);
            }
            Value s;
            try {
                s = Convert.convert(v, Type.STRING);
            } catch (ConversionException ex) {
                diags.add(diag("Invalid template interpolation value", "Cannot include one of the interpolation results"
                        + " into the string template: " + ex.getMessage() + ".", e.range(), null, e, ctx));
                continue;
            }
            if (!v.isKnown()) {
                return Value.unknown(Type.STRING);
            }
            buf.append(s.unmark().asString());
        }
        return Value.string(buf.toString()).withMarksOf(tuple);
    }

    // ---- for and splat ----------------------------------------------------------------------------------------

    private static Map<String, Value> iterVars(Expression.ForExpr e, Value k, Value v) {
        Map<String, Value> vars = new LinkedHashMap<>();
        if (e.keyVar() != null) {
            vars.put(e.keyVar(), k);
        }
        vars.put(e.valVar(), v);
        return vars;
    }

    private static Value forExpr(Expression.ForExpr e, EvalContext ctx, Diagnostics diags) {
        Value coll = eval(e.collExpr(), ctx, diags);
        if (coll.isNull()) {
            diags.add(diag("Iteration over null value", "A null value cannot be used as the collection in a 'for'"
                    + " expression.", e.collExpr().range(), e.range(), e.collExpr(), ctx));
            return Value.DYNAMIC_UNKNOWN;
        }
        Type ct = coll.type();
        if (ct.isDynamic()) {
            return Value.DYNAMIC_UNKNOWN;
        }
        if (!(ct.isCollection() || ct.isTuple() || ct.isObject())) {
            diags.add(diag("Iteration over non-iterable value", String.format("A value of type %s cannot be used as"
                    + " the collection in a 'for' expression.", ct.friendlyName()), e.collExpr().range(), e.range(),
                    e.collExpr(), ctx));
            return Value.DYNAMIC_UNKNOWN;
        }
        if (!coll.isKnown()) {
            return Value.DYNAMIC_UNKNOWN.withMarksOf(coll);
        }
        if (e.condExpr() != null) {
            EvalContext probe = ctx.child(iterVars(e, Value.DYNAMIC_UNKNOWN, Value.DYNAMIC_UNKNOWN));
            Diagnostics condDiags = new Diagnostics();
            Value r = eval(e.condExpr(), probe, condDiags);
            diags.addAll(condDiags);
            if (r.isNull()) {
                diags.add(diag("Condition is null", "The value of the 'if' clause must not be null.",
                        e.condExpr().range(), e.range(), e.condExpr(), ctx));
                return Value.DYNAMIC_UNKNOWN;
            }
            try {
                Convert.convert(r, Type.BOOL);
            } catch (ConversionException ex) {
                diags.add(diag("Invalid 'for' condition", "The 'if' clause value is invalid: " + ex.getMessage() + ".",
                        e.condExpr().range(), e.range(), e.condExpr(), ctx));
                return Value.DYNAMIC_UNKNOWN;
            }
            if (condDiags.hasErrors()) {
                return Value.DYNAMIC_UNKNOWN;
            }
        }
        List<Value[]> pairs = Traversals.elementPairs(coll);
        boolean known = true;
        if (e.keyExpr() != null) {
            Map<String, Value> vals = new TreeMap<>();
            Map<String, List<Value>> groups = new TreeMap<>();
            for (Value[] kv : pairs) {
                EvalContext child = ctx.child(iterVars(e, kv[0], kv[1]));
                Boolean include = includeItem(e, child, known, diags);
                if (include == null) {
                    known = false;
                    continue;
                }
                if (!include) {
                    continue;
                }
                Value keyRaw = eval(e.keyExpr(), child, diags);
                if (keyRaw.isNull()) {
                    if (known) {
                        diags.add(diag("Invalid object key", "Key expression in 'for' expression must not produce a"
                                + " null value.", e.keyExpr().range(), e.range(), e.keyExpr(), child));
                    }
                    known = false;
                    continue;
                }
                if (!keyRaw.isKnown()) {
                    known = false;
                    continue;
                }
                Value key;
                try {
                    key = Convert.convert(keyRaw, Type.STRING);
                } catch (ConversionException ex) {
                    if (known) {
                        diags.add(diag("Invalid object key", "The key expression produced an invalid result: "
                                + ex.getMessage() + ".", e.keyExpr().range(), e.range(), e.keyExpr(), child));
                    }
                    known = false;
                    continue;
                }
                Value val = eval(e.valExpr(), child, diags);
                String k = key.unmark().asString();
                if (e.group()) {
                    groups.computeIfAbsent(k, x -> new ArrayList<>()).add(val);
                } else if (vals.containsKey(k)) {
                    diags.add(diag("Duplicate object key", String.format("Two different items produced the key %s in"
                            + " this 'for' expression. If duplicates are expected, use the ellipsis (...) after the"
                            + " value expression to enable grouping by key.", StringLiterals.goQuote(k)),
                            e.keyExpr().range(), e.range(), e.keyExpr(), child));
                } else {
                    vals.put(k, val);
                }
            }
            if (!known) {
                return Value.DYNAMIC_UNKNOWN;
            }
            if (e.group()) {
                for (Map.Entry<String, List<Value>> g : groups.entrySet()) {
                    vals.put(g.getKey(), Value.tuple(g.getValue()));
                }
            }
            return Value.object(vals).withMarksOf(coll);
        }
        List<Value> vals = new ArrayList<>();
        for (Value[] kv : pairs) {
            EvalContext child = ctx.child(iterVars(e, kv[0], kv[1]));
            Boolean include = includeItem(e, child, known, diags);
            if (include == null) {
                known = false;
                continue;
            }
            if (!include) {
                continue;
            }
            vals.add(eval(e.valExpr(), child, diags));
        }
        if (!known) {
            return Value.DYNAMIC_UNKNOWN;
        }
        return Value.tuple(vals).withMarksOf(coll);
    }

    /** Evaluates the {@code if} clause for one item: true, false, or null when the result is unknown or invalid. */
    private static Boolean includeItem(Expression.ForExpr e, EvalContext child, boolean known, Diagnostics diags) {
        if (e.condExpr() == null) {
            return true;
        }
        Value raw = eval(e.condExpr(), child, diags);
        if (raw.isNull()) {
            if (known) {
                diags.add(diag("Invalid 'for' condition", "The value of the 'if' clause must not be null.",
                        e.condExpr().range(), e.range(), e.condExpr(), child));
            }
            return null;
        }
        if (!raw.isKnown()) {
            return null;
        }
        Value inc;
        try {
            inc = Convert.convert(raw, Type.BOOL);
        } catch (ConversionException ex) {
            if (known) {
                diags.add(diag("Invalid 'for' condition", "The 'if' clause value is invalid: " + ex.getMessage() + ".",
                        e.condExpr().range(), e.range(), e.condExpr(), child));
            }
            return null;
        }
        if (!inc.isKnown()) {
            return null;
        }
        return inc.unmark().asBool();
    }

    private static Value splat(Expression.Splat e, EvalContext ctx, Diagnostics diags) {
        Diagnostics srcDiags = new Diagnostics();
        Value src = eval(e.source(), ctx, srcDiags);
        diags.addAll(srcDiags);
        if (srcDiags.hasErrors()) {
            return Value.DYNAMIC_UNKNOWN;
        }
        Type st = src.type();
        if (st.isDynamic()) {
            return Value.DYNAMIC_UNKNOWN;
        }
        boolean autoUpgrade = !(st.isTuple() || st.isList() || st.isSet());
        if (src.isNull()) {
            if (autoUpgrade) {
                return Value.EMPTY_TUPLE;
            }
            diags.add(diag("Splat of null value", "Splat expressions (with the * symbol) cannot be applied to null"
                    + " sequences.", e.source().range(), Range.between(e.source().range(), e.markerRange()),
                    e.source(), ctx));
            return Value.DYNAMIC_UNKNOWN;
        }
        if (autoUpgrade) {
            src = Value.tuple(List.of(src));
            st = src.type();
        }
        if (!src.isKnown()) {
            return Value.unknown(splatResultType(e, st, ctx, diags));
        }
        List<Value> vals = new ArrayList<>();
        boolean known = true;
        for (Value item : src.elements()) {
            ctx.setAnon(e.item(), item);
            Diagnostics itemDiags = new Diagnostics();
            Value nv = eval(e.each(), ctx, itemDiags);
            diags.addAll(itemDiags);
            if (itemDiags.hasErrors()) {
                known = false;
            }
            vals.add(nv);
        }
        ctx.clearAnon(e.item());
        if (!known) {
            return Value.unknown(splatResultType(e, st, ctx, new Diagnostics()));
        }
        if (st.isList() || st.isSet()) {
            if (vals.isEmpty()) {
                Type rt = splatResultType(e, st, ctx, diags);
                return Value.emptyList(rt.elementType()).withMarksOf(src);
            }
            return Value.list(vals).withMarksOf(src);
        }
        return Value.tuple(vals).withMarksOf(src);
    }

    private static Type splatResultType(Expression.Splat e, Type st, EvalContext ctx, Diagnostics diags) {
        EvalContext child = ctx.child(null);
        if (st.isList() || st.isSet()) {
            child.setAnon(e.item(), Value.unknown(st.elementType()));
            Value v = eval(e.each(), child, diags);
            return Type.list(v.type());
        }
        if (st.isTuple()) {
            List<Type> tys = new ArrayList<>();
            for (Type et : ((io.jenkins.plugins.packer.value.TupleType) st).elements()) {
                child.setAnon(e.item(), Value.unknown(et));
                tys.add(eval(e.each(), child, diags).type());
            }
            return Type.tuple(tys);
        }
        return Type.DYNAMIC;
    }
}
