package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** packerValidate's arguments as Groovy passes them, checked and converted to what the engine takes. */
class ValidateRequestTest {

    /** What Groovy gives ({@code vars}, {@code varFiles}) and what a form gives (lines), together. */
    @Test
    void variablesAndVarFilesMayComeAsAMapAndAsLines() {
        ValidateRequest r = ValidateRequest.of("t.pkr.hcl", Map.of("a", "1"), "b=two = 2\r\n\n c =x\n",
                java.util.List.of("x.pkrvars.hcl"), "y.pkrvars.hcl\n\n  z.pkrvars.hcl \n", null, null, false, null);
        assertThat(r.vars()).containsExactly(Map.entry("a", "1"), Map.entry("b", "two = 2"), Map.entry("c", "x"));
        assertThat(r.varFiles()).containsExactly("x.pkrvars.hcl", "y.pkrvars.hcl", "z.pkrvars.hcl");

        assertThatThrownBy(() -> ValidateRequest.of("t.pkr.hcl", Map.of("a", "1"), "a=2\nnovalue\n=3", null,
                "x.pkrvars.hcl", null, null, false, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("variables, line 1: a is given in vars too")
                .hasMessageContaining("variables, line 2: expected name=value, but is novalue")
                .hasMessageContaining("variables, line 3: expected name=value, but is =3");
    }

    @Test
    void optionalArgumentsMayAllBeAbsent() {
        ValidateRequest r = ValidateRequest.of("t.pkr.hcl", null, null, null, null, false, null);
        assertThat(r.vars()).isEmpty();
        assertThat(r.varFiles()).isEmpty();
        assertThat(r.only()).isEmpty();
        assertThat(r.except()).isEmpty();
        assertThat(r.env()).isEmpty();
    }

    @Test
    void scalarVariableValuesBecomeTheTextPackerWouldReadFromVar() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("name", "web");
        vars.put("count", 3);
        vars.put("ratio", new BigDecimal("0.5"));
        vars.put("debug", true);
        vars.put("zones", "[\"a\", \"b\"]");
        assertThat(ValidateRequest.of("t.pkr.hcl", vars, null, null, null, false, Map.of()).vars())
                .containsExactly(Map.entry("name", "web"), Map.entry("count", "3"), Map.entry("ratio", "0.5"),
                        Map.entry("debug", "true"), Map.entry("zones", "[\"a\", \"b\"]"));
    }

    @Test
    void onlyAndExceptAreCommaSeparatedBuildNames() {
        ValidateRequest r = ValidateRequest.of("t.pkr.hcl", null, null, "amazon-ebs.*, file.b,,", " ", false,
                Map.of());
        assertThat(r.only()).containsExactly("amazon-ebs.*", "file.b");
        assertThat(r.except()).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnceAndNoValueIsQuoted() {
        Map<Object, Object> vars = new LinkedHashMap<>();
        vars.put("tags", List.of("s3cr3t"));
        vars.put("password", null);
        vars.put(42, "x");
        assertThatThrownBy(() -> ValidateRequest.of("", vars, Arrays.asList("ok.pkrvars.hcl", "/up.pkrvars.hcl",
                7), null, null, false, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(String.join("\n",
                        "template is required",
                        "each of varFiles must be relative to the workspace, but is the absolute path /up.pkrvars.hcl",
                        "varFiles must be a list of paths, but has a Integer (7)",
                        "vars.tags must be a string, number or boolean (write a list or map as HCL text, for example"
                                + " '[\"a\", \"b\"]'), but is a ImmutableCollections.List12".replace(
                                        "ImmutableCollections.List12", List.of("s3cr3t").getClass().getSimpleName()),
                        "vars.password must be a string, number or boolean (write a list or map as HCL text, for"
                                + " example '[\"a\", \"b\"]'), but is null",
                        "vars must be keyed by variable names, but has the key a Integer (42)"))
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void theRequestSurvivesJavaSerializationToTheAgent() throws Exception {
        ValidateRequest r = ValidateRequest.of("t.pkr.hcl", Map.of("a", "b"), List.of("v.pkrvars.hcl"), "x", "y",
                true, Map.of("PATH", "/bin"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ValidateCallable(r));
            out.writeObject(new FmtCallable(FmtRequest.of("packer", true, true)));
        }
        assertThat(bytes.size()).isPositive();
    }
}
