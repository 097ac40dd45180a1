package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/** The verbs Main runs on their own (without reading every command's annotations) are all of its subcommands. */
class MainTest {

    @TempDir
    Path dir;

    @Test
    void everySubcommandIsAVerbByItsName() {
        Map<String, Class<?>> declared = Arrays.stream(Main.class.getAnnotation(Command.class).subcommands())
                .collect(Collectors.toMap(c -> c.getAnnotation(Command.class).name(), c -> c));
        assertThat(Main.VERBS).isEqualTo(declared);
    }

    private String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new Main.Io(InputStream.nullInputStream(), new PrintStream(out, true,
                StandardCharsets.UTF_8), Map.of(), dir), args);
        return code + "\n" + out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownVerbOrNoneShowsTheUsageAndAnUnknownFlagTheVerbsHelp() {
        assertThat(run("frobnicate")).startsWith("127\nUsage: pkrj [--version] [--help] <command> [<args>]");
        assertThat(run()).startsWith("127\nUsage: pkrj");
        assertThat(run("validate", "-bogus", ".")).startsWith("1\nflag provided but not defined: -bogus\n")
                .contains("Usage: pkrj validate");
    }
}
