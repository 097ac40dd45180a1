package io.jenkins.plugins.packer.template.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.packer.template.ErrorSites;
import io.jenkins.plugins.packer.template.ModelErrorCase;
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
 * Every error path of legacy JSON templates (reading, the template parser's checks, user variables, each build's
 * builder, provisioners and post-processors) printed as {@code validate} prints it, byte for byte: packer 1.6.6 gives
 * no position but the line and column of a syntax error and the index of a builder, provisioner or post-processor,
 * so those are what the cases check. Each case is a file of {@code json/model-errors/} (see {@link ModelErrorCase});
 * unless it names a deliberate difference, packer 1.6.6 prints the same bytes.
 */
class JsonModelErrorsTest {

    private static final Path CASES =
            Path.of("src/test/resources/io/jenkins/plugins/packer/template/json/model-errors");
    private static final Path PACKER = Path.of("/usr/bin/packer");
    private static final Path SOURCES = Path.of("src/main/java/io/jenkins/plugins/packer/template/json");

    /**
     * The calls that record an error text for the user, by the name they are called with. GoJsonSyntax, the JSON
     * grammar's checker, is left to GoJsonSyntaxTest and JsonValidateDifferentialTest, as the HCL language is to
     * its spec suite.
     */
    private static final List<String> MESSAGE_CALLS = List.of("problem", "report.accept", "new JsonProblem",
            "errors.add", "diags.error", "failed", "unconvertible", "notASlice", "cannotUnmarshal");

    /**
     * Messages no template can produce, each by its file and a part of its call, with the reason.
     */
    private static final Map<String, String> UNREACHABLE = Map.ofEntries(
            Map.entry("JsonValidate.java: failed(1, \"Failed to parse template: \" + pathError(",
                    "reading a template that exists fails only on an I/O error (root, which the tests run as, reads"
                            + " files without read permission)"),
            Map.entry("JsonValidate.java: failed(1, pathError(\"open\", varFile, e)",
                    "a var-file that exists and is not a directory fails to read only on an I/O error"),
            Map.entry("JsonValidate.java: failed(1, \"Failed to parse template: read \" + template",
                    "validate and inspect read a directory as an HCL2 configuration (template-directory) before they"
                            + " would read it as JSON"));

    @TempDir
    Path dir;

    static List<ModelErrorCase> cases() {
        return ModelErrorCase.all(CASES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatePrintsTheCasesErrors(ModelErrorCase c) throws IOException {
        c.assertEngine(dir);
    }

    @Tag("differential")
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void packerPrintsTheSameUnlessTheDifferenceIsDeliberate(ModelErrorCase c) throws Exception {
        c.assertPacker(PACKER, dir);
    }

    @Test
    void everyErrorMessageOfJsonTemplatesHasACase() throws IOException {
        List<String> outputs = cases().stream().map(c -> ErrorSites.collapse(c.expectedText())).toList();
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(SOURCES)) {
            s.filter(p -> p.toString().endsWith(".java") && !p.endsWith("GoJsonSyntax.java")).sorted()
                    .forEach(files::add);
        }
        List<ErrorSites.Site> sites = ErrorSites.messages(files, MESSAGE_CALLS);
        List<String> missing = new ArrayList<>();
        for (ErrorSites.Site site : sites) {
            if (UNREACHABLE.keySet().stream().anyMatch(k -> site.key().contains(k))) {
                continue;
            }
            String wanted = ErrorSites.collapse(site.literalSummary());
            if (!wanted.isEmpty() && outputs.stream().noneMatch(o -> o.contains(wanted))) {
                missing.add(site.key() + " (no case prints \"" + wanted + "\")");
            }
        }
        assertThat(missing).as("error messages without a case").isEmpty();
        for (String key : UNREACHABLE.keySet()) {
            assertThat(sites).as("listed site %s", key).filteredOn(s -> s.key().contains(key)).hasSize(1);
        }
        assertThat(sites).as("sites found: the scan still works").hasSizeGreaterThan(30);
    }
}
