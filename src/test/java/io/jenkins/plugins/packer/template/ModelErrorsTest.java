package io.jenkins.plugins.packer.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error path of the HCL2 template model (variables, var-files, locals, data sources, sources, builds, component
 * configurations, build selection) printed as {@code validate} prints it: summary, position, source lines and
 * detail, byte for byte. Each case is a file of {@code model-errors/} (see {@link ModelErrorCase}); unless it names a
 * deliberate difference, packer 1.6.6 prints the same bytes, which the differential test checks where packer is
 * installed.
 */
class ModelErrorsTest {

    static final Path CASES = Path.of("src/test/resources/io/jenkins/plugins/packer/template/model-errors");
    private static final Path PACKER = Path.of("/usr/bin/packer");

    /** The model's main sources: the packages whose diagnostics these cases cover. */
    private static final List<Path> SOURCES = List.of(
            Path.of("src/main/java/io/jenkins/plugins/packer/template"),
            Path.of("src/main/java/io/jenkins/plugins/packer/component"),
            Path.of("src/main/java/io/jenkins/plugins/packer/plan"),
            Path.of("src/main/java/io/jenkins/plugins/packer/ops/Validate.java"),
            Path.of("src/main/java/io/jenkins/plugins/packer/ops/Inspect.java"));

    /**
     * Error sites whose summary is not a literal, each by its file and a part of its call: the text that a case's
     * output must hold to show the site was reached.
     */
    private static final Map<String, String> COMPUTED = Map.ofEntries(
            Map.entry("BuildDecoder.java: diags.error(summary, Evaluator.withoutSecrets(e.getMessage(),"
                    + " List.of(value)), b.defRange())",
                    "Error: Failed to parse timeout duration"),
            Map.entry("BuildPlanner.java: diags.error(Preparers.decodeErrorPrefix(\"builder\", src.type())"
                            + " + e.getMessage()",
                    "Error: invalid 'ssh_host': template: root:1: function \"nope\" not defined in:"),
            Map.entry("BuildPlanner.java: diags.error(Preparers.decodeErrorPrefix(\"builder\", src.type())"
                            + " + notWhole",
                    "Error: value must be a whole number, between -9223372036854775808 and 9223372036854775807:"
                            + " [{{} ssh_port}]"),
            Map.entry("BuildPlanner.java: diags.error(summary, decodeError + notWhole, defRange)",
                    "9223372036854775807: [{{} compression_level}]"),
            Map.entry("BuildPlanner.java: Diagnostic.warning(w, null, at)",
                    "Warning: Both source file and contents are blank"),
            Map.entry("BuildPlanner.java: diags.error(prepared.error(), null, at)",
                    "Error: 4 error(s) occurred:"),
            Map.entry("BuildPlanner.java: diags.error(summary, errorText(decodeDiags), defRange)",
                    ": Unsupported argument; An argument named \"nope\""),
            Map.entry("BuildPlanner.java: diags.error(summary, decodeError + unknownKeys(unknown), defRange)",
                    "Error decoding config: 1 error occurred: * unknown configuration key: '\"nope\"'"),
            Map.entry("BuildPlanner.java: diags.error(summary, decodeError + e.getMessage(), defRange)",
                    "Error decoding config: invalid 'inline': template: root:1: function \"nope\" not defined"),
            Map.entry("BuildPlanner.java: diags.error(summary, prepared.error(), defRange)",
                    "* Command, Inline, Script and Scripts options cannot all be empty."),
            Map.entry("HclConfig.java: diags.error(configured.error(), null, def.block().defRange())",
                    "Error: 1 error(s) occurred: * The `input` must be specified"),
            Map.entry("VariableValues.java: diags.error(summary, detail + e.getMessage() + \".\", subject)",
                    "Error: Invalid argument value for -var variable"));

    /**
     * Error sites no case of validate or init can reach, each by its file and a part of its call, with the reason.
     * Keep this short: a site that a template, a var-file, the environment or the command line can reach needs a
     * case instead.
     */
    private static final Map<String, String> UNREACHABLE = Map.ofEntries(
            Map.entry("HclConfig.java: Diagnostic.error(\"Cannot read hcl directory\"",
                    "listing a directory that exists fails only on an I/O error (a directory without read"
                            + " permission still lists for root, which the tests run as)"),
            Map.entry("HclConfig.java: diags.error(\"Data source \" + def.type() + \" is not available\"",
                    "every data source with a spec has an implementation (ComponentSpecs and the DataSource services"
                            + " list the same types)"),
            Map.entry("HclConfig.java: diags.error(\"Datasource.Execute failed: \"",
                    "data sources run only in builds and the console (validate and init leave their outputs"
                            + " unknown) and the ones that can fail read AWS: AmazonDataSourcesTest checks this message"
                            + " against a local EC2 API"));

    @TempDir
    Path dir;

    static List<ModelErrorCase> cases() {
        return ModelErrorCase.all(CASES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatePrintsTheCasesDiagnostics(ModelErrorCase c) throws IOException {
        c.assertEngine(dir);
    }

    @Tag("differential")
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void packerPrintsTheSameUnlessTheDifferenceIsDeliberate(ModelErrorCase c) throws Exception {
        c.assertPacker(PACKER, dir);
    }

    @Test
    void everyDiagnosticOfTheModelHasACase() {
        List<String> outputs = cases().stream().map(c -> ErrorSites.collapse(c.expectedText())).toList();
        List<String> missing = new ArrayList<>();
        List<ErrorSites.Site> sites = ErrorSites.find(SOURCES);
        for (ErrorSites.Site site : sites) {
            if (listed(UNREACHABLE, site) != null) {
                continue;
            }
            List<String> shown = new ArrayList<>();
            if (site.literalSummary() != null) {
                shown.add(site.prefix() + site.literalSummary());
                if (site.literalDetail() != null && !site.literalDetail().isEmpty()) {
                    shown.add(site.literalDetail());
                }
            } else if (listed(COMPUTED, site) != null) {
                shown.add(COMPUTED.get(listed(COMPUTED, site)));
            } else {
                missing.add(site.key() + " (a computed summary: add it to COMPUTED with the text a case shows)");
                continue;
            }
            List<String> wanted = shown.stream().map(ErrorSites::collapse).toList();
            if (outputs.stream().noneMatch(o -> wanted.stream().allMatch(o::contains))) {
                missing.add(site.key() + " (no case prints " + wanted + ")");
            }
        }
        assertThat(missing).as("error sites without a case").isEmpty();
        for (String key : concat(COMPUTED.keySet(), UNREACHABLE.keySet())) {
            assertThat(sites).as("listed site %s", key).filteredOn(s -> s.key().contains(key)).hasSize(1);
        }
        assertThat(sites).as("sites found: the scan still works").hasSizeGreaterThan(60);
    }

    /** The key of {@code listed} that names {@code site}, or null. */
    static String listed(Map<String, String> listed, ErrorSites.Site site) {
        return listed.keySet().stream().filter(k -> site.key().contains(k)).findFirst().orElse(null);
    }

    private static List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
