package io.jenkins.plugins.packer.template;

import io.jenkins.plugins.packer.function.Function;
import io.jenkins.plugins.packer.function.Parameter;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.util.List;
import java.util.Map;

/** {@code env("NAME")}: the only function variable defaults may call; reads the run's environment, not the JVM's. */
final class EnvFunction extends Function {

    private final Map<String, String> env;

    private EnvFunction(Map<String, String> env) {
        super("env", List.of(Parameter.of("key", Type.STRING)), null);
        this.env = Map.copyOf(env);
    }

    static Function create(Map<String, String> env) {
        return new EnvFunction(env);
    }

    @Override
    protected Type returnType(List<Value> args) {
        return Type.STRING;
    }

    @Override
    protected Value impl(List<Value> args, Type returnType) {
        return Value.string(env.getOrDefault(args.get(0).asString(), ""));
    }
}
