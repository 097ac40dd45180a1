package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The flags of {@code fmt}, {@code validate} and {@code build} (declared in code, see {@link Declared}) spelled every
 * way Go's flag package takes them, and wrongly: the same output, files and exit code as packer 1.6.6's.
 */
class FlagSpellingsDifferentialTest {

    /** The line Go's flag package means to print before the help; packer's exit outruns it (difference 78). */
    private static final String GO_FLAG_ERROR = "^flag (provided but not defined: \\S+|-\\S+: invalid value .*)\n";

    @TempDir
    Path scratch;

    static Stream<String> invocations() {
        return Stream.of(
                "fmt -check .", "fmt --check .", "fmt -check=true .", "fmt -check=false .", "fmt -write=false .",
                "fmt --write=false -diff .", "fmt -diff -check .",
                "fmt -check", "fmt -check a.pkr.hcl sub", "fmt -bogus .", "fmt -check=maybe .", "fmt -write false .",
                "validate -syntax-only t.pkr.hcl", "validate --syntax-only t.pkr.hcl",
                "validate -syntax-only=false t.pkr.hcl", "validate -only=null.a t.pkr.hcl",
                "validate -only null.a -only null.b t.pkr.hcl", "validate -except=null.a,null.b t.pkr.hcl",
                "validate -except null.b t.pkr.hcl", "validate -var x=1 -var x=2 t.pkr.hcl",
                "validate -var x=a=b t.pkr.hcl", "validate -var bad t.pkr.hcl", "validate -var=x=3 t.pkr.hcl",
                "validate -var-file=v.pkrvars.hcl t.pkr.hcl", "validate -var-file v.pkrvars.hcl -var x=9 t.pkr.hcl",
                "validate -var-file=missing.pkrvars.hcl t.pkr.hcl", "validate", "validate -syntax-only",
                "validate t.pkr.hcl a.pkr.hcl", "validate -bogus t.pkr.hcl", "validate -only t.pkr.hcl",
                "build -only=null.a t.pkr.hcl", "build -color=false -only null.a t.pkr.hcl",
                "build --color=false -except=null.b -var x=7 t.pkr.hcl", "build -force -only=null.b t.pkr.hcl",
                "build -parallel-builds=1 -only=null.a -var-file v.pkrvars.hcl t.pkr.hcl",
                "build -on-error=abort -only=null.a t.pkr.hcl", "build -on-error=bogus t.pkr.hcl",
                "build -on-error abort -only null.a t.pkr.hcl", "build -parallel-builds=abc t.pkr.hcl",
                "build -var bad t.pkr.hcl", "build", "build -color false t.pkr.hcl", "build -bogus t.pkr.hcl",
                "validate t.pkr.hcl -syntax-only", "fmt . -check", "build t.pkr.hcl -only=null.a",
                "validate -- t.pkr.hcl", "fmt -check -- .");
    }

    private static void folder(Path dir) throws IOException {
        Files.writeString(dir.resolve("t.pkr.hcl"), """
                variable "x" {
                  type    = string
                  default = "0"
                }
                source "null" "a" {
                  communicator = "none"
                }
                source "null" "b" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.a", "source.null.b"]
                  provisioner "shell-local" {
                    inline = ["echo ${var.x}"]
                  }
                }
                """);
        Files.writeString(dir.resolve("a.pkr.hcl"), "locals {\n  a = 1\n    bb = 2\n}\n");
        Files.writeString(dir.resolve("v.pkrvars.hcl"), "x = \"5\"\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/b.pkr.hcl"), "locals {\n    c = 3\n}\n");
    }

    @ParameterizedTest
    @MethodSource("invocations")
    void asPackerTakesThem(String invocation) throws Exception {
        List<String> args = List.of(invocation.split(" "));
        Path theirs = Files.createDirectories(scratch.resolve("packer"));
        Path ours = Files.createDirectories(scratch.resolve("pkrj"));
        folder(theirs);
        folder(ours);

        Run expected = packer(theirs, args);
        Run actual = Run.pkrj(ours, "", args.toArray(String[]::new));

        // The help itself is pkrj's (difference 78 of docs/differences.md): what comes before it, and whether it
        // comes, is compared.
        assertThat(beforeHelp(timeless(actual.out()).replaceFirst(GO_FLAG_ERROR, ""),
                "pkrj")).as("output of %s", invocation).isEqualTo(beforeHelp(timeless(expected.out()), "packer"));
        assertThat(actual.rc()).as("exit code of %s", invocation).isEqualTo(expected.rc());
        for (String f : List.of("t.pkr.hcl", "a.pkr.hcl", "sub/b.pkr.hcl")) {
            assertThat(ours.resolve(f)).as("%s after %s", f, invocation).hasSameTextualContentAs(theirs.resolve(f));
        }
    }

    /** A build's output without its durations and temporary script names, which differ from run to run. */
    private static String timeless(String out) {
        return out.replaceAll("(finished|completed) after [^\n]*", "$1 after (time)")
                .replaceAll("/tmp/packer-shell[0-9]+", "/tmp/packer-shell(n)");
    }

    private static String beforeHelp(String out, String tool) {
        int help = out.indexOf("Usage: " + tool + " ");
        return help < 0 ? out : out.substring(0, help) + "(help)";
    }

    private static Run packer(Path dir, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(BuildRuns.findPacker().toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "CHECKPOINT_DISABLE", "1", "LANG", "C.UTF-8",
                "HOME", dir.toString()));
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out;
        try (InputStream o = p.getInputStream()) {
            out = o.readAllBytes();
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("packer %s finished", args).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), out);
    }
}
