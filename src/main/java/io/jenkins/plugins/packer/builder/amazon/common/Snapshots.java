package io.jenkins.plugins.packer.builder.amazon.common;

import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.StepState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** What the builders that snapshot volumes themselves share (amazon-ebssurrogate, amazon-ebsvolume). */
public final class Snapshots {

    private Snapshots() {
    }

    /** Waits until a snapshot is completed, as Packer's {@code WaitUntilSnapshotDone}. */
    public static void await(StepState state, Ec2Client ec2, String id) throws Ec2.WaitFailed,
            Cancellation.CancelledException {
        Ec2.waitFor(state, LaunchSteps.WAIT_DELAY, LaunchSteps.WAIT_ATTEMPTS, () -> {
            List<Snapshot> found = ec2.describeSnapshots(b -> b.snapshotIds(id)).snapshots();
            if (found.isEmpty()) {
                return null;
            }
            if (found.get(0).state() == SnapshotState.ERROR) {
                throw new Ec2.WaitFailed("ResourceNotReady: failed waiting for successful resource state");
            }
            return found.get(0).state() == SnapshotState.COMPLETED ? found.get(0) : null;
        });
    }

    /**
     * Snapshots a volume, tagged with {@code tags} and the run's tag, and writes it to the run's journal; returns its
     * id.
     */
    public static String create(StepState state, Ec2Client ec2, String volumeId, String description, List<Tag> tags) {
        long entry = Ec2.intent(state, Ec2.SNAPSHOT_KIND, Ec2.region(state), "");
        String id = ec2.createSnapshot(b -> b.volumeId(volumeId).description(description)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SNAPSHOT)
                        .tags(Ec2.withRunTag(state, tags)).build())).snapshotId();
        Ec2.created(state, entry, id);
        return id;
    }

    /**
     * Deletes the snapshots a step made once the build failed or was cancelled, with Packer's line; one already gone
     * (with an AMI removed before it) is no error.
     */
    public static void removeOnFailure(StepState state, Collection<String> ids) {
        if (ids.isEmpty() || !(state.halted() || state.build().cancellation().isCancelled())) {
            return;
        }
        Ec2Client ec2 = state.get(Ec2.CLIENT);
        state.ui().say("Removing snapshots since we cancelled or halted...");
        for (String id : ids) {
            try {
                ec2.deleteSnapshot(b -> b.snapshotId(id));
                Ec2.removed(state, Ec2.SNAPSHOT_KIND, Ec2.region(state), id);
            } catch (SdkException e) {
                if (!Ec2.code(e).equals("InvalidSnapshot.NotFound")) {
                    state.ui().error("Error: " + Ec2.error(e));
                }
            }
        }
    }

    /** The snapshot's description: the one given, or Packer's {@code Packer: } and the time. */
    public static String description(String given) {
        return given.isEmpty() ? "Packer: " + goNow() : given;
    }

    /** Go's {@code time.Now().String()}: local time, trimmed fraction, zone, and the monotonic reading. */
    static String goNow() {
        ZonedDateTime now = ZonedDateTime.now();
        String fraction = String.format("%09d", now.getNano()).replaceFirst("0+$", "");
        Instant start = ProcessHandle.current().info().startInstant().orElse(now.toInstant());
        Duration up = Duration.between(start, now.toInstant());
        return now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")) + (fraction.isEmpty() ? "" : "."
                + fraction) + now.format(DateTimeFormatter.ofPattern(" xx z")) + String.format(" m=+%d.%09d",
                up.getSeconds(), up.getNano());
    }
}
