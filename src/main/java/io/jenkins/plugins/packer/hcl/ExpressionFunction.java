package io.jenkins.plugins.packer.hcl;

import io.jenkins.plugins.packer.function.EncodingFunctions;
import io.jenkins.plugins.packer.function.Function;
import io.jenkins.plugins.packer.function.FunctionException;
import io.jenkins.plugins.packer.function.Parameter;
import io.jenkins.plugins.packer.hcl.ast.Expression;
import io.jenkins.plugins.packer.hcl.ast.Traverser;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.util.List;
import java.util.Map;

/**
 * A function that receives its arguments as expressions rather than values, like HCL's extensions do: {@code can}
 * and {@code try} evaluate them and look at the errors, {@code convert} reads its second argument as a type.
 */
public abstract class ExpressionFunction extends Function {

    private ExpressionFunction(String name, List<Parameter> params, Parameter varParam) {
        super(name, params, varParam);
    }

    /** Evaluates the call; argument count has been checked against the parameters. */
    abstract Value call(Expression.FunctionCall call, List<Expression> args, EvalContext ctx, Diagnostics diags)
            throws FunctionException;

    @Override
    protected final Value impl(List<Value> args, Type returnType) {
        throw new IllegalStateException(name() + " takes expressions, not values");
    }

    /** can, try and convert, by name. */
    public static Map<String, Function> all() {
        return Map.of("can", new Can(), "try", new Try(), "convert", new ConvertFn());
    }

    /** True when the expression refers to a value not known yet, so its success cannot be decided. */
    static boolean dependsOnUnknowns(Expression expr, EvalContext ctx) {
        for (List<Traverser> trav : Variables.of(expr)) {
            Diagnostics d = new Diagnostics();
            Value v = Traversals.traverseAbs(trav, ctx, d);
            // A reference that fails outright does not go through an unknown value.
            if (!d.hasErrors() && !v.isWhollyKnown()) {
                return true;
            }
        }
        return false;
    }

    private static final class Can extends ExpressionFunction {
        Can() {
            super("can", List.of(Parameter.of("expression", Type.DYNAMIC)), null);
        }

        @Override
        Value call(Expression.FunctionCall call, List<Expression> args, EvalContext ctx, Diagnostics diags) {
            if (dependsOnUnknowns(args.get(0), ctx)) {
                return Value.unknown(Type.BOOL);
            }
            Diagnostics own = new Diagnostics();
            Evaluator.evaluate(args.get(0), ctx, own);
            return Value.bool(!own.hasErrors());
        }
    }

    private static final class Try extends ExpressionFunction {
        Try() {
            super("try", List.of(), Parameter.of("expressions", Type.DYNAMIC));
        }

        @Override
        Value call(Expression.FunctionCall call, List<Expression> args, EvalContext ctx, Diagnostics diags)
                throws FunctionException {
            if (args.isEmpty()) {
                throw new FunctionException("at least one argument is required");
            }
            Diagnostics failures = new Diagnostics();
            for (Expression arg : args) {
                if (dependsOnUnknowns(arg, ctx)) {
                    return Value.DYNAMIC_UNKNOWN;
                }
                Diagnostics own = new Diagnostics();
                Value v = Evaluator.evaluate(arg, ctx, own);
                failures.addAll(own);
                if (!own.hasErrors()) {
                    return v;
                }
            }
            StringBuilder b = new StringBuilder("no expression succeeded:\n");
            for (Diagnostic d : failures) {
                if (d.subject() != null) {
                    b.append("- ").append(d.summary()).append(" (at ").append(Parser.rangeString(d.subject()))
                            .append(")\n  ").append(d.detail()).append('\n');
                } else {
                    b.append("- ").append(d.summary()).append("\n  ").append(d.detail()).append('\n');
                }
            }
            b.append("\nAt least one expression must produce a successful result");
            throw new FunctionException(b.toString());
        }
    }

    private static final class ConvertFn extends ExpressionFunction {
        private static final EncodingFunctions.ConvertFunction CONVERSION = new EncodingFunctions.ConvertFunction();

        ConvertFn() {
            super("convert", List.of(Parameter.of("value", Type.DYNAMIC).allowingNull().allowingUnknown()
                    .allowingDynamicType().allowingMarked(), Parameter.of("type", Type.DYNAMIC)), null);
        }

        @Override
        Value call(Expression.FunctionCall call, List<Expression> args, EvalContext ctx, Diagnostics diags)
                throws FunctionException {
            Diagnostics own = new Diagnostics();
            Value v = Evaluator.evaluate(args.get(0), ctx, own);
            Type t = TypeExpressions.parse(args.get(1), true, own);
            diags.addAll(own);
            if (own.hasErrors()) {
                return Value.DYNAMIC_UNKNOWN;
            }
            return CONVERSION.convert(v, t);
        }
    }
}
