package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code pkrj fmt} prints and returns beyond single files: diffs, directories, stdin, bad paths and flags. */
class FmtCommandTest {

    @TempDir
    Path dir;

    @Test
    void diffIsAUnifiedDiffWithPackersLabels() throws IOException {
        Files.writeString(dir.resolve("x.pkr.hcl"), "a   =   1\nbb = 2\n\nc = 3\n");
        Run run = Run.pkrj(dir, "", "fmt", "-diff", "x.pkr.hcl");
        // What packer 1.6.6 prints (it runs diff -u --label=old/F --label=new/F).
        assertThat(run.out()).isEqualTo("x.pkr.hcl\n--- old/x.pkr.hcl\n+++ new/x.pkr.hcl\n@@ -1,4 +1,4 @@\n"
                + "-a   =   1\n+a  = 1\n bb = 2\n \n c = 3\n");
        assertThat(run.rc()).isZero();
    }

    @Test
    void aDirectoryGivesItsTemplatesThenItsVarFilesInNameOrder() throws IOException {
        Files.writeString(dir.resolve("b.pkr.hcl"), "x  = 1\n");
        Files.writeString(dir.resolve("a.pkrvars.hcl"), "y  = 1\n");
        Files.writeString(dir.resolve("c.pkr.hcl"), "z  = 1\n");
        Files.writeString(dir.resolve("d.pkr.json"), "{}");
        Run run = Run.pkrj(dir, "", "fmt", "-check", ".");
        assertThat(run.out()).isEqualTo("b.pkr.hcl\nc.pkr.hcl\na.pkrvars.hcl\n");
        assertThat(run.rc()).isEqualTo(3);
    }

    @Test
    void aDirectoryIsNotEnteredUnlessRecursive() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("top.pkr.hcl"), "x = 1\n");
        Files.writeString(dir.resolve("sub/inner.pkr.hcl"), "x  = 1\n");
        assertThat(Run.pkrj(dir, "", "fmt", "-check", ".").rc()).isZero();
        Run recursive = Run.pkrj(dir, "", "fmt", "-check", "-recursive", ".");
        assertThat(recursive.out()).isEqualTo("sub/inner.pkr.hcl\n");
        assertThat(recursive.rc()).isEqualTo(3);
    }

    @Test
    void dashFormatsStandardInputToStandardOutput() {
        Run run = Run.pkrj(dir, "a   =   1\nbb = 2\n", "fmt", "-");
        assertThat(run.out()).isEqualTo("a  = 1\nbb = 2\n");
        assertThat(run.rc()).isZero();
    }

    @Test
    void dashWithCheckPrintsNothingAndExitsThreeWhenNotCanonical() {
        Run run = Run.pkrj(dir, "a   =   1\n", "fmt", "-check", "-");
        assertThat(run.out()).isEmpty();
        assertThat(run.rc()).isEqualTo(3);
    }

    @Test
    void aFileThatDoesNotParseIsReportedAndLeftAlone() throws IOException {
        Files.writeString(dir.resolve("bad.pkr.hcl"), "a = {\n");
        Run run = Run.pkrj(dir, "", "fmt", "bad.pkr.hcl");
        assertThat(run.out()).isEqualTo("Error: encountered an error while formatting bad.pkr.hcl\n\n"
                + "failed to parse HCL bad.pkr.hcl\n\n\n");
        assertThat(run.rc()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("bad.pkr.hcl"))).isEqualTo("a = {\n");
    }

    @Test
    void aDirectoryWithoutHclIsAnError() throws IOException {
        Files.createDirectories(dir.resolve("d"));
        Files.writeString(dir.resolve("d/a.txt"), "x = 1\n");
        Run run = Run.pkrj(dir, "", "fmt", "d");
        assertThat(run.out()).isEqualTo("Error: Cannot tell whether d contains HCL2 configuration data\n\n\n");
        assertThat(run.rc()).isEqualTo(1);
    }

    @Test
    void aMissingPathIsAnError() {
        Run run = Run.pkrj(dir, "", "fmt", "nothere");
        assertThat(run.out()).isEqualTo("Error: Cannot tell wether nothere is a directory\n\n"
                + "stat nothere: no such file or directory\n\n\n");
        assertThat(run.rc()).isEqualTo(1);
    }

    @Test
    void anUnknownFlagPrintsUsageAndExitsOne() {
        Run run = Run.pkrj(dir, "", "fmt", "-bogus", "x");
        assertThat(run.out()).startsWith("flag provided but not defined: -bogus\nUsage: pkrj fmt [options] [TEMPLATE]");
        assertThat(run.rc()).isEqualTo(1);
    }

    @Test
    void writeFalseReportsWithoutRewriting() throws IOException {
        Files.writeString(dir.resolve("x.pkr.hcl"), "a   =   1\n");
        Run run = Run.pkrj(dir, "", "fmt", "-write=false", "x.pkr.hcl");
        assertThat(run.out()).isEqualTo("x.pkr.hcl\n");
        assertThat(run.rc()).isZero();
        assertThat(Files.readString(dir.resolve("x.pkr.hcl"))).isEqualTo("a   =   1\n");
    }
}
