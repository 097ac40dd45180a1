package io.jenkins.plugins.packer.builder.amazon.common;

import io.jenkins.plugins.packer.gotemplate.GoTemplateException;
import io.jenkins.plugins.packer.gotemplate.Interpolation;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.StepState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * What the amazon builders' steps share: the keys of their state, EC2 errors in Packer's words, waits that poll
 * EC2 until a resource is ready (cancellable, bounded by attempts), and tags rendered with the build's values.
 */
public final class Ec2 {

    /** The build's {@link AwsAccess}. */
    public static final String ACCESS = "aws_access";
    /** The {@code Ec2Client} of the build's region. */
    public static final String CLIENT = "ec2";
    /** The source {@link Image}. */
    public static final String SOURCE_IMAGE = "source_image";
    /** The key pair the instance is launched with (a String, maybe empty). */
    public static final String KEY_NAME = "key_pair_name";
    /** The temporary key pair's private key (PEM). */
    public static final String PRIVATE_KEY = "private_key";
    /** The security groups of the instance ({@code List<String>}). */
    public static final String SECURITY_GROUP_IDS = "security_group_ids";
    /** The VPC, subnet and availability zone the instance goes to (Strings, maybe empty). */
    public static final String VPC_ID = "vpc_id";
    public static final String SUBNET_ID = "subnet_id";
    public static final String AVAILABILITY_ZONE = "availability_zone";
    /** The running source {@code Instance}. */
    public static final String INSTANCE = "instance";
    /** The AMIs made, region to id ({@code Map<String, String>}, sorted). */
    public static final String AMIS = "amis";
    /** AMIs a step already removed ({@code Set<String>}), which other cleanups leave alone. */
    public static final String REMOVED_AMIS = "removed_amis";
    /** The AMIs' snapshots, region to ids ({@code Map<String, List<String>>}, sorted). */
    public static final String SNAPSHOTS = "snapshots";
    /**
     * The snapshots the build made itself in its region, tagged with the run's tag ({@code Set<String>}; the launch
     * volumes' of amazon-ebssurrogate); those still there are delivered with the AMI.
     */
    public static final String OWN_SNAPSHOTS = "own_snapshots";

    /** The kinds of resources the amazon builders make, as their run's journal names them. */
    public static final String INSTANCE_KIND = "aws.instance";
    public static final String KEY_PAIR_KIND = "aws.key-pair";
    public static final String SECURITY_GROUP_KIND = "aws.security-group";
    public static final String LAUNCH_TEMPLATE_KIND = "aws.launch-template";
    public static final String IMAGE_KIND = "aws.image";
    public static final String SNAPSHOT_KIND = "aws.snapshot";
    public static final String VOLUME_KIND = "aws.volume";
    public static final String ROLE_KIND = "aws.iam-role";
    public static final String INSTANCE_PROFILE_KIND = "aws.iam-instance-profile";

    private Ec2() {
    }

    /**
     * Writes to the run's journal that the build is about to make a resource of {@code kind} in {@code region}
     * (named {@code name} where it has a name before the call); returns the entry for {@link #created}.
     */
    public static long intent(StepState state, String kind, String region, String name) {
        AwsAccess access = state.get(ACCESS);
        return state.build().journal().intent(state.build().name(), kind, region, name, access.ec2Endpoint());
    }

    /** The build's region. */
    public static String region(StepState state) {
        return state.<AwsAccess>get(ACCESS).region();
    }

    /** Writes the id of the resource the intent {@code entry} made. */
    public static void created(StepState state, long entry, String id) {
        state.build().journal().created(entry, id);
    }

    /** Writes that a cleanup removed a resource. */
    public static void removed(StepState state, String kind, String region, String id) {
        state.build().journal().removed(kind, region, id);
    }

    /** The tag with the run's id that every resource the build makes carries, so a sweep finds what it left. */
    public static Tag runTag(StepState state) {
        return Tag.builder().key(io.jenkins.plugins.packer.run.journal.ResourceJournal.RUN_TAG)
                .value(state.build().journal().runId()).build();
    }

    /** {@code tags} and the run's tag, for a create call's tag specification. */
    public static List<Tag> withRunTag(StepState state, List<Tag> tags) {
        List<Tag> all = new ArrayList<>(tags);
        all.add(runTag(state));
        return all;
    }

    /** A create call's tag specification of the run's tag alone. */
    public static software.amazon.awssdk.services.ec2.model.TagSpecification runTagSpecification(StepState state,
            software.amazon.awssdk.services.ec2.model.ResourceType type) {
        return software.amazon.awssdk.services.ec2.model.TagSpecification.builder().resourceType(type)
                .tags(runTag(state)).build();
    }

    /** The clients of other regions ({@code Map<String, Ec2Client>}), made on first use, closed with the build. */
    public static final String REGION_CLIENTS = "region_clients";

    /** The EC2 client of {@code region}: the build's own, or one made for that region and kept for the build. */
    public static software.amazon.awssdk.services.ec2.Ec2Client client(StepState state, String region) {
        AwsAccess access = state.get(ACCESS);
        if (region.equals(access.region())) {
            return state.get(CLIENT);
        }
        synchronized (state) {
            Map<String, software.amazon.awssdk.services.ec2.Ec2Client> clients = state.get(REGION_CLIENTS);
            if (clients == null) {
                clients = new java.util.concurrent.ConcurrentHashMap<>();
                state.put(REGION_CLIENTS, clients);
            }
            return clients.computeIfAbsent(region, access::ec2);
        }
    }

