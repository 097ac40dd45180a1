package io.jenkins.plugins.packer.builder.amazon.common;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.gotemplate.GoTemplateException;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.Step;
import io.jenkins.plugins.packer.run.StepState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateTagSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The steps of packer-plugin-amazon that lead to a running source instance, with Packer's messages: the AMI name
 * check, the source AMI, the temporary key pair and security group, the launch, and stopping it again. Each
 * removes what it made in its cleanup.
 */
public final class LaunchSteps {

    /** The block devices the instance is launched with, for amazon-ebs. */
    static final String LAUNCH_MAPPINGS = "launch_block_device_mappings";

    private LaunchSteps() {
    }

    /** The SDK waiters' pace: a look every 15 seconds, 40 looks. */
    public static final Duration WAIT_DELAY = Duration.ofSeconds(15);
    /** With {@code no_ephemeral}: the devices EC2 would map instance-store volumes to, mapped to no device. */
    static final List<String> NO_EPHEMERAL_DEVICES = "abcdefghijklmnopqrstuvwxyz".chars()
            .mapToObj(c -> "xvdc" + (char) c).toList();
    public static final int WAIT_ATTEMPTS = 40;

    static Ec2Client ec2(StepState state) {
        return state.get(Ec2.CLIENT);
    }

    /** Packer's {@code StepPreValidate}: the AMI name must be free unless {@code force_deregister}. */
    public static final class PreValidate implements Step {
        private final ComponentConfig config;

        public PreValidate(ComponentConfig config) {
            this.config = config;
        }

        @Override
        public String name() {
            return "StepPreValidate";
        }

        @Override
        public boolean run(StepState state) {
            if (!config.bool("skip_region_validation")) {
                String err = invalidRegions(state);
                if (err != null) {
                    return state.fail("error validating regions: " + err);
                }
            }
            if (config.bool("force_deregister")) {
                state.ui().say("Force Deregister flag found, skipping prevalidating AMI Name");
                return true;
            }
            if (config.bool("skip_save_build_region")) {
                state.ui().say("skip_build_region was set; not prevalidating AMI name");
                return true;
            }
            if (config.hasOption("skip_create_ami") && config.bool("skip_create_ami")) {
                state.ui().say("skip_create_ami was set; not prevalidating AMI name");
                return true;
            }
            state.ui().say("Prevalidating any provided VPC information");
            String vpcErr = checkVpc(state);
            if (vpcErr != null) {
                state.ui().error(vpcErr);
                return state.fail(vpcErr);
            }
            String amiName = config.string("ami_name");
            state.ui().say("Prevalidating AMI Name: " + amiName);
            try {
                List<Image> images = ec2(state).describeImages(b -> b.filters(
                        Filter.builder().name("name").values(amiName).build())).images();
                if (!images.isEmpty()) {
                    String err = "Error: AMI Name: '" + images.get(0).name() + "' is used by an existing AMI: "
                            + images.get(0).imageId();
                    state.ui().error(err);
                    return state.fail(err);
                }
                return true;
            } catch (SdkException e) {
                String err = "Error querying AMI: " + Ec2.error(e);
                state.ui().error(err);
                return state.fail(err);
            }
        }

        /** The build region and {@code ami_regions} the account does not have, as Packer's message; else null. */
        private String invalidRegions(StepState state) {
            List<String> valid;
            try {
                valid = ec2(state).describeRegions().regions().stream().map(r -> r.regionName()).toList();
            } catch (SdkException e) {
                return Ec2.error(e);
            }
            java.util.Set<String> wanted = new java.util.LinkedHashSet<>(config.stringList("ami_regions"));
            wanted.add(state.<AwsAccess>get(Ec2.ACCESS).region());
            List<String> invalid = wanted.stream().filter(r -> !r.isEmpty() && !valid.contains(r)).toList();
            if (invalid.isEmpty()) {
                return null;
            }
            return "Invalid region(s): [" + String.join(" ", invalid) + "], available regions: ["
                    + String.join(" ", valid) + "]";
        }

        /** A {@code vpc_id} without a subnet must be the default VPC, where EC2 picks the subnet. */
        private String checkVpc(StepState state) {
            String vpcId = config.string("vpc_id");
            if (vpcId.isEmpty() || !config.string("subnet_id").isEmpty()
                    || !filterOption(config, "subnet_filter").isEmpty()) {
                return null;
            }
            List<software.amazon.awssdk.services.ec2.model.Vpc> vpcs;
            try {
                vpcs = ec2(state).describeVpcs(b -> b.vpcIds(vpcId)).vpcs();
            } catch (SdkException e) {
                return "Error retrieving VPC information for vpc_id " + vpcId + ": " + Ec2.error(e);
            }
            if (vpcs.size() == 1 && !Boolean.TRUE.equals(vpcs.get(0).isDefault())) {
                return "Error: subnet_id or subnet_filter must be provided for non-default VPCs (" + vpcId + ")";
            }
            return null;
        }
    }

