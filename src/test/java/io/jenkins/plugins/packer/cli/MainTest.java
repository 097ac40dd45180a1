package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Main runs each verb's command on its own, by the verb's name; the usage lists every verb. */
class MainTest {

    @TempDir
    Path dir;

    @Test
    void everyVerbsCommandGoesByItsVerbAndTheUsageListsEveryVerb() throws Exception {
        for (Map.Entry<String, Class<?>> verb : Main.VERBS.entrySet()) {
            var constructor = verb.getValue().getDeclaredConstructor();
            assertThat(((Declared) constructor.newInstance()).name()).as(verb.getValue().getName())
                    .isEqualTo(verb.getKey());
        }
        assertThat(Main.usage().lines().filter(l -> l.startsWith("    ")).map(l -> l.trim().split(" ")[0]))
                .containsExactlyInAnyOrderElementsOf(Main.VERBS.keySet());
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
