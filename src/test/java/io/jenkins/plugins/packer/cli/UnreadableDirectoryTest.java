package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file functions (and {@code fmt}) on what the process may not read: a directory it may not list ({@code 000}),
 * one it may list but not search ({@code 400}), a file it may not open. {@code pkrj} runs in a process of its own
 * where permissions hold: as root (tests run as root here), without the capabilities that bypass them
 * ({@code setpriv}). Expected outputs are packer 1.6.6's, run the same way.
 */
class UnreadableDirectoryTest {

    private static final String DROP_CAPABILITIES = "--bounding-set=-dac_override,-dac_read_search";

    @TempDir
    Path dir;

    @BeforeEach
    void lockedDirectories() throws IOException {
        Files.writeString(Files.createDirectories(dir.resolve("locked")).resolve("f"), "f\n");
        Files.writeString(Files.createDirectories(dir.resolve("listonly")).resolve("g"), "g\n");
        Files.writeString(dir.resolve("h.txt"), "h\n");
        Files.setPosixFilePermissions(dir.resolve("locked"), PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(dir.resolve("listonly"), PosixFilePermissions.fromString("r--------"));
    }

    @AfterEach
    void unlock() throws IOException {
        Files.setPosixFilePermissions(dir.resolve("locked"), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(dir.resolve("listonly"), PosixFilePermissions.fromString("rwx------"));
    }

    /** The command as a process whose permissions hold; the test is skipped where that cannot be had. */
    private List<String> restricted(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")),
                    "setpriv (util-linux) is needed to run pkrj as root without permission-bypassing capabilities");
            Process probe = new ProcessBuilder("/usr/bin/setpriv", DROP_CAPABILITIES, "ls", dir.resolve("locked")
                    .toString()).redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            assumeTrue(probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() != 0,
                    "setpriv could not drop the capabilities that bypass file permissions here");
            cmd.add("/usr/bin/setpriv");
            cmd.add(DROP_CAPABILITIES);
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private record Run(int exitCode, String output) {}

    private Run run(String input, String... args) throws Exception {
        Process p = new ProcessBuilder(restricted(args)).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            try (var in = p.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void filesetLeavesOutDirectoriesItCannotReadAsPackerDoes() throws Exception {
        Files.writeString(dir.resolve("t.pkr.hcl"), "locals {}\n");

        Run r = run("[fileset(path.root, \"locked/*\"), fileset(path.root, \"listonly/*\"),"
                + " fileset(\"listonly\", \"g\"), fileset(path.root, \"**\")]\n", "console", "t.pkr.hcl");

        assertThat(r.output()).isEqualTo("""
                [
                  [],
                  [],
                  [],
                  [
                    "h.txt",
                    "t.pkr.hcl",
                  ],
                ]
                """);
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void aFileInADirectoryThatCannotBeReadIsAnErrorAtItsCall() throws Exception {
        Files.writeString(dir.resolve("t.pkr.hcl"), """
                locals {
                  listed   = fileset(path.root, "locked/*")
                  searched = fileset(path.root, "listonly/*")
                  deep     = fileset(path.root, "**")
                  text     = file("locked/f")
                }
                source "null" "a" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.a"]
                }
                """);

        Run r = run("", "validate", "t.pkr.hcl");

        assertThat(r.output()).isEqualTo("""
                Error: Error in function call

                  on t.pkr.hcl line 5:
                  (source code not available)

                Call to function "file" failed: failed to read locked/f.


                """);
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void fmtOfAFileThatCannotBeReadSaysSoAsPackerDoes() throws Exception {
        Path t = dir.resolve("t.pkr.hcl");
        Files.writeString(t, "locals {}\n");
        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("---------"));

        Run r = run("", "fmt", "t.pkr.hcl");

        assertThat(r.output()).isEqualTo("""
                Error: encountered an error while formatting t.pkr.hcl

                failed to open t.pkr.hcl: open t.pkr.hcl: permission denied


                """);
        assertThat(r.exitCode()).isEqualTo(1);
    }
}
