package io.jenkins.plugins.packer.hcl;

import io.jenkins.plugins.packer.hcl.ast.Expression;
import io.jenkins.plugins.packer.hcl.json.JsonExpressions;
import io.jenkins.plugins.packer.value.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a type written as an expression ({@code list(object({name = string}))}) the way HCL's typeexpr extension
 * does. In a constraint, {@code any} stands for "any type".
 */
public final class TypeExpressions {

    private static final String SUMMARY = "Invalid type specification";

    private TypeExpressions() {
    }

    public static Type parse(Expression expr, boolean constraint, Diagnostics diags) {
        // In the JSON syntax a type is a string holding the native expression, as with HCL's ExprAsKeyword and
        // ExprCall; messages about the whole type still point at the JSON string.
        Expression nativeExpr = expr instanceof Expression.Json j ? JsonExpressions.nativeExpression(j.value()) : expr;
        String kw = nativeExpr == null ? null : Evaluator.keyword(nativeExpr);
        if (kw != null) {
            switch (kw) {
                case "bool":
                    return Type.BOOL;
                case "string":
                    return Type.STRING;
                case "number":
                    return Type.NUMBER;
                case "any":
                    if (!constraint) {
                        diags.error(SUMMARY, "The keyword \"any\" cannot be used in this type specification: an exact"
                                + " type is required.", expr.range());
                    }
                    return Type.DYNAMIC;
                case "list", "map", "set":
                    diags.error(SUMMARY, "The " + kw + " type constructor requires one argument specifying the element"
                            + " type.", expr.range());
                    return Type.DYNAMIC;
                case "object":
                    diags.error(SUMMARY, "The object type constructor requires one argument specifying the attribute"
                            + " types and values as a map.", expr.range());
                    return Type.DYNAMIC;
                case "tuple":
                    diags.error(SUMMARY, "The tuple type constructor requires one argument specifying the element"
                            + " types as a list.", expr.range());
                    return Type.DYNAMIC;
                default:
                    diags.error(SUMMARY, "The keyword " + StringLiterals.goQuote(kw) + " is not a valid type"
                            + " specification.", expr.range());
                    return Type.DYNAMIC;
            }
        }
        Expression unwrapped = nativeExpr instanceof Expression.TemplateWrap w ? w.wrapped() : nativeExpr;
        if (!(unwrapped instanceof Expression.FunctionCall call)) {
            diags.error(SUMMARY, "A type specification is either a primitive type keyword (bool, number, string) or a"
                    + " complex type constructor call, like list(string).", expr.range());
            return Type.DYNAMIC;
        }
        Range argsRange = Range.between(call.openParenRange(), call.closeParenRange());
        switch (call.name()) {
            case "bool", "string", "number", "any" -> {
                diags.error(SUMMARY, "Primitive type keyword " + StringLiterals.goQuote(call.name()) + " does not"
                        + " expect arguments.", argsRange);
                return Type.DYNAMIC;
            }
            default -> {
            }
        }
        if (call.args().size() != 1) {
            Range subject = call.args().size() > 1
                    ? Range.between(call.args().get(1).range(), call.args().get(call.args().size() - 1).range())
                    : argsRange;
            String detail = switch (call.name()) {
                case "list", "set", "map" -> "The " + call.name() + " type constructor requires one argument"
                        + " specifying the element type.";
                case "object" -> "The object type constructor requires one argument specifying the attribute types"
                        + " and values as a map.";
                case "tuple" -> "The tuple type constructor requires one argument specifying the element types as a"
                        + " list.";
                default -> null;
            };
            if (detail != null) {
                diags.add(Diagnostic.error(SUMMARY, detail, subject, argsRange));
                return Type.DYNAMIC;
            }
        }
        switch (call.name()) {
            case "list":
                return Type.list(parse(call.args().get(0), constraint, diags));
            case "set":
                return Type.set(parse(call.args().get(0), constraint, diags));
            case "map":
                return Type.map(parse(call.args().get(0), constraint, diags));
            case "object": {
                Expression arg = call.args().get(0);
                if (!(arg instanceof Expression.ObjectCons obj)) {
                    diags.add(Diagnostic.error(SUMMARY, "Object type constructor requires a map whose keys are"
                            + " attribute names and whose values are the corresponding attribute types.",
                            arg.range(), expr.range()));
                    return Type.DYNAMIC;
                }
                Map<String, Type> attrs = new LinkedHashMap<>();
                for (Expression.ObjectItem item : obj.items()) {
                    String name = Evaluator.keyword(item.key().wrapped());
                    if (name == null || item.key().forceNonLiteral()) {
                        diags.add(Diagnostic.error(SUMMARY, "Object constructor map keys must be attribute names.",
                                item.key().range(), expr.range()));
                        continue;
                    }
                    attrs.put(name, parse(item.value(), constraint, diags));
                }
                return Type.object(attrs);
            }
            case "tuple": {
                Expression arg = call.args().get(0);
                if (!(arg instanceof Expression.TupleCons tup)) {
                    diags.add(Diagnostic.error(SUMMARY, "Tuple type constructor requires a list of element types.",
                            arg.range(), expr.range()));
                    return Type.DYNAMIC;
                }
                List<Type> elems = new ArrayList<>();
                for (Expression el : tup.exprs()) {
                    elems.add(parse(el, constraint, diags));
                }
                return Type.tuple(elems);
            }
            default:
                diags.error(SUMMARY, "Keyword " + StringLiterals.goQuote(call.name()) + " is not a valid type"
                        + " constructor.", expr.range());
                return Type.DYNAMIC;
        }
    }
}
