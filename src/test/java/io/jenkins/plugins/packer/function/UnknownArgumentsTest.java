package io.jenkins.plugins.packer.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A function whose result type depends on an argument's content gives an unknown result, not a failure, while that
 * argument is unknown (as cty's type callbacks do at validate time).
 */
class UnknownArgumentsTest {

    private static final Map<String, Function> FUNCTIONS = Functions.packer(new FunctionContext(Path.of("."), null,
            Map.of(), Clock.systemUTC()));

    @ParameterizedTest
    @ValueSource(strings = {"jsondecode", "csvdecode", "yamldecode"})
    void decodingAnUnknownStringIsUnknown(String name) throws FunctionException {
        Value v = FUNCTIONS.get(name).call(List.of(Value.unknown(Type.STRING)));
        assertThat(v.isKnown()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"regex", "regexall"})
    void matchingWithAnUnknownPatternIsUnknown(String name) throws FunctionException {
        Value v = FUNCTIONS.get(name).call(List.of(Value.unknown(Type.STRING), Value.string("abc")));
        assertThat(v.isKnown()).isFalse();
    }
}
