package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.packer.builder.amazon.MotoServer;
import io.jenkins.plugins.packer.run.journal.ResourceJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** {@code packerSweep} against moto: what a dead run of the workspace left goes, nothing else. */
class PackerSweepStepTest {

    @TempDir
    Path ws;

    @TempDir
    Path shared;

    @AfterEach
    void removeWorkspaceTmp() throws Exception {
        WorkspaceTmp.delete(ws);
    }

    private List<String> sweep(PackerSweepStep step, MotoServer moto) throws Exception {
        FakeStepContext ctx = new FakeStepContext(ws, Map.of("AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_KEY, "AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL", moto.endpoint()));
        return ((PackerSweepStep.Execution) step.start(ctx)).run();
    }

    @Test
    void removesWhatADeadRunOfTheWorkspaceLeftAndNothingElse() throws Exception {
        try (MotoServer moto = MotoServer.start(shared.resolve("moto")); Ec2Client ec2 = moto.client("us-east-1")) {
            // A run that made a key pair and died (its journal's lock is free), and a key pair of someone else's.
            try (ResourceJournal journal = ResourceJournal.open(PackerBuilding.stateDir(ws), "dead-run",
                    Clock.systemUTC())) {
                long entry = journal.intent("amazon-ebs.base", "aws.key-pair", "us-east-1", "packer_left", "");
                ec2.createKeyPair(b -> b.keyName("packer_left").tagSpecifications(t -> t
                        .resourceType(ResourceType.KEY_PAIR).tags(g -> g.key(ResourceJournal.RUN_TAG).value("dead-run"))));
                journal.created(entry, "packer_left");
            }
            ec2.createKeyPair(b -> b.keyName("mine"));

            PackerSweepStep dry = new PackerSweepStep();
            dry.setDryRun(true);
            assertThat(sweep(dry, moto)).contains("==> sweep: Would delete key pair packer_left in us-east-1 (run"
                    + " dead-run)");
            assertThat(ec2.describeKeyPairs().keyPairs()).hasSize(2);

            PackerSweepStep step = new PackerSweepStep();
            step.setRegions(" ");
            assertThat(step.getRegions()).as("a blank form field is no value").isNull();
            List<String> lines = sweep(step, moto);

            assertThat(lines).contains("==> sweep: Deleting key pair packer_left in us-east-1 (run dead-run)...",
                    "==> sweep: Removed 1 resource(s) of 1 run(s).");
            assertThat(ec2.describeKeyPairs().keyPairs()).extracting(k -> k.keyName()).containsExactly("mine");
            assertThat(sweep(new PackerSweepStep(), moto)).containsExactly("==> sweep: Nothing to sweep.");
        }
    }

    @Test
    void aDurationThatDoesNotParseIsAClearError() {
        PackerSweepStep step = new PackerSweepStep();
        step.setOlderThan("two hours");
        FakeStepContext ctx = new FakeStepContext(ws, Map.of());
        assertThatThrownBy(() -> ((PackerSweepStep.Execution) step.start(ctx)).run())
                .isInstanceOf(AbortException.class)
                .hasMessage("olderThan: time: invalid duration \"two hours\"");
    }
}
