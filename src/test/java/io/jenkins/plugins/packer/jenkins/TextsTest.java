package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The texts of Jenkins' pages come from Messages.properties: each key the code asks for is there, and used. */
class TextsTest {

    @Test
    void everyKeyAskedForIsInMessagesPropertiesAndEveryKeyThereIsUsed() throws IOException {
        Properties messages = new Properties();
        try (InputStream in = Texts.class.getResourceAsStream("Messages.properties")) {
            assertThat(in).isNotNull();
            messages.load(in);
        }
        Set<String> used = new TreeSet<>();
        // The keys are written where they are asked for, as literals: "Class.Key".
        Pattern key = Pattern.compile("\"((?:ConsoleMarks|FormChecks|Packer[A-Za-z]+)(?:\\.[A-Za-z]+)+)\"");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/jenkins/plugins/packer/jenkins"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                if (!text.contains("Texts.get(")) {
                    continue;
                }
                Matcher m = key.matcher(text);
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(messages.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(used);
    }

    @Test
    void textsAreFormattedWithTheirArguments() {
        assertThat(new PackerBuildStep.DescriptorImpl().getDisplayName())
                .isEqualTo("Build machine images with a Packer template");
        assertThat(FormChecks.onError(null, "ask").getMessage()).isEqualTo(
                "onError must be one of cleanup, abort, run-cleanup-provisioner (a Jenkins build has no terminal to"
                        + " ask on)");
        assertThat(FormChecks.zeroOrMore(null, "parallelBuilds", "-1").getMessage())
                .isEqualTo("parallelBuilds must be a whole number, 0 or more");
    }
}
