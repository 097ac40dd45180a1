package io.jenkins.plugins.packer.function;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.packer.value.Value;
import java.util.Arrays;
import java.util.List;

/** Direct calls of the core functions for the group tests: values in, value or FunctionException out. */
final class CoreFixtures {

    private CoreFixtures() {
    }

    static Value call(String name, Value... args) throws FunctionException {
        return CoreCalls.FUNCTIONS.get(name).call(Arrays.asList(args));
    }

    static FunctionException failure(String name, Value... args) {
        FunctionException[] caught = new FunctionException[1];
        assertThatThrownBy(() -> {
            try {
                call(name, args);
            } catch (FunctionException e) {
                caught[0] = e;
                throw e;
            }
        }).isInstanceOf(FunctionException.class);
        return caught[0];
    }

    static Value str(String s) {
        return Value.string(s);
    }

    static Value num(String n) {
        return Value.number(new java.math.BigDecimal(n));
    }

    static Value strings(String... s) {
        return Value.list(Arrays.stream(s).map(Value::string).toList());
    }

    static Value tuple(Value... v) {
        return Value.tuple(List.of(v));
    }
}
