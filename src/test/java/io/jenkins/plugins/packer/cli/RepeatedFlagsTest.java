package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flags given more than once, as Go's flag package takes them: every -var counts, the last value of a key wins. */
class RepeatedFlagsTest {

    @TempDir
    Path dir;

    @Test
    void everyVarCountsAndTheLastValueOfAKeyWins() throws Exception {
        Files.writeString(dir.resolve("t.pkr.hcl"), """
                variable "a" {
                  type = string
                }
                variable "b" {
                  type = string
                }
                source "null" "n" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.n"]
                }
                """);

        Run validate = Run.pkrj(dir, "", "validate", "-var", "a=1", "-var", "b=2", "t.pkr.hcl");
        Run console = Run.pkrj(dir, "var.a\n", "console", "-var", "a=1", "-var", "a=3", "-var", "b=2",
                "t.pkr.hcl");
        Run missing = Run.pkrj(dir, "", "console", "-var-file=missing.pkrvars.hcl", "t.pkr.hcl");

        assertThat(validate.rc()).as(validate.out()).isZero();
        assertThat(console.out()).isEqualTo("3\n");
        assertThat(missing.rc()).isOne();
        assertThat(missing.out()).contains("The configuration file \"missing.pkrvars.hcl\" could not be read.");
    }
}
