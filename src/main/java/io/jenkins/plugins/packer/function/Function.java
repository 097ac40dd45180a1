package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.value.Mark;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A function callable from HCL expressions, with cty's calling convention: {@link #call} checks nulls, short-cuts
 * unknown arguments to an unknown result of the return type, strips marks from arguments that do not accept them and
 * puts them back on the result, then runs {@link #impl}.
 */
public abstract class Function {

    private final String name;
    private final List<Parameter> params;
    private final Parameter varParam;

    protected Function(String name, List<Parameter> params, Parameter varParam) {
        this.name = name;
        this.params = List.copyOf(params);
        this.varParam = varParam;
    }

    public final String name() {
        return name;
    }

    public final List<Parameter> params() {
        return params;
    }

    /** The parameter that takes any further arguments, or null. */
    public final Parameter varParam() {
        return varParam;
    }

    /**
     * The result type for these arguments, which may be unknown (cty's Type function). Type errors about an argument
     * are thrown with its index. The default is dynamic.
     */
    protected Type returnType(List<Value> args) throws FunctionException {
        return Type.DYNAMIC;
    }

    /** Computes the result; every argument is known, non-null and unmarked unless its parameter allows otherwise. */
    protected abstract Value impl(List<Value> args, Type returnType) throws FunctionException;

    /** Calls the function on arguments already converted to the parameter types. */
    public final Value call(List<Value> args) throws FunctionException {
        Set<Mark> marks = new HashSet<>();
        List<Value> plain = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            Parameter p = paramAt(i);
            Value v = args.get(i);
            if (!p.allowMarked() && v.containsMarked()) {
                marks.addAll(v.deepMarks());
                v = v.unmarkDeep();
            }
            plain.add(v);
        }
        Type ret = checkedReturnType(plain);
        for (int i = 0; i < plain.size(); i++) {
            if (!plain.get(i).isKnown() && !paramAt(i).allowUnknown()) {
                return Value.unknown(ret).withMarks(marks);
            }
        }
        return impl(List.copyOf(plain), ret).withMarks(marks);
    }

    private Type checkedReturnType(List<Value> args) throws FunctionException {
        for (int i = 0; i < args.size(); i++) {
            Parameter p = paramAt(i);
            Value v = args.get(i);
            if (v.isNull() && !p.allowNull()) {
                throw new FunctionException(i, "argument must not be null");
            }
            if (v.type().isDynamic() && !p.allowDynamicType()) {
                return Type.DYNAMIC;
            }
        }
        return returnType(args);
    }

    private Parameter paramAt(int i) {
        return i < params.size() ? params.get(i) : varParam;
    }
}
