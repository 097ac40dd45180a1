package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every expression of the handmade set, typed into {@code pkrj console template.pkr.hcl}, prints what packer 1.6.6
 * printed and exits as it did. Deliberate differences are listed with the reason and our exact output.
 */
class ConsoleConformanceTest {

    private static final Path SOURCE = CorpusFiles.root().resolve("handmade/expressions");

    /** A copy of the expressions directory with the modes the oracle's had (directories 0755, files 0644). */
    @org.junit.jupiter.api.io.TempDir
    static Path dir;

    private static final DeliberateDifferences DIFFERENCES = DeliberateDifferences.of("console-differences");


    @org.junit.jupiter.api.BeforeAll
    static void copyExpressions() throws IOException {
        try (Stream<Path> paths = Files.walk(SOURCE)) {
            for (Path p : paths.toList()) {
                Path target = dir.resolve(SOURCE.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(p, target);
                    Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }

    static Stream<Arguments> cases() throws IOException {
        return CorpusFiles.tsv(SOURCE.resolve("cases.tsv")).stream()
                .map(r -> Arguments.of(r[0], r[1], Integer.parseInt(r[2])));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void printsWhatPackerPrinted(String id, String expression, int rc) throws IOException {
        Run run = Run.pkrj(dir, expression + "\n", "console", "template.pkr.hcl");
        String expected = Files.readString(SOURCE.resolve("out/" + id + ".txt"), StandardCharsets.UTF_8);
        if (DIFFERENCES.check(id, run, expected.getBytes(StandardCharsets.UTF_8))) {
            return;
        }
        if (!run.out().equals(expected) || run.rc() != rc) {
            Files.writeString(Path.of("target/console-failures.txt"), "== " + id + ": " + expression + "\n--- want (rc "
                    + rc + ")\n" + expected + "--- got (rc " + run.rc() + ")\n" + run.out(),
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        assertThat(run.out()).isEqualTo(expected);
        assertThat(run.rc()).isEqualTo(rc);
    }

    @Test
    void everyCaseIsRead() throws IOException {
        assertThat(cases().count()).isEqualTo(890);
    }
}
