package io.jenkins.plugins.packer.template.upgrade;

import io.jenkins.plugins.packer.SharedCorpus;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Packer 1.9.5's own hcl2_upgrade test cases: every {@code input.json} converts to its {@code expected.pkr.hcl} byte
 * for byte, with the flags and exit code packer's {@code Test_hcl2_upgrade} gives each case. Packer's test runs with
 * the builders file, null, amazon-ebs and azure-arm registered, so the others count as unknown builders here too.
 */
class Hcl2UpgradeFixturesTest {

    private static final Set<String> PACKER_TEST_BUILDERS = Set.of("file", "null", "amazon-ebs", "azure-arm");

    static Path fixtures() {
        return SharedCorpus.dir().resolve("packer-testdata/v1.9.5/command/test-fixtures/hcl2_upgrade");
    }

    /** Case, flags and exit code, as in packer's hcl2_upgrade_test.go. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("unknown_builder", false, 1),
                Arguments.of("complete", true, 0),
                Arguments.of("without-annotations", false, 0),
                Arguments.of("minimal", true, 0),
                Arguments.of("source-name", true, 0),
                Arguments.of("error-cleanup-provisioner", true, 0),
                Arguments.of("aws-access-config", false, 0),
                Arguments.of("escaping", false, 0),
                Arguments.of("vsphere_linux_options_and_network_interface", false, 1),
                Arguments.of("placeholders", false, 0),
                Arguments.of("ami_test", false, 0),
                Arguments.of("azure_shg", false, 0),
                Arguments.of("variables-only", false, 0),
                Arguments.of("variables-with-variables", false, 0),
                Arguments.of("complete-variables-with-template-engine", false, 0),
                Arguments.of("undeclared-variables", false, 0),
                Arguments.of("varfile-with-no-variables-block", false, 0),
                Arguments.of("bundled-plugin-used", false, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void convertsAsPacker(String name, boolean annotations, int exitCode, @TempDir Path dir) throws IOException {
        Path input = dir.resolve("input.json");
        Files.copy(fixtures().resolve(name).resolve("input.json"), input);
        Hcl2UpgradeRun.Result r = Hcl2UpgradeRun.run(dir, "input.json", null, annotations,
                PACKER_TEST_BUILDERS::contains);
        String expected = Files.readString(fixtures().resolve(name).resolve("expected.pkr.hcl"),
                StandardCharsets.UTF_8);
        assertThat(Files.readString(dir.resolve("input.json.pkr.hcl"), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(r.exitCode()).as(r.output()).isEqualTo(exitCode);
        assertThat(r.output()).endsWith("Successfully created input.json.pkr.hcl. Exit " + exitCode + "\n");
    }

    @Test
    void everyFixtureDirectoryIsACase() throws IOException {
        List<String> listed = cases().map(a -> (String) a.get()[0]).sorted().toList();
        try (Stream<Path> dirs = Files.list(fixtures())) {
            assertThat(dirs.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(listed);
        }
    }

    @Test
    void aMissingTemplateFailsAfterCreatingTheOutput(@TempDir Path dir) {
        Hcl2UpgradeRun.Result r = Hcl2UpgradeRun.run(dir, "nonexistent/input.json", null, false, t -> true);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output()).isEqualTo("Failed to parse file as legacy JSON template: if you are using an HCL "
                + "template, check your file extensions; they should be either *.pkr.hcl or *.pkr.json; see the docs "
                + "for more details: https://www.packer.io/docs/templates/hcl_templates. \nOriginal error: open "
                + "nonexistent/input.json: no such file or directory\nFailed to get config from JSON\n");
        assertThat(dir.resolve("nonexistent/input.json.pkr.hcl")).exists();
    }
}
