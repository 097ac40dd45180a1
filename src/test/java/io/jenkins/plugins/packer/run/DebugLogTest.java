package io.jenkins.plugins.packer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@code PACKER_LOG} sends the debug log, and what its lines look like. */
class DebugLogTest {

    @TempDir
    Path dir;

    @Test
    void packerLogUnsetEmptyOrZeroKeepsNoLog() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(DebugLog.fromEnvironment(Map.of(), dir, err)).isNull();
        assertThat(DebugLog.fromEnvironment(Map.of("PACKER_LOG", ""), dir, err)).isNull();
        assertThat(DebugLog.fromEnvironment(Map.of("PACKER_LOG", "0"), dir, err)).isNull();
        assertThat(DebugLog.fromEnvironment(Map.of("PACKER_LOG", "1"), dir, err).out()).isSameAs(err);
        assertThat(DebugLog.fromEnvironment(Map.of("PACKER_LOG", "yes"), dir, err).file()).isFalse();
    }

    @Test
    void aLogPathIsAFileMadeAnewRelativeToTheWorkingDirectory() throws IOException {
        Files.writeString(dir.resolve("old.log"), "from before\n");
        DebugLog.Sink sink = DebugLog.fromEnvironment(Map.of("PACKER_LOG", "1", "PACKER_LOG_PATH", "old.log"), dir,
                new ByteArrayOutputStream());
        assertThat(sink.file()).isTrue();
        SecretMasker masker = new SecretMasker();
        masker.add("hunter2hunter2");
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:11:12Z"), ZoneId.of("UTC"));
        DebugLog log = DebugLog.to(sink, masker, clock);
        log.log("[INFO] the password is hunter2hunter2\nsecond line");
        log.ui("==> null.s: said\n");
        log.close();
        String text = Files.readString(dir.resolve("old.log"));
        assertThat(text).doesNotContain("from before").doesNotContain("hunter2")
                .matches("(?s)\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d \\[INFO\\] the password is <sensitive>\n"
                        + "\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d second line\n"
                        + "\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d ui: ==> null.s: said\n");
    }

    @Test
    void theConsolesLinesGoOnlyToALogOfItsOwn() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DebugLog log = DebugLog.to(new DebugLog.Sink(err, false), new SecretMasker(), Clock.systemUTC());
        log.ui("==> null.s: said\n");
        log.log("[INFO] kept");
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("ui:").contains("[INFO] kept");
    }

    @Test
    void aLogFileThatCannotBeMadeSaysWhy() {
        assertThatThrownBy(() -> DebugLog.fromEnvironment(Map.of("PACKER_LOG", "1", "PACKER_LOG_PATH",
                "missing/debug.log"), dir, new ByteArrayOutputStream()))
                .hasMessage("open missing/debug.log: no such file or directory");
    }
}
