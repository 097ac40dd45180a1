package io.jenkins.plugins.packer.builder.amazon.common;

import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.StepState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotState;

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
