package io.jenkins.plugins.packer.template.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code validate -syntax-only} on JSON templates prints exactly what packer 1.6.6 printed, with its exit code. */
class JsonValidateConformanceTest {

    static List<JsonCorpus.Run> oracle() {
        return JsonCorpus.oracleRuns();
    }

    static List<JsonCorpus.Run> handmade() {
        return JsonCorpus.handmadeRuns();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oracle")
    void matchesPackerOnTheCorpus(JsonCorpus.Run run) {
        assertSame(run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handmade")
    void matchesPackerOnHandmadeTemplates(JsonCorpus.Run run) {
        assertSame(run);
    }

    @Test
    void coversEveryJsonRowPackerRan() {
        assertThat(oracle()).hasSize(279);
        assertThat(handmade()).hasSize(18);
    }

    private static void assertSame(JsonCorpus.Run run) {
        JsonValidate.Result result = JsonValidate.syntaxOnly(run.workDir(), run.template(), run.varFiles());
        assertThat(result.output()).isEqualTo(run.expectedOutput());
        assertThat(result.exitCode()).isEqualTo(run.exitCode());
    }
}
