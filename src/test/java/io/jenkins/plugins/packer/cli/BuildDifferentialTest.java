package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Builds each case under {@code build-cases/} with the real {@code packer} 1.6.6 and with {@code pkrj}, each in a
 * fresh copy of the case's folder with the same reduced environment, and compares: the exit code, the console output
 * line by line, and every file the build left behind (names and contents). Durations, run ids, unix times and the
 * names of temporary scripts are normalized, and the lines of the final artifact summary are compared in sorted
 * order (packer prints them in map order). A case runs {@code build -color=false -parallel-builds=1} plus the
 * arguments in its {@code args} file, one per line. Under {@code CI=true} a missing packer fails the test; elsewhere
 * it is skipped. A case is an HCL2 {@code template.pkr.hcl} or a legacy JSON {@code template.json}.
 */
@Tag("differential")
class BuildDifferentialTest {

    private static final Path CASES = Path.of("src/test/resources/build-cases");

    private static Path packer;

    @TempDir
    static Path scratch;

    @BeforeAll
    static void findPacker() {
        packer = BuildRuns.findPacker();
    }

    static Stream<String> cases() throws IOException {
        try (Stream<Path> s = Files.list(CASES)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** The folder of a case's template: its own, or another case's when it holds a "same-template-as" file. */
    private static Path template(Path src) throws IOException {
        Path ref = src.resolve("same-template-as");
        return Files.exists(ref) ? CASES.resolve(Files.readString(ref).strip()) : src;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameAsPacker(String name) throws Exception {
        Path src = CASES.resolve(name);
        List<String> extra = new ArrayList<>();
        Path argsFile = src.resolve("args");
        if (Files.exists(argsFile)) {
            Files.readAllLines(argsFile).stream().filter(l -> !l.isBlank()).forEach(extra::add);
        }
        List<String> args = new ArrayList<>(List.of("build", "-parallel-builds=1"));
        if (extra.stream().noneMatch(a -> a.startsWith("-color"))) {
            args.add("-color=false");
        }
        args.addAll(extra);
        args.add(Files.exists(template(src).resolve("template.json")) ? "template.json" : "template.pkr.hcl");
        Path template = template(src);
        Path theirsDir = BuildRuns.copy(template, scratch.resolve("packer").resolve(name));
        Path oursDir = BuildRuns.copy(template, scratch.resolve("pkrj").resolve(name));
        BuildRuns runs = new BuildRuns(packer, scratch);
        BuildRuns.Outcome theirs = runs.packer(theirsDir, args);
        BuildRuns.Outcome ours = runs.pkrj(oursDir, args);
        assertThat(ours.out()).as("console output of pkrj %s", name).isEqualTo(theirs.out());
        assertThat(ours.rc()).as("exit code of pkrj %s", name).isEqualTo(theirs.rc());
        assertThat(BuildRuns.fileDifferences(ours.files(), theirs.files())).as("files left by pkrj %s", name)
                .isEmpty();
    }
}
