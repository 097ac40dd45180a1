package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Templates nested ten times deeper than what overflowed the stack before (405 lists, 380 objects, 1,470 terms, 300
 * interpolations, 2,000-deep JSON): every command reads them as packer does, on a deep stack; none prints a stack
 * trace, and beyond even that stack the error says the input is nested too deeply.
 */
class DeepNestingTest {

    @TempDir
    Path dir;

    private static String repeat(String s, int n) {
        return s.repeat(n);
    }

    private String template(String kind) {
        return switch (kind) {
            case "lists" -> "locals {\n  a = " + repeat("[", 4050) + "1" + repeat("]", 4050) + "\n}\n";
            case "objects" -> "locals {\n  a = " + repeat("{ a = ", 3800) + "1" + repeat(" }", 3800) + "\n}\n";
            case "sum" -> "locals {\n  a = " + String.join(" + ", java.util.Collections.nCopies(14700, "1")) + "\n}\n";
            case "interpolations" -> "locals {\n  a = \"" + repeat("${\"", 3000) + "x" + repeat("\"}", 3000)
                    + "\"\n}\n";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @CsvSource({"lists,validate", "lists,fmt", "objects,validate", "objects,fmt", "sum,validate", "sum,fmt",
        "sum,inspect", "interpolations,validate", "interpolations,fmt", "interpolations,inspect"})
    void aDeeplyNestedTemplateIsReadWithoutAStackTrace(String kind, String command) throws Exception {
        Files.writeString(dir.resolve("t.pkr.hcl"), template(kind));

        Run r = command.equals("fmt") ? Run.pkrj(dir, "", "fmt", "-check", "t.pkr.hcl")
                : Run.pkrj(dir, "", command, "t.pkr.hcl");

        assertThat(r.out()).doesNotContain("Exception").doesNotContain("StackOverflow")
                .doesNotContain("Internal error").doesNotContain("\tat ");
        assertThat(r.rc()).as(r.out()).isIn(command.equals("fmt") ? List.of(0, 3) : List.of(0));
    }

    @Test
    void aDeepJsonTemplateAndDeepConsoleInputAreRead() throws Exception {
        Files.writeString(dir.resolve("deep.pkr.json"), "{\"variable\": {\"a\": {\"default\": "
                + repeat("[", 20000) + "1" + repeat("]", 20000) + "}}}");

        Run json = Run.pkrj(dir, "", "validate", "deep.pkr.json");
        Run console = Run.pkrj(dir, repeat("[", 2000) + "1" + repeat("]", 2000) + "\n", "console");

        assertThat(json.rc()).as(json.out()).isZero();
        assertThat(console.rc()).as(console.out()).isZero();
        assertThat(console.out()).doesNotContain("Exception").endsWith("]\n");
    }

    @Test
    void nestingBeyondEvenTheDeepStackIsAnError() throws Exception {
        int levels = 3_000_000;
        Files.writeString(dir.resolve("t.pkr.hcl"), "locals {\n  a = " + repeat("[", levels) + "1"
                + repeat("]", levels) + "\n}\n");

        Run r = Run.pkrj(dir, "", "validate", "-syntax-only", "t.pkr.hcl");

        assertThat(r.rc()).isOne();
        assertThat(r.out()).startsWith("Error: the input is nested too deeply").doesNotContain("\tat ");
    }
}