    /**
     * A {@code vpc_filter}, {@code subnet_filter} or {@code security_group_filter}: its {@code filters} map with its
     * {@code filter { name = …, value = … }} blocks on top, as Packer's {@code NameValueFilter}; empty when unset.
     */
    static Map<String, String> filterOption(ComponentConfig config, String name) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        if (!config.isSet(name)) {
            return m;
        }
        ComponentConfig block = config.block(name);
        m.putAll(block.stringMap("filters"));
        for (ComponentConfig f : block.blocks("filter")) {
            m.put(f.string("name"), f.string("value"));
        }
        return m;
    }

    /**
     * {@code metadata_options} onto an on-demand request or a spot launch template, through their setters: the
     * endpoint, tokens, hop limit and instance tags each when set.
     */
    static void metadataOptions(ComponentConfig m, java.util.function.Consumer<String> endpoint,
                                java.util.function.Consumer<String> tokens,
                                java.util.function.Consumer<Integer> hopLimit,
                                java.util.function.Consumer<String> instanceTags) {
        if (!m.string("http_endpoint").isEmpty()) {
            endpoint.accept(m.string("http_endpoint"));
        }
        if (!m.string("http_tokens").isEmpty()) {
            tokens.accept(m.string("http_tokens"));
        }
        if (m.number("http_put_response_hop_limit") > 0) {
            hopLimit.accept((int) m.number("http_put_response_hop_limit"));
        }
        if (!m.string("instance_metadata_tags").isEmpty()) {
            instanceTags.accept(m.string("instance_metadata_tags"));
        }
    }

    /** Packer's {@code StepSourceAMIInfo}: finds the source AMI by id or by {@code source_ami_filter}. */
    public static final class SourceAmiInfo implements Step {
        private final ComponentConfig config;

        public SourceAmiInfo(ComponentConfig config) {
            this.config = config;
        }

        @Override
        public String name() {
            return "StepSourceAMIInfo";
        }

        @Override
        public boolean run(StepState state) {
            DescribeImagesRequest.Builder req = DescribeImagesRequest.builder();
            String id = config.string("source_ami");
            boolean mostRecent = false;
            if (!id.isEmpty()) {
                req.imageIds(id);
            }
            if (config.isSet("source_ami_filter")) {
                ComponentConfig f = config.block("source_ami_filter");
                List<Filter> filters = new ArrayList<>();
                f.stringMap("filters").forEach((k, v) -> filters.add(Filter.builder().name(k).values(v).build()));
                if (!filters.isEmpty()) {
                    req.filters(filters);
                }
                if (!f.stringList("owners").isEmpty()) {
                    req.owners(f.stringList("owners"));
                }
                mostRecent = f.bool("most_recent");
            }
            List<Image> images;
            try {
                images = ec2(state).describeImages(req.build()).images();
            } catch (SdkException e) {
                String err = "Error querying AMI: " + Ec2.error(e);
                state.ui().error(err);
                return state.fail(err);
            }
            if (images.isEmpty()) {
                String err = "No AMI was found matching filters: " + describe(req.build());
                state.ui().error(err);
                return state.fail(err);
            }
            if (images.size() > 1 && !mostRecent) {
                String err = "Your query returned more than one result. Please try a more specific search, or set"
                        + " most_recent to true.";
                state.ui().error(err);
                return state.fail(err);
            }
            Image image = images.stream().max(Comparator.comparing(i -> i.creationDate() == null ? ""
                    : i.creationDate())).orElseThrow();
            state.ui().message("Found Image ID: " + image.imageId());
            state.put(Ec2.SOURCE_IMAGE, image);
            state.put(io.jenkins.plugins.packer.run.StepProvision.BUILDER_DATA,
                    Ec2.buildInfo(state.<AwsAccess>get(Ec2.ACCESS).region(), image));
            return true;
        }

        private static String describe(DescribeImagesRequest r) {
            StringBuilder sb = new StringBuilder("{");
            if (!r.filters().isEmpty()) {
                sb.append(" Filters: ").append(r.filters().stream().map(f -> f.name() + "=" + f.values()).toList());
            }
            if (!r.imageIds().isEmpty()) {
                sb.append(" ImageIds: ").append(r.imageIds());
            }
            if (!r.owners().isEmpty()) {
                sb.append(" Owners: ").append(r.owners());
            }
            return sb.append(" }").toString();
        }
    }

    /** EC2 filters of a {@code filters} map option. */
    static List<Filter> filters(Map<String, String> m) {
        List<Filter> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(Filter.builder().name(k).values(v).build()));
        return out;
    }

    /**
     * Packer's {@code StepNetworkInfo}: the VPC ({@code vpc_id} or the one {@code vpc_filter} finds), the subnet
     * ({@code subnet_id} or {@code subnet_filter}'s: the first, a random one, or the one with the most free
     * addresses) and the availability zone (given, or the subnet's).
     */
    public static final class NetworkInfo implements Step {
        private final ComponentConfig config;

        public NetworkInfo(ComponentConfig config) {
            this.config = config;
        }

        @Override
        public String name() {
            return "StepNetworkInfo";
        }

        @Override
        public boolean run(StepState state) {
            String vpc = config.string("vpc_id");
            String subnet = config.string("subnet_id");
            String az = config.string("availability_zone");
            Ec2Client ec2 = ec2(state);
            try {
                Map<String, String> vpcFilters = filterOption(config, "vpc_filter");
                if (vpc.isEmpty() && !vpcFilters.isEmpty()) {
                    List<Filter> f = filters(vpcFilters);
                    var vpcs = ec2.describeVpcs(b -> b.filters(f)).vpcs();
                    if (vpcs.size() != 1) {
                        return fail(state, "Exactly one VPC should match the filter, but " + vpcs.size()
                                + " VPC's was found matching filters: " + describe(f));
                    }
                    vpc = vpcs.get(0).vpcId();
                    state.ui().message("Found VPC ID: " + vpc);
                }
                Map<String, String> m = filterOption(config, "subnet_filter");
                if (subnet.isEmpty() && !m.isEmpty()) {
                    ComponentConfig sf = config.block("subnet_filter");
                    m.put("state", "available");
                    if (!vpc.isEmpty()) {
                        m.put("vpc-id", vpc);
                    }
                    if (!az.isEmpty()) {
                        m.put("availabilityZone", az);
                    }
                    List<Filter> f = filters(m);
                    var subnets = ec2.describeSubnets(b -> b.filters(f)).subnets();
                    if (subnets.isEmpty()) {
                        return fail(state, "No Subnets was found matching filters: " + describe(f));
                    }
                    if (subnets.size() > 1 && !sf.bool("random") && !sf.bool("most_free")) {
                        return fail(state, "Your filter matched " + subnets.size() + " Subnets. Please try a more"
                                + " specific search, or set random or most_free to true.");
                    }
                    var chosen = sf.bool("most_free")
                            ? subnets.stream().max(Comparator.comparing(x -> x.availableIpAddressCount() == null
                                    ? 0 : x.availableIpAddressCount())).orElseThrow()
                            : sf.bool("random") ? subnets.get(java.util.concurrent.ThreadLocalRandom.current()
                                    .nextInt(subnets.size())) : subnets.get(0);
                    subnet = chosen.subnetId();
                    state.ui().message("Found Subnet ID: " + subnet);
                }
                if (!subnet.isEmpty() && (az.isEmpty() || vpc.isEmpty())) {
                    String id = subnet;
                    var found = ec2.describeSubnets(b -> b.subnetIds(id)).subnets();
                    if (!found.isEmpty()) {
                        az = az.isEmpty() ? found.get(0).availabilityZone() : az;
                        vpc = vpc.isEmpty() ? found.get(0).vpcId() : vpc;
                    }
                }
            } catch (SdkException e) {
                return fail(state, "Error querying the network: " + Ec2.error(e));
            }
            state.put(Ec2.VPC_ID, vpc);
            state.put(Ec2.SUBNET_ID, subnet);
            state.put(Ec2.AVAILABILITY_ZONE, az);
            return true;
        }

        private static String describe(List<Filter> f) {
            return f.stream().map(x -> x.name() + "=" + x.values()).toList().toString();
        }
    }

    /** Shows a step's error and halts the build with it, as Packer's steps do. */
    public static boolean fail(StepState state, String err) {
        state.ui().error(err);
        return state.fail(err);
    }

    /**
     * Packer's {@code StepKeyPair}: an existing private key file or agent, or a temporary key pair made for this
     * build ({@code temporary_key_pair_name}, {@code packer_UUID}) and deleted afterwards.
     */
    public static final class KeyPair implements Step {
        private final ComponentConfig config;
        private String created;

        public KeyPair(ComponentConfig config) {
            this.config = config;
        }

        @Override
        public String name() {
            return "StepKeyPair";
        }

        @Override
        public boolean run(StepState state) {
            String keyPairName = config.string("ssh_keypair_name");
            state.put(Ec2.KEY_NAME, keyPairName);
            if (io.jenkins.plugins.packer.component.SshLogin.hasPrivateKey(config)) {
                state.ui().say("Using existing SSH private key");
                return true;
            }
            if (config.bool("ssh_agent_auth")) {
                state.ui().say(keyPairName.isEmpty() ? "Using SSH Agent with key pair in source AMI"
                        : "Using SSH Agent for existing key pair " + keyPairName);
                return true;
            }
            if (!config.string("ssh_password").isEmpty()) {
                state.ui().say("Not using temporary keypair");
                state.put(Ec2.KEY_NAME, "");
                return true;
            }
            String name = config.string("temporary_key_pair_name");
            if (name.isEmpty()) {
                name = "packer_" + UUID.randomUUID();
            }
            state.ui().say("Creating temporary keypair: " + name);
            try {
                String keyName = name;
                String type = config.string("temporary_key_pair_type");
                long entry = Ec2.intent(state, Ec2.KEY_PAIR_KIND, Ec2.region(state), keyName);
                CreateKeyPairResponse key = ec2(state).createKeyPair(b -> {
                    b.keyName(keyName).tagSpecifications(Ec2.runTagSpecification(state, ResourceType.KEY_PAIR));
                    if (!type.isEmpty()) {
                        b.keyType(type);
                    }
                });
                created = name;
                Ec2.created(state, entry, name);
                state.put(Ec2.KEY_NAME, name);
                state.put(Ec2.PRIVATE_KEY, key.keyMaterial());
                return true;
            } catch (SdkException e) {
                return state.fail("Error creating temporary keypair: " + Ec2.error(e));
            }
        }

        @Override
        public void cleanup(StepState state) {
            if (created == null) {
                return;
            }
            state.ui().say("Deleting temporary keypair...");
            try {
                ec2(state).deleteKeyPair(b -> b.keyName(created));
                Ec2.removed(state, Ec2.KEY_PAIR_KIND, Ec2.region(state), created);
            } catch (SdkException e) {
                state.ui().error("Error cleaning up keypair. Please delete the key manually: " + created);
            }
        }
    }

    /**
     * Packer's {@code StepSecurityGroup}: the given {@code security_group_ids}, or a temporary group open on the
     * communicator's port to {@code temporary_security_group_source_cidrs}, deleted afterwards (retrying while the
     * terminating instance still holds it).
     */
    public static final class SecurityGroup implements Step {
        private final ComponentConfig config;
        private final int port;
        private String created;

        public SecurityGroup(ComponentConfig config, int port) {
            this.config = config;
            this.port = port;
        }

        @Override
        public String name() {
            return "StepSecurityGroup";
        }

        @Override
        public boolean run(StepState state) {
            List<String> given = new ArrayList<>(config.stringList("security_group_ids"));
            if (!config.string("security_group_id").isEmpty()) {
                given.add(0, config.string("security_group_id"));
            }
            Ec2Client ec2 = ec2(state);
            String vpcId = state.get(Ec2.VPC_ID) == null ? config.string("vpc_id") : state.get(Ec2.VPC_ID);
            Map<String, String> m = filterOption(config, "security_group_filter");
            if (given.isEmpty() && !m.isEmpty()) {
                if (!vpcId.isEmpty()) {
                    m.put("vpc-id", vpcId);
                }
                List<String> found;
                try {
                    found = ec2.describeSecurityGroups(b -> b.filters(filters(m))).securityGroups().stream()
                            .map(g -> g.groupId()).toList();
                } catch (SdkException e) {
                    return fail(state, "Couldn't find security groups for filter: " + Ec2.error(e));
                }
                state.ui().message("Found Security Group(s): " + String.join(", ", found));
                state.put(Ec2.SECURITY_GROUP_IDS, found);
                return true;
            }
            if (!given.isEmpty()) {
                try {
                    ec2.describeSecurityGroups(b -> b.groupIds(given));
                } catch (SdkException e) {
                    String err = "Couldn't find specified security group: " + Ec2.error(e);
                    state.ui().error(err);
                    return state.fail(err);
                }
                state.put(Ec2.SECURITY_GROUP_IDS, given);
                return true;
            }
            String name = "packer_" + UUID.randomUUID();
            state.ui().say("Creating temporary security group for this instance: " + name);
            try {
                String vpc = vpcId;
                long entry = Ec2.intent(state, Ec2.SECURITY_GROUP_KIND, Ec2.region(state), name);
                created = ec2.createSecurityGroup(b -> {
                    b.groupName(name).description("Temporary group for Packer")
                            .tagSpecifications(Ec2.runTagSpecification(state, ResourceType.SECURITY_GROUP));
                    if (!vpc.isEmpty()) {
                        b.vpcId(vpc);
                    }
                }).groupId();
                Ec2.created(state, entry, created);
            } catch (SdkException e) {
                state.ui().error(Ec2.error(e));
                return state.fail(Ec2.error(e));
            }
            try {
                Ec2.waitFor(state, Duration.ofSeconds(5), 40, () -> {
                    try {
                        return ec2.describeSecurityGroups(b -> b.groupIds(created)).securityGroups().isEmpty()
                                ? null : created;
                    } catch (SdkException e) {
                        if (Ec2.code(e).equals("InvalidGroup.NotFound")) {
                            return null;
                        }
                        throw e;
                    }
                });
            } catch (Ec2.WaitFailed e) {
                String err = "Timed out waiting for security group " + created + ": " + e.getMessage();
                state.ui().error(err);
                return state.fail(err);
            } catch (Cancellation.CancelledException e) {
                return false;
            }
            List<String> cidrs = config.stringList("temporary_security_group_source_cidrs");
            boolean publicIp = config.bool("temporary_security_group_source_public_ip");
            if (!cidrs.isEmpty() && publicIp) {
                state.ui().say("Using temporary_security_group_source_public_ip with"
                        + " temporary_security_group_source_cidrs is unsupported, ignoring"
                        + " temporary_security_group_source_public_ip.");
            }
            if (cidrs.isEmpty() && publicIp) {
                state.ui().say("Checking current host's public IP...");
                String block;
                try {
                    block = PublicIp.block(state.build().env());
                } catch (java.io.IOException e) {
                    state.ui().error(e.getMessage());
                    return state.fail(e.getMessage());
                }
                state.ui().say("Current host's public IP: " + block.substring(0, block.indexOf('/')));
                cidrs = List.of(block);
            }
            if (cidrs.isEmpty()) {
                cidrs = List.of("0.0.0.0/0");
            }
            state.ui().say("Authorizing access to port " + port + " from [" + String.join(" ", cidrs)
                    + "] in the temporary security groups...");
            try {
                for (String cidr : cidrs) {
                    ec2.authorizeSecurityGroupIngress(b -> b.groupId(created).ipPermissions(p -> {
                        p.ipProtocol("tcp").fromPort(port).toPort(port);
                        if (Cidrs.isIpv6(cidr)) {
                            p.ipv6Ranges(r -> r.cidrIpv6(cidr));
                        } else {
                            p.ipRanges(r -> r.cidrIp(cidr));
                        }
                    }));
                }
            } catch (SdkException e) {
                String err = "Error authorizing temporary security group: " + Ec2.error(e);
                state.ui().error(err);
                return state.fail(err);
            }
            state.put(Ec2.SECURITY_GROUP_IDS, List.of(created));
            return true;
        }

        @Override
        public void cleanup(StepState state) {
            if (created == null) {
                return;
            }
            state.ui().say("Deleting temporary security group...");
            Ec2Client ec2 = ec2(state);
            // The instance may still be shutting down and hold the group: retry for up to 5 minutes.
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            Cancellation cleanupWait = new Cancellation();
            while (true) {
                try {
                    ec2.deleteSecurityGroup(b -> b.groupId(created));
                    Ec2.removed(state, Ec2.SECURITY_GROUP_KIND, Ec2.region(state), created);
                    return;
                } catch (SdkException e) {
                    if (!Ec2.code(e).equals("DependencyViolation") || System.nanoTime() > deadline) {
                        state.ui().error("Error cleaning up security group. Please delete the group manually: err: "
                                + Ec2.error(e) + "; security group ID: " + created);
                        return;
                    }
                }
                try {
                    cleanupWait.sleep(Duration.ofSeconds(2));
                } catch (Cancellation.CancelledException e) {
                    return;
                }
            }
        }
    }

    /** Packer's words when the source AMI's root device is not of the type the builder needs; null when it is. */
    static String rootDeviceError(Image image, String expected) {
        if (expected.equals(image.rootDeviceTypeAsString())) {
            return null;
        }
        return "The provided source AMI has an invalid root device type.\nExpected '" + expected + "', got '"
                + image.rootDeviceTypeAsString() + "'.";
    }

    /** Packer's {@code StepCleanupVolumes}: after the instance is gone, the launch volumes it did not delete. */
    public static final class CleanupVolumes implements Step {
        private final ComponentConfig config;
        private final String mappings;
        private final boolean onlyWhenFailed;

        public CleanupVolumes(ComponentConfig config) {
            this(config, LAUNCH_MAPPINGS, false);
        }

        /**
         * The volumes of {@code mappings} ({@code ebs_volumes} for amazon-ebsvolume) that outlive the instance;
         * {@code onlyWhenFailed}: removed only when the build failed or was cancelled (they are its artifact).
         */
        public CleanupVolumes(ComponentConfig config, String mappings, boolean onlyWhenFailed) {
            this.config = config;
            this.mappings = mappings;
            this.onlyWhenFailed = onlyWhenFailed;
        }

        @Override
        public String name() {
            return "StepCleanupVolumes";
        }

        @Override
        public boolean run(StepState state) {
            return true;
        }

        @Override
        public void cleanup(StepState state) {
            Instance instance = state.get(Ec2.INSTANCE);
            if (instance == null || onlyWhenFailed && !state.halted() && !state.build().cancellation().isCancelled()) {
                return;
            }
            state.ui().say("Cleaning up any extra volumes...");
            List<String> kept = new ArrayList<>();
            for (ComponentConfig m : config.blocks(mappings)) {
                if (!m.bool("delete_on_termination")) {
                    kept.add(m.string("device_name"));
                }
            }
            List<String> volumes = new ArrayList<>();
            instance.blockDeviceMappings().forEach(b -> {
                if (b.ebs() != null && kept.contains(b.deviceName())) {
                    volumes.add(b.ebs().volumeId());
                }
            });
            if (volumes.isEmpty()) {
                state.ui().say("No volumes to clean up, skipping");
                return;
            }
            for (String v : volumes) {
                state.ui().say("Destroying volume (" + v + ")...");
                try {
                    ec2(state).deleteVolume(b -> b.volumeId(v));
                } catch (SdkException e) {
                    state.ui().say("Error deleting volume: " + Ec2.error(e));
                }
            }
        }
    }

    /** Packer's {@code StepRunSourceInstance}: launches the instance, tagged, and waits until it runs. */
    public static final class RunSourceInstance implements Step {
        private final ComponentConfig config;
        private final String mappingsOption;
        private final String rootDevice;
        private String instanceId;

        public RunSourceInstance(ComponentConfig config) {
            this(config, LAUNCH_MAPPINGS);
        }

        /** Launching with the block devices of {@code mappings} ({@code ebs_volumes} for amazon-ebsvolume). */
        public RunSourceInstance(ComponentConfig config, String mappings) {
            this(config, mappings, "ebs");
        }

        /** Launching from a source AMI whose root device is of type {@code rootDevice} ({@code instance-store}). */
        public RunSourceInstance(ComponentConfig config, String mappings, String rootDevice) {
            this.config = config;
            this.mappingsOption = mappings;
            this.rootDevice = rootDevice;
        }

        @Override
        public String name() {
            return "StepRunSourceInstance";
        }

        @Override
        public boolean run(StepState state) {
            state.ui().say("Launching a source AWS instance...");
            Image image = state.get(Ec2.SOURCE_IMAGE);
            String rootError = rootDeviceError(image, rootDevice);
            if (rootError != null) {
                return state.fail(rootError);
            }
            String userData;
            try {
                userData = userData(state, config);
            } catch (IOException e) {
                return state.fail("Problem reading user data file: " + e.getMessage());
            }
            List<Tag> runTags;
            List<Tag> volumeTags;
            try {
                runTags = runTags(state, config);
                volumeTags = Ec2.tags(state, Ec2.tagOption(config, "run_volume_tags", "run_volume_tag"));
            } catch (GoTemplateException e) {
                String err = "Error tagging source instance: " + e.getMessage();
                state.ui().error(err);
                return state.fail(err);
            }
            RunInstancesRequest.Builder req = RunInstancesRequest.builder().imageId(image.imageId())
                    .instanceType(config.string("instance_type")).minCount(1).maxCount(1)
                    .instanceInitiatedShutdownBehavior(config.string("shutdown_behavior").isEmpty() ? "stop"
                            : config.string("shutdown_behavior"));
            if (!userData.isEmpty()) {
                req.userData(userData);
            }
            String profile = state.get(InstanceProfileStep.PROFILE) == null ? config.string("iam_instance_profile")
                    : state.get(InstanceProfileStep.PROFILE);
            if (!profile.isEmpty()) {
                req.iamInstanceProfile(b -> b.name(profile));
            }
            if (config.bool("ebs_optimized")) {
                req.ebsOptimized(true);
            }
            String az = state.get(Ec2.AVAILABILITY_ZONE) == null ? config.string("availability_zone")
                    : state.get(Ec2.AVAILABILITY_ZONE);
            ComponentConfig placement = config.isSet("placement") ? config.block("placement") : null;
            String hostGroup = placement == null ? "" : placement.string("host_resource_group_arn");
            String hostId = placement == null ? "" : placement.string("host_id");
            String tenancy = AmazonConfigChecks.tenancy(config);
            if (!az.isEmpty() || !hostGroup.isEmpty() || !hostId.isEmpty() || !tenancy.isEmpty()) {
                req.placement(b -> {
                    if (!az.isEmpty()) {
                        b.availabilityZone(az);
                    }
                    if (!hostGroup.isEmpty()) {
                        b.hostResourceGroupArn(hostGroup);
                    }
                    if (!hostId.isEmpty()) {
                        b.hostId(hostId);
                    }
                    if (!tenancy.isEmpty()) {
                        b.tenancy(tenancy);
                    }
                });
            }
            List<software.amazon.awssdk.services.ec2.model.BlockDeviceMapping> mappings =
                    new ArrayList<>(BlockDevices.of(config.blocks(mappingsOption)));
            if (config.hasOption("no_ephemeral") && config.bool("no_ephemeral")) {
                for (String device : NO_EPHEMERAL_DEVICES) {
                    mappings.add(software.amazon.awssdk.services.ec2.model.BlockDeviceMapping.builder()
                            .deviceName(device).noDevice("").build());
                }
            }
            req.blockDeviceMappings(mappings);
            if (config.bool("enable_unlimited_credits") || config.bool("enable_t2_unlimited")) {
                req.creditSpecification(c -> c.cpuCredits("unlimited"));
            }
            if (config.bool("enable_nitro_enclave")) {
                req.enclaveOptions(e -> e.enabled(true));
            }
            List<String> licenses = config.blocks("license_specifications").stream()
                    .filter(l -> l.isSet("license_configuration_request"))
                    .map(l -> l.block("license_configuration_request").string("license_configuration_arn")).toList();
            if (!licenses.isEmpty()) {
                req.licenseSpecifications(licenses.stream().map(arn ->
                        software.amazon.awssdk.services.ec2.model.LicenseConfigurationRequest.builder()
                                .licenseConfigurationArn(arn).build()).toList());
            }
            String reservation = config.string("capacity_reservation_preference");
            String reservationId = config.string("capacity_reservation_id");
            String reservationGroup = config.string("capacity_reservation_group_arn");
            if (!reservation.isEmpty() || !reservationId.isEmpty() || !reservationGroup.isEmpty()) {
                req.capacityReservationSpecification(c -> {
                    if (!reservation.isEmpty()) {
                        c.capacityReservationPreference(reservation);
                    }
                    if (!reservationId.isEmpty() || !reservationGroup.isEmpty()) {
                        c.capacityReservationTarget(t -> {
                            if (!reservationId.isEmpty()) {
                                t.capacityReservationId(reservationId);
                            }
                            if (!reservationGroup.isEmpty()) {
                                t.capacityReservationResourceGroupArn(reservationGroup);
                            }
                        });
                    }
                });
            }
            req.tagSpecifications(
                    TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                            .tags(Ec2.withRunTag(state, runTags)).build(),
                    TagSpecification.builder().resourceType(ResourceType.VOLUME)
                            .tags(Ec2.withRunTag(state, volumeTags)).build());
            state.ui().say("Adding tags to source instance");
            Ec2.report(state, runTags);
            Ec2.report(state, volumeTags);
            String keyName = state.get(Ec2.KEY_NAME);
            if (keyName != null && !keyName.isEmpty()) {
                req.keyName(keyName);
            }
            List<String> groups = state.get(Ec2.SECURITY_GROUP_IDS);
            Boolean publicIp = config.trilean("associate_public_ip_address");
            String subnet = state.get(Ec2.SUBNET_ID) == null ? config.string("subnet_id") : state.get(Ec2.SUBNET_ID);
            if (!subnet.isEmpty() && publicIp != null) {
                // A public address is asked of the network interface, which then carries the subnet and groups.
                req.networkInterfaces(n -> n.deviceIndex(0).subnetId(subnet).groups(groups)
                        .associatePublicIpAddress(publicIp).deleteOnTermination(true));
            } else {
                if (!subnet.isEmpty()) {
                    req.subnetId(subnet);
                }
                req.securityGroupIds(groups);
            }
            if (config.isSet("metadata_options")) {
                ComponentConfig m = config.block("metadata_options");
                req.metadataOptions(o -> metadataOptions(m, o::httpEndpoint, o::httpTokens,
                        o::httpPutResponseHopLimit, o::instanceMetadataTags));
            }
            Ec2Client ec2 = ec2(state);
            try {
                long entry = Ec2.intent(state, Ec2.INSTANCE_KIND, Ec2.region(state), "");
                instanceId = ec2.runInstances(req.build()).instances().get(0).instanceId();
                Ec2.created(state, entry, instanceId);
            } catch (SdkException e) {
                String err = "Error launching source instance: " + Ec2.error(e);
                state.ui().error(err);
                return state.fail(err);
            }
            state.ui().message("Instance ID: " + instanceId);
            state.ui().say("Waiting for instance (" + instanceId + ") to become ready...");
            Instance instance;
            try {
                instance = Ec2.waitFor(state, WAIT_DELAY, WAIT_ATTEMPTS, () -> {
                    Instance i = describe(ec2, instanceId);
                    if (i == null) {
                        return null;
                    }
                    InstanceStateName s = i.state().name();
                    if (s == InstanceStateName.SHUTTING_DOWN || s == InstanceStateName.TERMINATED
                            || s == InstanceStateName.STOPPING) {
                        throw new Ec2.WaitFailed("ResourceNotReady: failed waiting for successful resource state");
                    }
                    return s == InstanceStateName.RUNNING ? i : null;
                });
            } catch (Ec2.WaitFailed e) {
                String err = "Error waiting for instance (" + instanceId + ") to become ready: " + e.getMessage();
                state.ui().error(err);
                return state.fail(err);
            } catch (Cancellation.CancelledException e) {
                return false;
            }
            if (state.build().options().debug()) {
                if (instance.publicDnsName() != null && !instance.publicDnsName().isEmpty()) {
                    state.ui().message("Public DNS: " + instance.publicDnsName());
                }
                if (instance.publicIpAddress() != null) {
                    state.ui().message("Public IP: " + instance.publicIpAddress());
                }
                if (instance.privateIpAddress() != null) {
                    state.ui().message("Private IP: " + instance.privateIpAddress());
                }
            }
            state.put(Ec2.INSTANCE, instance);
            return true;
        }


        @Override
        public void cleanup(StepState state) {
            if (instanceId == null) {
                return;
            }
            terminate(state, instanceId);
        }
    }

    /** Terminates the source instance and waits until it is gone, as both launch steps' cleanups do. */
    static void terminate(StepState state, String instanceId) {
        state.ui().say("Terminating the source AWS instance...");
        Ec2Client ec2 = ec2(state);
        try {
            ec2.terminateInstances(b -> b.instanceIds(instanceId));
        } catch (SdkException e) {
            state.ui().error("Error terminating instance, may still be around: " + Ec2.error(e));
            return;
        }
        // Cleanups run after a cancellation too: wait on a cancellation of their own, bounded by attempts.
        StepState waitState = new StepState(state.build().with(state.ui(), new Cancellation()));
        waitState.put(Ec2.ACCESS, state.get(Ec2.ACCESS));
        try {
            Ec2.waitFor(waitState, WAIT_DELAY, WAIT_ATTEMPTS, () -> {
                Instance i = describe(ec2, instanceId);
                return i == null || i.state().name() == InstanceStateName.TERMINATED ? Boolean.TRUE : null;
            });
            Ec2.removed(state, Ec2.INSTANCE_KIND, Ec2.region(state), instanceId);
        } catch (Ec2.WaitFailed e) {
            state.ui().error(e.getMessage());
        } catch (Cancellation.CancelledException e) {
            // Not cancelled: its own.
        }
    }

    /**
     * Packer's {@code StepRunSpotInstance} (with {@code spot_price}): a launch template for the instance and an
     * instant EC2 fleet of one spot instance of {@code spot_instance_types} (or {@code instance_type}); its cleanup
     * terminates the instance and deletes the template.
     */
    public static final class RunSpotInstance implements Step {
        private final ComponentConfig config;
        private final String mappingsOption;
        private final String rootDevice;
        private String instanceId;
        private String template;

        public RunSpotInstance(ComponentConfig config) {
            this(config, LAUNCH_MAPPINGS);
        }

        /** Launching with the block devices of {@code mappings} ({@code ebs_volumes} for amazon-ebsvolume). */
        public RunSpotInstance(ComponentConfig config, String mappings) {
            this(config, mappings, "ebs");
        }

        /** Launching from a source AMI whose root device is of type {@code rootDevice} ({@code instance-store}). */
        public RunSpotInstance(ComponentConfig config, String mappings, String rootDevice) {
            this.config = config;
            this.mappingsOption = mappings;
            this.rootDevice = rootDevice;
        }

        @Override
        public String name() {
            return "StepRunSpotInstance";
        }

        /** The launch mappings, and with {@code no_ephemeral} the instance-store devices mapped to nothing. */
        private List<software.amazon.awssdk.services.ec2.model.LaunchTemplateBlockDeviceMappingRequest>
                spotMappings() {
            List<software.amazon.awssdk.services.ec2.model.LaunchTemplateBlockDeviceMappingRequest> mappings =
                    new ArrayList<>(BlockDevices.ofTemplate(config.blocks(mappingsOption)));
            if (config.hasOption("no_ephemeral") && config.bool("no_ephemeral")) {
                for (String device : NO_EPHEMERAL_DEVICES) {
                    mappings.add(software.amazon.awssdk.services.ec2.model.LaunchTemplateBlockDeviceMappingRequest
                            .builder().deviceName(device).noDevice("").build());
                }
            }
            return mappings;
        }

        @Override
        public boolean run(StepState state) {
            state.ui().say("Launching a spot AWS instance...");
            Image image = state.get(Ec2.SOURCE_IMAGE);
            String rootError = rootDeviceError(image, rootDevice);
            if (rootError != null) {
                return state.fail(rootError);
            }
            state.ui().say("Interpolating tags for spot instance...");
            List<Tag> runTags;
            List<Tag> spotTags;
            List<Tag> volumeTags;
            List<Tag> fleetTags;
            try {
                runTags = runTags(state, config);
                spotTags = Ec2.tags(state, Ec2.tagOption(config, "spot_tags", "spot_tag"));
                volumeTags = Ec2.tags(state, Ec2.tagOption(config, "run_volume_tags", "run_volume_tag"));
                fleetTags = Ec2.tags(state, Ec2.tagOption(config, "fleet_tags", "fleet_tag"));
            } catch (GoTemplateException e) {
                return fail(state, "Error tagging source instance: " + e.getMessage());
            }
            Ec2.report(state, runTags);
            state.ui().message("Loading User Data File...");
            String userData;
            try {
                userData = userData(state, config);
            } catch (IOException e) {
                return state.fail("Problem reading user data file: " + e.getMessage());
            }
            state.ui().message("Creating Spot Fleet launch template...");
            String az = state.get(Ec2.AVAILABILITY_ZONE) == null ? "" : state.get(Ec2.AVAILABILITY_ZONE);
            String subnet = state.get(Ec2.SUBNET_ID) == null ? "" : state.get(Ec2.SUBNET_ID);
            List<String> groups = state.get(Ec2.SECURITY_GROUP_IDS);
            String keyName = state.get(Ec2.KEY_NAME);
            String price = config.string("spot_price");
            String data = userData;
            var launch = software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData.builder()
                    .imageId(image.imageId())
                    .instanceMarketOptions(m -> m.marketType("spot").spotOptions(o -> {
                        if (!price.equals("auto")) {
                            o.maxPrice(price);
                        }
                    }))
                    .blockDeviceMappings(spotMappings());
            if (!data.isEmpty()) {
                launch.userData(data);
            }
            if (config.bool("enable_unlimited_credits")) {
                launch.creditSpecification(c -> c.cpuCredits("unlimited"));
            }
            if (config.isSet("metadata_options")) {
                ComponentConfig m = config.block("metadata_options");
                launch.metadataOptions(o -> metadataOptions(m, o::httpEndpoint, o::httpTokens,
                        o::httpPutResponseHopLimit, o::instanceMetadataTags));
            }
            if (keyName != null && !keyName.isEmpty()) {
                launch.keyName(keyName);
            }
            String profile = state.get(InstanceProfileStep.PROFILE) == null ? config.string("iam_instance_profile")
                    : state.get(InstanceProfileStep.PROFILE);
            if (!profile.isEmpty()) {
                launch.iamInstanceProfile(p -> p.name(profile));
            }
            if (config.bool("ebs_optimized")) {
                launch.ebsOptimized(true);
            }
            if (!az.isEmpty()) {
                launch.placement(p -> p.availabilityZone(az));
            }
            Boolean publicIp = config.trilean("associate_public_ip_address");
            if (!subnet.isEmpty() || publicIp != null) {
                launch.networkInterfaces(n -> {
                    n.deviceIndex(0).groups(groups).deleteOnTermination(true);
                    if (!subnet.isEmpty()) {
                        n.subnetId(subnet);
                    }
                    if (publicIp != null) {
                        n.associatePublicIpAddress(publicIp);
                    }
                });
            } else {
                launch.securityGroupIds(groups);
            }
            // The template tags what the fleet launches with the run's tag: the instance and its volumes.
            launch.tagSpecifications(
                    LaunchTemplateTagSpecificationRequest.builder().resourceType(ResourceType.INSTANCE)
                            .tags(Ec2.runTag(state)).build(),
                    LaunchTemplateTagSpecificationRequest.builder().resourceType(ResourceType.VOLUME)
                            .tags(Ec2.withRunTag(state, volumeTags)).build());
            String name = "packer_" + UUID.randomUUID();
            Ec2Client ec2 = ec2(state);
            try {
                long entry = Ec2.intent(state, Ec2.LAUNCH_TEMPLATE_KIND, Ec2.region(state), name);
                ec2.createLaunchTemplate(b -> b.launchTemplateName(name).launchTemplateData(launch.build())
                        .versionDescription("template generated by packer for launching spot instances")
                        .tagSpecifications(Ec2.runTagSpecification(state, ResourceType.LAUNCH_TEMPLATE)));
                template = name;
                Ec2.created(state, entry, name);
            } catch (SdkException e) {
                return fail(state, "Error creating launch template for spot instance: " + Ec2.error(e));
            }
            List<String> types = config.stringList("spot_instance_types").isEmpty()
                    ? List.of(config.string("instance_type")) : config.stringList("spot_instance_types");
            Ec2.report(state, fleetTags);
            String allocation = config.string("spot_allocation_strategy");
            software.amazon.awssdk.services.ec2.model.CreateFleetResponse fleet;
            long instanceEntry = Ec2.intent(state, Ec2.INSTANCE_KIND, Ec2.region(state), "");
            try {
                fleet = ec2.createFleet(b -> {
                    b.type("instant").replaceUnhealthyInstances(false)
                            .targetCapacitySpecification(t -> t.totalTargetCapacity(1)
                                    .defaultTargetCapacityType("spot"))
                            .launchTemplateConfigs(c -> c.launchTemplateSpecification(l -> l.launchTemplateName(name)
                                    .version("1")).overrides(types.stream().map(t ->
                                    software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverridesRequest
                                            .builder().instanceType(t).build()).toList()));
                    if (!allocation.isEmpty()) {
                        b.spotOptions(o -> o.allocationStrategy(allocation));
                    }
                    b.tagSpecifications(t -> t.resourceType(ResourceType.FLEET)
                            .tags(Ec2.withRunTag(state, fleetTags)));
                });
            } catch (SdkException e) {
                return fail(state, "Error waiting for fleet request: " + Ec2.error(e));
            }
            if (fleet.instances().isEmpty() || fleet.instances().get(0).instanceIds().isEmpty()) {
                String why = fleet.errors().isEmpty() ? "no instance was launched"
                        : fleet.errors().stream().map(e -> e.errorCode() + ": " + e.errorMessage()).toList()
                                .toString();
                return fail(state, "Error waiting for fleet request (" + fleet.fleetId() + ") to become ready: "
                        + why);
            }
            instanceId = fleet.instances().get(0).instanceIds().get(0);
            Ec2.created(state, instanceEntry, instanceId);
            state.ui().message("Instance ID: " + instanceId);
            Instance instance;
            try {
                instance = Ec2.waitFor(state, Duration.ofSeconds(2), 75, () -> {
                    Instance i = describe(ec2, instanceId);
                    return i != null && i.state().name() == InstanceStateName.RUNNING ? i : null;
                });
                if (!spotTags.isEmpty() && instance.spotInstanceRequestId() != null) {
                    ec2.createTags(b -> b.resources(instance.spotInstanceRequestId()).tags(spotTags));
                }
                ec2.createTags(b -> b.resources(instanceId).tags(runTags));
            } catch (Ec2.WaitFailed e) {
                return fail(state, "Error waiting for instance (" + instanceId + ") to become ready: "
                        + e.getMessage());
            } catch (SdkException e) {
                return fail(state, "Error tagging source instance: " + Ec2.error(e));
            } catch (Cancellation.CancelledException e) {
                return false;
            }
            state.put(Ec2.INSTANCE, instance);
            return true;
        }

        @Override
        public void cleanup(StepState state) {
            Ec2Client ec2 = ec2(state);
            if (instanceId != null) {
                terminate(state, instanceId);
            }
            if (template != null) {
                try {
                    ec2.deleteLaunchTemplate(b -> b.launchTemplateName(template));
                    Ec2.removed(state, Ec2.LAUNCH_TEMPLATE_KIND, Ec2.region(state), template);
                } catch (SdkException e) {
                    state.ui().error(Ec2.error(e));
                }
            }
        }
    }

    /** The instance's tags: {@code run_tags} and {@code run_tag} blocks, rendered, with Packer's default Name. */
    static List<Tag> runTags(StepState state, ComponentConfig config) throws GoTemplateException {
        Map<String, String> raw = Ec2.tagOption(config, "run_tags", "run_tag");
        raw.putIfAbsent("Name", "Packer Builder");
        return Ec2.tags(state, raw);
    }

    /**
     * {@code user_data}, or the content of {@code user_data_file}, base64-encoded unless it already is, as EC2 takes
     * it.
     */
    static String userData(StepState state, ComponentConfig config) throws IOException {
        String userData = config.string("user_data");
        if (!config.string("user_data_file").isEmpty()) {
            userData = Files.readString(state.build().resolve(config.string("user_data_file")));
        }
        if (!userData.isEmpty() && !isBase64(userData)) {
            userData = Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8));
        }
        return userData;
    }

    private static boolean isBase64(String s) {
        try {
            Base64.getDecoder().decode(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Instance describe(Ec2Client ec2, String id) {
        try {
            return ec2.describeInstances(b -> b.instanceIds(id)).reservations().stream()
                    .flatMap(r -> r.instances().stream()).findFirst().orElse(null);
        } catch (SdkException e) {
            if (Ec2.code(e).equals("InvalidInstanceID.NotFound")) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Packer's {@code StepModifyEBSBackedInstance}: Enhanced Networking on the stopped instance, so that the image
     * carries it ({@code sriov_support}, {@code ena_support}).
     */
    public static final class ModifyInstance implements Step {
        private final boolean sriov;
        private final boolean ena;

        public ModifyInstance(boolean sriov, boolean ena) {
            this.sriov = sriov;
            this.ena = ena;
        }

        @Override
        public String name() {
            return "StepModifyEBSBackedInstance";
        }

        @Override
        public boolean run(StepState state) {
            String id = state.<Instance>get(Ec2.INSTANCE).instanceId();
            try {
                if (sriov) {
                    state.ui().say("Enabling Enhanced Networking (SR-IOV)...");
                    ec2(state).modifyInstanceAttribute(b -> b.instanceId(id).sriovNetSupport(v -> v.value("simple")));
                }
            } catch (SdkException e) {
                String err = "Error enabling Enhanced Networking (SR-IOV) on " + id + ": " + Ec2.error(e);
                state.ui().error(err);
                return state.fail(err);
            }
            try {
                if (ena) {
                    state.ui().say("Enabling Enhanced Networking (ENA)...");
                    ec2(state).modifyInstanceAttribute(b -> b.instanceId(id).enaSupport(v -> v.value(true)));
                }
            } catch (SdkException e) {
                String err = "Error enabling Enhanced Networking (ENA) on " + id + ": " + Ec2.error(e);
                state.ui().error(err);
                return state.fail(err);
            }
            return true;
        }
    }

    /** Packer's {@code StepStopEBSBackedInstance}: stops the instance before the image is made. */
    public static final class StopInstance implements Step {
        private final boolean disabled;
        private final boolean spot;

        public StopInstance(boolean disabled) {
            this(disabled, false);
        }

        /** A spot instance is not stopped: the image is made from it running, as Packer does. */
        public StopInstance(boolean disabled, boolean spot) {
            this.disabled = disabled;
            this.spot = spot;
        }

        @Override
        public String name() {
            return "StepStopEBSBackedInstance";
        }

        @Override
        public boolean run(StepState state) {
            if (spot) {
                return true;
            }
            Instance instance = state.get(Ec2.INSTANCE);
            Ec2Client ec2 = ec2(state);
            if (!disabled) {
                state.ui().say("Stopping the source instance...");
                state.ui().message("Stopping instance");
                try {
                    ec2.stopInstances(b -> b.instanceIds(instance.instanceId()));
                } catch (SdkException e) {
                    String err = "Error stopping instance: " + Ec2.error(e);
                    state.ui().error(err);
                    return state.fail(err);
                }
            } else {
                state.ui().say("Automatic instance stop disabled. Please stop instance manually.");
            }
            state.ui().say("Waiting for the instance to stop...");
            try {
                Ec2.waitFor(state, WAIT_DELAY, WAIT_ATTEMPTS, () -> {
                    Instance i = describe(ec2, instance.instanceId());
                    return i != null && i.state().name() == InstanceStateName.STOPPED ? i : null;
                });
                return true;
            } catch (Ec2.WaitFailed e) {
                String err = "Error waiting for instance to stop: " + e.getMessage();
                state.ui().error(err);
                return state.fail(err);
            } catch (Cancellation.CancelledException e) {
                return false;
            }
        }
    }
}
