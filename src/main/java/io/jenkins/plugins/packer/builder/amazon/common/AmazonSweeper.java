package io.jenkins.plugins.packer.builder.amazon.common;

import io.jenkins.plugins.packer.run.journal.ResourceJournal;
import io.jenkins.plugins.packer.run.journal.RunJournals.Leftover;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Finds and removes what the amazon builders of dead runs left: the resources a journal names, and those that carry
 * the run tag ({@link ResourceJournal#RUN_TAG}) in a region. Instances go first (they hold key pairs, groups, volumes
 * and instance profiles), AMIs before their snapshots, volumes last.
 */
public final class AmazonSweeper implements AutoCloseable {

    /** The order of removal: a kind's rank. */
    private static final List<String> ORDER = List.of(Ec2.INSTANCE_KIND, Ec2.LAUNCH_TEMPLATE_KIND, Ec2.KEY_PAIR_KIND,
            Ec2.SECURITY_GROUP_KIND, Ec2.INSTANCE_PROFILE_KIND, Ec2.ROLE_KIND, Ec2.IMAGE_KIND, Ec2.SNAPSHOT_KIND,
            Ec2.VOLUME_KIND);
    private static final Duration WAIT = Duration.ofMinutes(5);

    /** A resource found by the run tag; {@code created} is null where EC2 does not say when it was made. */
    public record Tagged(Leftover resource, Instant created) {}

    private final Map<String, String> env;
    private final Map<String, AwsAccess> access = new HashMap<>();
    private final Map<String, Ec2Client> clients = new HashMap<>();

    public AmazonSweeper(Map<String, String> env) {
        this.env = env;
    }

    /** Whether this sweeper removes resources of {@code kind}. */
    public static boolean handles(String kind) {
        return ORDER.contains(kind);
    }

    /** Sorts resources into the order they are removed in. */
    public static List<Leftover> inRemovalOrder(List<Leftover> leftovers) {
        List<Leftover> sorted = new ArrayList<>(leftovers);
        sorted.sort((a, b) -> Integer.compare(ORDER.indexOf(a.kind()), ORDER.indexOf(b.kind())));
        return sorted;
    }

    private AwsAccess access(String endpoint) {
        return access.computeIfAbsent(endpoint, e -> AwsAccess.fromEnvironment(env, e));
    }

    private Ec2Client ec2(String region, String endpoint) {
        return clients.computeIfAbsent(region + " " + endpoint, k -> access(endpoint).ec2(region));
    }

    /**
     * The resources in {@code region} that carry the run tag, of every run or of {@code runId} alone. IAM roles and
     * instance profiles are found through the journal only.
     */
    public List<Tagged> findTagged(String region, String endpoint, String runId) {
        Ec2Client ec2 = ec2(region, endpoint);
        Filter filter = runId == null ? Filter.builder().name("tag-key").values(ResourceJournal.RUN_TAG).build()
                : Filter.builder().name("tag:" + ResourceJournal.RUN_TAG).values(runId).build();
        List<Tagged> found = new ArrayList<>();
        ec2.describeInstancesPaginator(b -> b.filters(filter)).reservations().forEach(r -> r.instances().forEach(i -> {
            if (i.state().name() != InstanceStateName.TERMINATED) {
                found.add(tagged(Ec2.INSTANCE_KIND, region, i.instanceId(), endpoint, i.tags(), i.launchTime()));
            }
        }));
        ec2.describeLaunchTemplates(b -> b.filters(filter)).launchTemplates().forEach(t -> found.add(tagged(
                Ec2.LAUNCH_TEMPLATE_KIND, region, t.launchTemplateName(), endpoint, t.tags(), t.createTime())));
        ec2.describeKeyPairs(b -> b.filters(filter)).keyPairs().forEach(k -> found.add(tagged(Ec2.KEY_PAIR_KIND,
                region, k.keyName(), endpoint, k.tags(), k.createTime())));
        ec2.describeSecurityGroups(b -> b.filters(filter)).securityGroups().forEach(g -> found.add(tagged(
                Ec2.SECURITY_GROUP_KIND, region, g.groupId(), endpoint, g.tags(), null)));
        ec2.describeImages(b -> b.owners("self").filters(filter)).images().forEach(i -> found.add(tagged(
                Ec2.IMAGE_KIND, region, i.imageId(), endpoint, i.tags(), parse(i.creationDate()))));
        ec2.describeSnapshots(b -> b.ownerIds("self").filters(filter)).snapshots().forEach(s -> found.add(tagged(
                Ec2.SNAPSHOT_KIND, region, s.snapshotId(), endpoint, s.tags(), s.startTime())));
        ec2.describeVolumes(b -> b.filters(filter)).volumes().forEach(v -> found.add(tagged(Ec2.VOLUME_KIND,
                region, v.volumeId(), endpoint, v.tags(), v.createTime())));
        return found;
    }

    private static Tagged tagged(String kind, String region, String id, String endpoint, List<Tag> tags,
                                 Instant created) {
        String run = tags.stream().filter(t -> t.key().equals(ResourceJournal.RUN_TAG)).map(Tag::value).findFirst()
                .orElse("");
        return new Tagged(new Leftover(run, kind, region, id, endpoint), created);
    }

    private static Instant parse(String time) {
        try {
            return time == null ? null : Instant.parse(time);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The snapshots of an AMI, which go with it. */
    public List<String> snapshotsOf(Leftover image) {
        try {
            return ec2(image.region(), image.endpoint()).describeImages(b -> b.imageIds(image.id())).images()
                    .stream().flatMap(i -> ImageSteps.snapshots(i).stream()).toList();
        } catch (SdkException e) {
            return List.of();
        }
    }

    /**
     * Removes one resource and waits until it is gone where later removals depend on it (an instance); says what it
     * did through {@code say}. Returns null when it is gone (or was already), else what went wrong.
     */
    public String remove(Leftover r, Consumer<String> say) {
        try {
            switch (r.kind()) {
                case Ec2.INSTANCE_KIND -> terminate(r);
                case Ec2.LAUNCH_TEMPLATE_KIND -> ec2(r).deleteLaunchTemplate(b -> b.launchTemplateName(r.id()));
                case Ec2.KEY_PAIR_KIND -> ec2(r).deleteKeyPair(b -> b.keyName(r.id()));
                case Ec2.SECURITY_GROUP_KIND -> deleteSecurityGroup(r);
                case Ec2.INSTANCE_PROFILE_KIND -> deleteInstanceProfile(r);
                case Ec2.ROLE_KIND -> deleteRole(r);
                case Ec2.IMAGE_KIND -> ec2(r).deregisterImage(b -> b.imageId(r.id()));
                case Ec2.SNAPSHOT_KIND -> ec2(r).deleteSnapshot(b -> b.snapshotId(r.id()));
                case Ec2.VOLUME_KIND -> ec2(r).deleteVolume(b -> b.volumeId(r.id()));
                default -> {
                    return "no sweeper removes " + r.kind();
                }
            }
        } catch (SdkException e) {
            if (gone(e)) {
                say.accept("already gone");
                return null;
            }
            return Ec2.error(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return null;
    }

    private Ec2Client ec2(Leftover r) {
        return ec2(r.region(), r.endpoint());
    }

    private static boolean gone(SdkException e) {
        String code = Ec2.code(e);
        return code.endsWith(".NotFound") || code.endsWith(".Malformed") || code.equals("NoSuchEntity")
                || e instanceof software.amazon.awssdk.services.iam.model.NoSuchEntityException;
    }

    private void terminate(Leftover r) throws InterruptedException {
        Ec2Client ec2 = ec2(r);
        ec2.terminateInstances(b -> b.instanceIds(r.id()));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<Instance> found = ec2.describeInstances(b -> b.instanceIds(r.id())).reservations().stream()
                    .flatMap(x -> x.instances().stream()).toList();
            if (found.isEmpty() || found.get(0).state().name() == InstanceStateName.TERMINATED) {
                return;
            }
            Thread.sleep(1000);
        }
    }

    /** A group the terminating instance still holds is retried until the instance lets go. */
    private void deleteSecurityGroup(Leftover r) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                ec2(r).deleteSecurityGroup(b -> b.groupId(r.id()));
                return;
            } catch (SdkException e) {
                if (!Ec2.code(e).equals("DependencyViolation") || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(2000);
        }
    }

    private IamClient iam(Leftover r) {
        return access(r.endpoint()).iam();
    }

    private void deleteInstanceProfile(Leftover r) {
        try (IamClient iam = iam(r)) {
            iam.getInstanceProfile(b -> b.instanceProfileName(r.id())).instanceProfile().roles().forEach(role ->
                    iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName(r.id()).roleName(role.roleName())));
            iam.deleteInstanceProfile(b -> b.instanceProfileName(r.id()));
        }
    }

    private void deleteRole(Leftover r) {
        try (IamClient iam = iam(r)) {
            iam.listInstanceProfilesForRole(b -> b.roleName(r.id())).instanceProfiles().forEach(p ->
                    iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName(p.instanceProfileName())
                            .roleName(r.id())));
            iam.listRolePolicies(b -> b.roleName(r.id())).policyNames().forEach(p ->
                    iam.deleteRolePolicy(b -> b.roleName(r.id()).policyName(p)));
            iam.deleteRole(b -> b.roleName(r.id()));
        }
    }

    @Override
    public void close() {
        clients.values().forEach(Ec2Client::close);
        access.values().forEach(AwsAccess::close);
    }
}
