package io.jenkins.plugins.packer.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.EvalContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes the builder, data source, provisioner and post-processor blocks of the corpus's real templates with the
 * shipped specs: templates that work with current Packer must not meet an unknown argument or block, nor a type
 * Packer would refuse, and a misspelt option must be reported as Packer reports it.
 */
class CorpusDecodeTest {

    /** What a spec that misses an option or mistypes one makes the decoder say. */
    private static final Set<String> SCHEMA_ERRORS = Set.of("Unsupported argument", "Unsupported block type",
            "Incorrect attribute value type");

    private static final String EBS_FIXTURE =
            "hashicorp__packer-plugin-amazon/builder/ebs/test-fixtures/unlimited-credits/burstable_instances.pkr.hcl";

    /**
     * The one corpus template whose shipped components Packer refuses for their shape: a shell provisioner's
     * {@code inline} given as a string (packer 1.6.6's full validation reports it, see the oracle output).
     */
    private static final String INVALID_INLINE =
            "hashicorp__packer-plugin-docker/builder/docker/test-fixtures/fix_upload_owner.pkr.hcl";

    static List<Path> templatesWithShippedComponents() {
        return CorpusComponents.templates().stream()
                .filter(p -> !components(p, new Diagnostics()).isEmpty()).toList();
    }

    static List<Path> validTemplatesWithShippedComponents() {
        return templatesWithShippedComponents().stream().filter(p -> !p.endsWith(INVALID_INLINE)).toList();
    }

    @ParameterizedTest
    @MethodSource("validTemplatesWithShippedComponents")
    void realTemplatesDecodeWithoutSchemaErrors(Path template) {
        Diagnostics parse = new Diagnostics();
        List<CorpusComponents.Component> components = components(template, parse);
        EvalContext ctx = CorpusComponents.unknownValues(template.getParent());

        Diagnostics diags = new Diagnostics();
        components.forEach(c -> ConfigDecoder.decode(c.block().body(), c.spec(), ctx, diags));

        assertThat(parse.hasErrors()).as("parse errors: %s", parse).isFalse();
        assertThat(diags.list()).filteredOn(d -> SCHEMA_ERRORS.contains(d.summary())).isEmpty();
    }

    @Test
    void aRealTemplatesMistypedOptionIsReportedAsPackerReportsIt() {
        Path template = CorpusComponents.corpusDir().resolve("templates/" + INVALID_INLINE);

        Diagnostics diags = decode(template, new String(CorpusComponents.read(template), StandardCharsets.UTF_8));

        // Packer 1.6.6: "fix_upload_owner.pkr.hcl:24,14-42: Incorrect attribute value type; Inappropriate value for
        // attribute "inline": list of string required."
        Diagnostic d = only(diags, "Incorrect attribute value type");
        assertThat(d.detail()).isEqualTo("Inappropriate value for attribute \"inline\": list of string required.");
        assertThat(List.of(d.subject().start().line(), d.subject().start().column(), d.subject().end().column()))
                .containsExactly(24, 14, 42);
    }

    @Test
    void theCorpusExercisesTheMainComponentsInManyTemplates() {
        Set<String> seen = new TreeSet<>();
        List<Path> templates = validTemplatesWithShippedComponents();
        templates.forEach(t -> components(t, new Diagnostics()).forEach(c -> seen.add(c.kind() + " " + c.type())));

        assertThat(templates).hasSizeGreaterThanOrEqualTo(20);
        assertThat(seen).contains("builder amazon-ebs", "builder amazon-ebssurrogate", "builder null", "builder file",
                "provisioner shell", "provisioner file", "provisioner shell-local", "post-processor manifest",
                "post-processor checksum", "data amazon-ami");
    }

