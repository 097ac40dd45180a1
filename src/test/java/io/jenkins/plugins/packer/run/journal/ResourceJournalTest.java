package io.jenkins.plugins.packer.run.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceJournalTest {

    @TempDir
    Path state;

    private final Clock clock = Clock.systemUTC();

    @Test
    void aRunThatMakesNothingWritesNothing() throws Exception {
        try (ResourceJournal j = ResourceJournal.open(state, "r1", clock)) {
            assertThat(j.runId()).isEqualTo("r1");
        }
        assertThat(state.resolve("runs")).doesNotExist();
    }

    @Test
    void everyLineIsOnDiskAsSoonAsItIsWrittenAndTheLiveRunIsLocked() throws Exception {
        try (ResourceJournal j = ResourceJournal.open(state, "r1", clock)) {
            long key = j.intent("amazon-ebs.base", "aws.key-pair", "us-east-1", "packer_1", "http://127.0.0.1:1");
            j.created(key, "packer_1");
            j.intent("amazon-ebs.base", "aws.instance", "us-east-1", "", "");

            List<RunJournals.Run> runs = RunJournals.read(state);

            assertThat(runs).hasSize(1);
            RunJournals.Run run = runs.get(0);
            assertThat(run.alive()).isTrue();
            assertThat(run.leftovers()).containsExactly(new RunJournals.Leftover("r1", "aws.key-pair", "us-east-1",
                    "packer_1", "http://127.0.0.1:1"));
            assertThat(run.unresolved()).containsExactly(new RunJournals.Unresolved("r1", "aws.instance",
                    "us-east-1", "", ""));
        }
        RunJournals.Run dead = RunJournals.read(state).get(0);
        assertThat(dead.alive()).isFalse();
        assertThat(dead.leftovers()).hasSize(1);
    }

    @Test
    void aRunThatRemovedOrKeptEverythingDeletesItsJournal() throws Exception {
        try (ResourceJournal j = ResourceJournal.open(state, "r1", clock)) {
            long group = j.intent("b", "aws.security-group", "us-east-1", "g", "");
            j.created(group, "sg-1");
            long image = j.intent("b", "aws.image", "us-east-1", "ami", "");
            j.created(image, "ami-1");
            j.removed("aws.security-group", "us-east-1", "sg-1");
            j.kept("aws.image", "us-east-1", "ami-1");
        }
        assertThat(state.resolve("runs/r1")).doesNotExist();
    }

    @Test
    void aKeptImageIsNeitherLeftNorSweptAndAHalfWrittenLineIsSkipped() throws Exception {
        try (ResourceJournal j = ResourceJournal.open(state, "r1", clock)) {
            j.created(j.intent("b", "aws.image", "us-east-1", "ami", ""), "ami-1");
            j.created(j.intent("b", "aws.instance", "us-east-1", "", ""), "i-1");
            j.kept("aws.image", "us-east-1", "ami-1");
        }
        Files.writeString(state.resolve("runs/r1/journal.jsonl"), "{\"time\":\"2026-", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        RunJournals.Run run = RunJournals.read(state).get(0);

        assertThat(run.leftovers()).extracting(RunJournals.Leftover::id).containsExactly("i-1");
        assertThat(run.kept()).containsExactly(RunJournals.key("aws.image", "us-east-1", "ami-1"));
    }
}
