package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What packerFmt logs, returns and fails with, for each kind of outcome. */
class FmtOutcomeTest {

    private static FmtOutcome outcome(boolean check, List<String> files, String errors) {
        return new FmtOutcome(FmtRequest.of("packer", check, false), files, errors);
    }

    @Test
    void aCheckOfOneFileNamesItInTheSingular() {
        FmtOutcome o = outcome(true, List.of("packer/a.pkr.hcl"), "");
        assertThat(o.failed()).isTrue();
        assertThat(o.failureMessage()).isEqualTo("1 file is not in canonical format (run packerFmt without check,"
                + " or pkrj fmt, to rewrite it):\n  packer/a.pkr.hcl");
        assertThat(o.logText()).isEmpty();
    }

    @Test
    void errorsComeBeforeTheFilesACheckFound() {
        FmtOutcome o = outcome(true, List.of("packer/a.pkr.hcl"), "Error: broken\n\n");
        assertThat(o.failureMessage()).startsWith("Error: broken\n\n1 file is not in canonical format");
    }

    @Test
    void filesRewrittenBeforeAnErrorAreStillLogged() {
        FmtOutcome o = outcome(false, List.of("packer/a.pkr.hcl"), "Error: broken\n");
        assertThat(o.failed()).isTrue();
        assertThat(o.logText()).isEqualTo("Formatted packer/a.pkr.hcl\n");
        assertThat(o.failureMessage()).isEqualTo("Error: broken");
    }

    @Test
    void anErrorAloneLogsNothing() {
        FmtOutcome o = outcome(false, List.of(), "Error: broken\n");
        assertThat(o.logText()).isEmpty();
        assertThat(o.result()).isEmpty();
    }

    @Test
    void aMissingPathMeansTheWorkspace() {
        assertThat(FmtRequest.of(null, false, false).path()).isEqualTo(".");
        assertThat(FmtRequest.of("", false, false).path()).isEqualTo(".");
    }
}
