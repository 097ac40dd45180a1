package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fmt callable run directly on a temporary workspace, as the agent runs it. */
class PackerFormattingTest {

    @TempDir
    Path tmp;

    @Test
    void aLinkedDirectoryMetWhileRecursingIsNotRewritten() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.copy(Templates.path("unformatted.pkr.hcl"), outside.resolve("o.pkr.hcl"));
        Files.copy(Templates.path("unformatted.pkr.hcl"), ws.resolve("w.pkr.hcl"));
        Files.createSymbolicLink(ws.resolve("linked"), outside);
        String before = Files.readString(outside.resolve("o.pkr.hcl"));

        FmtOutcome out = new FmtCallable(FmtRequest.of(".", false, true)).invoke(ws.toFile(), null);

        assertThat(out.files()).containsExactly("w.pkr.hcl");
        assertThat(out.failed()).isTrue();
        assertThat(out.failureMessage()).startsWith("Error: encountered an error while formatting linked/o.pkr.hcl")
                .contains("each file formatted must stay inside the workspace, but linked/o.pkr.hcl leads");
        assertThat(outside.resolve("o.pkr.hcl")).hasContent(before);
        assertThat(Files.readString(ws.resolve("w.pkr.hcl"))).isNotEqualTo(before);
    }

    @Test
    void aMissingPathIsPackersError() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        FmtOutcome out = new FmtCallable(FmtRequest.of("nope", true, false)).invoke(ws.toFile(), null);
        assertThat(out.failureMessage()).contains("stat nope: no such file or directory");
    }
}
