package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A function of the core groups (numeric, string, collection, encoding) declared like a cty {@code function.Spec}:
 * parameters, a return-type rule and an implementation given as lambdas, so each function reads as one declaration.
 */
final class CoreFunction extends Function {

    /** cty's Type callback: the result type for these arguments. */
    @FunctionalInterface
    interface TypeRule {
        Type apply(List<Value> args) throws FunctionException;
    }

    /** cty's Impl callback. */
    @FunctionalInterface
    interface Body {
        Value apply(List<Value> args, Type returnType) throws FunctionException;
    }

    private final TypeRule typeRule;
    private final Body body;

    private CoreFunction(String name, List<Parameter> params, Parameter varParam, TypeRule typeRule, Body body) {
        super(name, params, varParam);
        this.typeRule = typeRule;
        this.body = body;
    }

    static Builder named(String name) {
        return new Builder(name);
    }

    @Override
    protected Type returnType(List<Value> args) throws FunctionException {
        return typeRule.apply(args);
    }

    @Override
    protected Value impl(List<Value> args, Type returnType) throws FunctionException {
        return body.apply(args, returnType);
    }

    /** Collects the parts of one function declaration. */
    static final class Builder {
        private final String name;
        private final List<Parameter> params = new ArrayList<>();
        private Parameter varParam;
        private TypeRule typeRule = args -> Type.DYNAMIC;

        private Builder(String name) {
            this.name = name;
        }

        Builder param(Parameter p) {
            params.add(p);
            return this;
        }

        Builder param(String paramName, Type type) {
            return param(Parameter.of(paramName, type));
        }

        Builder varParam(Parameter p) {
            varParam = p;
            return this;
        }

        Builder returns(Type type) {
            typeRule = args -> type;
            return this;
        }

        Builder returnType(TypeRule rule) {
            typeRule = rule;
            return this;
        }

        /** Completes the declaration and adds the function to {@code into} under its name. */
        void impl(Map<String, Function> into, Body body) {
            into.put(name, new CoreFunction(name, params, varParam, typeRule, body));
        }
    }
}
