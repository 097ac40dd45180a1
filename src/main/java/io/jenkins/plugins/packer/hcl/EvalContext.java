package io.jenkins.plugins.packer.hcl;

import io.jenkins.plugins.packer.function.Function;
import io.jenkins.plugins.packer.hcl.ast.Expression;
import io.jenkins.plugins.packer.value.Value;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The variables and functions an expression may use, in nested scopes (a for expression's iteration variables live
 * in a child of the scope it was evaluated in). A scope without a variable map does not take part in lookups; when no
 * scope has one, references are not allowed at all, as in HCL.
 */
public final class EvalContext {

    private final EvalContext parent;
    private final Map<String, Value> variables;
    private final Map<String, Function> functions;
    // Made on first use: most contexts (one per variable checked, per block decoded) never hold a splat's value.
    private Map<Expression.AnonSymbol, Value> anonValues;

    public EvalContext(Map<String, Value> variables, Map<String, Function> functions) {
        this(null, variables, functions);
    }

    private EvalContext(EvalContext parent, Map<String, Value> variables, Map<String, Function> functions) {
        this.parent = parent;
        this.variables = variables;
        this.functions = functions;
    }

    public EvalContext child(Map<String, Value> vars) {
        return new EvalContext(this, vars, null);
    }

    /** The functions expressions evaluated here may call. */
    public Map<String, Function> functionTable() {
        EvalContext c = this;
        while (c.functions == null && c.parent != null) {
            c = c.parent;
        }
        return c.functions == null ? Map.of() : c.functions;
    }

    EvalContext parent() {
        return parent;
    }

    Map<String, Value> variables() {
        return variables;
    }

    Map<String, Function> functions() {
        return functions;
    }

    void setAnon(Expression.AnonSymbol sym, Value v) {
        if (anonValues == null) {
            anonValues = new IdentityHashMap<>(4);
        }
        anonValues.put(sym, v);
    }

    void clearAnon(Expression.AnonSymbol sym) {
        if (anonValues != null) {
            anonValues.remove(sym);
        }
    }

    Value anon(Expression.AnonSymbol sym) {
        return anonValues == null ? null : anonValues.get(sym);
    }
}