    /** Closes the clients {@link #client} made. */
    public static void closeRegionClients(StepState state) {
        Map<String, software.amazon.awssdk.services.ec2.Ec2Client> clients = state.get(REGION_CLIENTS);
        if (clients != null) {
            clients.values().forEach(software.amazon.awssdk.services.ec2.Ec2Client::close);
        }
    }

    /** An EC2 error as Packer's AWS SDK prints it: {@code Code: message\n\tstatus code: N, request id: ID}. */
    public static String error(SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null
                && s.awsErrorDetails().errorCode() != null) {
            String text = s.awsErrorDetails().errorCode() + ": " + s.awsErrorDetails().errorMessage();
            return text + "\n\tstatus code: " + s.statusCode() + ", request id: "
                    + (s.requestId() == null ? "" : s.requestId());
        }
        return e.getMessage();
    }

    /** The error code of an EC2 error, empty for others. */
    public static String code(SdkException e) {
        return e instanceof AwsServiceException s && s.awsErrorDetails() != null
                && s.awsErrorDetails().errorCode() != null ? s.awsErrorDetails().errorCode() : "";
    }

    /** One look at a resource: the value once ready, null while not yet. */
    @FunctionalInterface
    public interface Poll<T> {
        T check() throws WaitFailed;
    }

    /** A wait that ended without the resource being ready. */
    public static final class WaitFailed extends Exception {
        private static final long serialVersionUID = 1L;

        public WaitFailed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Polls until ready, as the AWS SDK's waiters: a look at once, then one every {@code delay}, at most
     * {@code attempts} looks ({@code aws_polling} overrides both).
     */
    public static <T> T waitFor(StepState state, Duration delay, int attempts, Poll<T> poll) throws WaitFailed,
            Cancellation.CancelledException {
        AwsAccess.Polling polling = state.<AwsAccess>get(ACCESS).polling();
        Duration d = polling.delayOr(delay);
        int max = polling.attemptsOr(attempts);
        for (int i = 1; ; i++) {
            state.build().cancellation().check();
            T value;
            try {
                value = poll.check();
            } catch (SdkException e) {
                throw new WaitFailed(error(e));
            }
            if (value != null) {
                return value;
            }
            if (i >= max) {
                throw new WaitFailed("ResourceNotReady: exceeded wait attempts");
            }
            state.build().cancellation().sleep(d);
        }
    }

    /**
     * The values templates see in tags and descriptions, and provisioners as {@code build.*}: the region, the source
     * AMI's id, name, owner, owner name and creation date.
     */
    public static Map<String, String> buildInfo(String region, Image source) {
        Map<String, String> m = new HashMap<>();
        m.put("BuildRegion", region);
        m.put("SourceAMI", source == null ? "" : nz(source.imageId()));
        m.put("SourceAMIName", source == null ? "" : nz(source.name()));
        m.put("SourceAMIOwner", source == null ? "" : nz(source.ownerId()));
        m.put("SourceAMIOwnerName", source == null ? "" : nz(source.imageOwnerAlias()));
        m.put("SourceAMICreationDate", source == null ? "" : nz(source.creationDate()));
        return m;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Tags with keys and values rendered with the build's values, in key order. */
    public static List<Tag> tags(StepState state, Map<String, String> raw) throws GoTemplateException {
        Interpolation.Context ictx = renderContext(state);
        Map<String, String> rendered = new TreeMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            rendered.put(Interpolation.render(e.getKey(), ictx), Interpolation.render(e.getValue(), ictx));
        }
        List<Tag> tags = new ArrayList<>();
        rendered.forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return tags;
    }

    /** Renders an option the builder renders late ({@code ami_description}) with the build's values. */
    public static String render(StepState state, String text) throws GoTemplateException {
        return Interpolation.render(text, renderContext(state));
    }

    private static Interpolation.Context renderContext(StepState state) {
        Map<String, Object> data = new HashMap<>(buildInfo(state.<AwsAccess>get(ACCESS).region(),
                state.get(SOURCE_IMAGE)));
        Map<String, String> generated = state.get(io.jenkins.plugins.packer.run.StepProvision.GENERATED_DATA);
        if (generated != null) {
            data.putAll(generated);
        }
        return state.build().interpolation().withData(data);
    }

    /**
     * A map option and its block form merged, as Packer reads them: {@code tags = {...}} and {@code tag { key = ...
     * value = ... }} blocks (later blocks win).
     */
    public static Map<String, String> tagOption(io.jenkins.plugins.packer.component.ComponentConfig c, String map,
                                                String block) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        if (!c.hasOption(map)) {
            // A builder without these tags (amazon-instance has no run_volume_tags).
            return m;
        }
        m.putAll(c.stringMap(map));
        for (io.jenkins.plugins.packer.component.ComponentConfig b : c.blocks(block)) {
            String key = b.string("key").isEmpty() ? b.string("name") : b.string("key");
            m.put(key, b.string("value"));
        }
        return m;
    }

    /** Prints each tag as Packer does: {@code Adding tag: "KEY": "VALUE"}. */
    public static void report(StepState state, List<Tag> tags) {
        for (Tag t : tags) {
            state.ui().message("Adding tag: \"" + t.key() + "\": \"" + t.value() + "\"");
        }
    }
}