    @Test
    void aMisspeltBuilderOptionIsAnUnsupportedArgumentWithASuggestion() {
        Diagnostics diags = decodeFixtureWith("  ami_name                = ", "  ami_nmae                = ");

        Diagnostic d = only(diags, "Unsupported argument");
        assertThat(d.detail()).isEqualTo(
                "An argument named \"ami_nmae\" is not expected here. Did you mean \"ami_name\"?");
        assertThat(d.subject().start().line()).isEqualTo(21);
    }

    @Test
    void aMisspeltNestedBlockIsAnUnsupportedBlockTypeWithASuggestion() {
        Diagnostics diags = decodeFixtureWith("  temporary_iam_instance_profile_policy_document {",
                "  temporary_iam_instance_profile_policy_documents {");

        Diagnostic d = only(diags, "Unsupported block type");
        assertThat(d.detail()).isEqualTo("Blocks of type \"temporary_iam_instance_profile_policy_documents\" are not"
                + " expected here. Did you mean \"temporary_iam_instance_profile_policy_document\"?");
    }

    @Test
    void anOptionInsideANestedBlockIsCheckedAgainstThatBlocksSpec() {
        Diagnostics diags = decodeFixtureWith("      Effect = \"Allow\"", "      Efect = \"Allow\"");

        Diagnostic d = only(diags, "Unsupported argument");
        assertThat(d.detail()).isEqualTo("An argument named \"Efect\" is not expected here. Did you mean \"Effect\"?");
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedAsPackerRefusesIt() {
        Diagnostics diags = decodeFixtureWith("  ssh_agent_auth          = false",
                "  ssh_agent_auth          = [false]");

        Diagnostic d = only(diags, "Incorrect attribute value type");
        assertThat(d.detail()).isEqualTo("Inappropriate value for attribute \"ssh_agent_auth\": bool required.");
    }

    @Test
    void aMisspeltProvisionerOptionIsAnUnsupportedArgumentWithASuggestion() {
        Path template = CorpusComponents.corpusDir().resolve("templates/hashicorp__packer/examples/hcl/linux/"
                + "build.ubuntu.pkr.hcl");
        String src = new String(CorpusComponents.read(template), StandardCharsets.UTF_8);
        assertThat(src).contains("    environment_vars  = [");

        Diagnostics diags = decode(template, src.replace("    environment_vars  = [", "    enviroment_vars   = ["));

        Diagnostic d = only(diags, "Unsupported argument");
        assertThat(d.detail()).isEqualTo(
                "An argument named \"enviroment_vars\" is not expected here. Did you mean \"environment_vars\"?");
    }

    private static Diagnostics decodeFixtureWith(String original, String replacement) {
        Path template = CorpusComponents.corpusDir().resolve("templates/" + EBS_FIXTURE);
        String src = new String(CorpusComponents.read(template), StandardCharsets.UTF_8);
        assertThat(src).contains(original);
        // Only the first occurrence: the fixture's second source block must stay as it is.
        int at = src.indexOf(original);
        return decode(template, src.substring(0, at) + replacement + src.substring(at + original.length()));
    }

    private static Diagnostics decode(Path template, String src) {
        Diagnostics diags = new Diagnostics();
        List<CorpusComponents.Component> components = CorpusComponents.components(
                src.getBytes(StandardCharsets.UTF_8), template.getFileName().toString(), diags);
        EvalContext ctx = CorpusComponents.unknownValues(template.getParent());
        components.forEach(c -> ConfigDecoder.decode(c.block().body(), c.spec(), ctx, diags));
        return diags;
    }

    private static Diagnostic only(Diagnostics diags, String summary) {
        assertThat(diags.list()).filteredOn(d -> SCHEMA_ERRORS.contains(d.summary())).hasSize(1);
        return diags.list().stream().filter(x -> x.summary().equals(summary)).findFirst().orElseThrow();
    }

    private static List<CorpusComponents.Component> components(Path template, Diagnostics diags) {
        return CorpusComponents.components(CorpusComponents.read(template), template.getFileName().toString(), diags);
    }
}
