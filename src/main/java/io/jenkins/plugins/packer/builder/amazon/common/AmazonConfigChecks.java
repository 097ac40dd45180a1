package io.jenkins.plugins.packer.builder.amazon.common;

import io.jenkins.plugins.packer.communicator.CommunicatorChecks;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.LocalFiles;
import io.jenkins.plugins.packer.component.PrepareContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Prepare checks the amazon builders share: access ({@code AccessConfig}), the AMI to create
 * ({@code AMIConfig}), block device mappings ({@code BlockDevice}) and the source instance ({@code RunConfig}), each
 * returning its errors in Packer's order and words. See
 * <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/amazon/latest/components/builder/ebs">the
 * amazon-ebs builder</a>.
 */
public final class AmazonConfigChecks {

    /**
     * The options the EBS-backed builders render themselves, with the AMI's and region's values, instead of when
     * they are prepared.
     */
    public static final java.util.List<String> EBS_RENDER_EXCLUDED = java.util.List.of("ami_description",
            "fleet_tags", "fleet_tag", "run_tags", "run_tag", "run_volume_tags", "run_volume_tag", "spot_tags",
            "spot_tag", "snapshot_tags", "snapshot_tag", "tags", "tag");


    private static final Pattern KMS_KEY_ID = Pattern.compile("^[a-f0-9-]+$");
    private static final Pattern KMS_ALIAS = Pattern.compile("^alias/[a-zA-Z0-9:/_-]+$");
    private static final String KMS_ARN = "^arn:aws(-us-gov)?:kms:([a-z]{2}-(gov-)?[a-z]+-\\d{1})?:(\\d{12}):";
    private static final Pattern KMS_ARN_KEY = Pattern.compile(KMS_ARN + "key/[a-f0-9-]+$");
    private static final Pattern KMS_ARN_ALIAS = Pattern.compile(KMS_ARN + "alias/[a-zA-Z0-9:/_-]+$");
    private static final Map<String, Long> IOPS_RATIOS = Map.of("io1", 50L, "io2", 500L);

    private AmazonConfigChecks() {
    }

    /** {@code AccessConfig.Prepare}. */
    public static List<String> access(ComponentConfig c) {
        List<String> errs = new ArrayList<>();
        ComponentConfig vault = c.block("vault_aws_engine");
        if (vault != null && !c.string("access_key").isEmpty()) {
            errs.add("If you have set vault_aws_engine, you must not set the access_key or secret_key.");
        }
        if (c.string("access_key").isEmpty() != c.string("secret_key").isEmpty()) {
            errs.add("`access_key` and `secret_key` must both be either set or not set.");
        }
        return errs;
    }

    /** {@code AMIConfig.Prepare}. */
    public static List<String> ami(ComponentConfig c) {
        List<String> errs = new ArrayList<>();
        String name = c.string("ami_name");
        if (name.isEmpty()) {
            errs.add("ami_name must be specified");
        }
        Map<String, String> regionKeys = c.stringMap("region_kms_key_ids");
        List<String> regions = c.stringList("ami_regions");
        for (String region : regionKeys.keySet()) {
            if (!regions.contains(region)) {
                errs.add("Region " + region + " is in region_kms_key_ids but not in ami_regions");
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String region : regions) {
            if (seen.add(region) && !regionKeys.isEmpty() && !regionKeys.containsKey(region)) {
                errs.add("Region " + region + " is in ami_regions but not in region_kms_key_ids");
            }
        }
        String kmsKeyId = c.string("kms_key_id");
        boolean encryptBoot = Boolean.TRUE.equals(c.trilean("encrypt_boot"));
        if (!c.stringList("ami_users").isEmpty()) {
            if (kmsKeyId.isEmpty() && encryptBoot) {
                errs.add("Cannot share AMI encrypted with default KMS key");
            }
            for (String key : regionKeys.values()) {
                if (key.isEmpty()) {
                    errs.add("Cannot share AMI encrypted with default KMS key for other regions");
                }
            }
        }
        List<String> kmsKeys = new ArrayList<>();
        if (!kmsKeyId.isEmpty()) {
            kmsKeys.add(kmsKeyId);
        }
        regionKeys.values().stream().filter(k -> !k.isEmpty()).forEach(kmsKeys::add);
        if (!kmsKeys.isEmpty() && !encryptBoot) {
            errs.add("If you have set either region_kms_key_ids or kms_key_id, encrypt_boot must also be true.");
        }
        for (String key : kmsKeys) {
            if (!validKmsKey(key)) {
                errs.add("\"" + key + "\" is not a valid KMS Key Id.");
            }
        }
        if (!c.stringList("snapshot_users").isEmpty()) {
            if (kmsKeyId.isEmpty() && regionKeys.isEmpty() && encryptBoot) {
                errs.add("Cannot share snapshot encrypted with default KMS key, see"
                        + " https://www.packer.io/docs/builders/amazon-ebs#region_kms_key_ids for more information");
            }
            for (String key : regionKeys.values()) {
                if (key.isEmpty()) {
                    errs.add("Cannot share snapshot encrypted with default KMS key");
                }
            }
        }
        // Packer checks the name once its {{ }} template actions are rendered; until they are, only a name without
        // actions can be checked here.
        if (!name.contains("{{")) {
            int length = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (length < 3 || length > 128) {
                errs.add("ami_name must be between 3 and 128 characters long");
            }
            if (!name.equals(cleanResourceName(name))) {
                errs.add("AMIName should only contain alphanumeric characters, parentheses (()), square brackets"
                        + " ([]), spaces ( ), periods (.), slashes (/), dashes (-), single quotes ('), at-signs (@),"
                        + " or underscores(_). You can use the `clean_resource_name` template filter to"
                        + " automatically clean your ami name.");
            }
        }
        String imds = c.string("imds_support");
        if (!imds.isEmpty() && !imds.equals("v2.0")) {
            errs.add("The only valid imds_support values are \"v2.0\" or the empty string");
        }
        String deprecateAt = c.string("deprecate_at");
        if (!deprecateAt.isEmpty() && rfc3339(deprecateAt) == null) {
            errs.add("deprecate_at is not a valid time: \"" + deprecateAt + "\". Expect time format:"
                    + " YYYY-MM-DDTHH:MM:SSZ");
        }
        return errs;
    }

    private static final java.time.format.DateTimeFormatter RFC3339 = new java.time.format.DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss").optionalStart()
            .appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z").toFormatter().withResolverStyle(java.time.format.ResolverStyle.STRICT);

    /** A time as Go's {@code time.Parse(time.RFC3339, s)} reads it (seconds and an offset required), else null. */
    public static java.time.Instant rfc3339(String s) {
        try {
            return java.time.OffsetDateTime.parse(s, RFC3339).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The {@code clean_resource_name} template function: every byte AWS does not allow in a name becomes '-'. */
    public static String cleanResourceName(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(b.length);
        for (byte x : b) {
            char c = (char) (x & 0xff);
            boolean ok = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                    || "()[] ./-'@_".indexOf(c) >= 0;
            out.append(ok ? c : '-');
        }
        return out.toString();
    }

    static boolean validKmsKey(String key) {
        return KMS_KEY_ID.matcher(key).find() || KMS_ALIAS.matcher(key).find() || KMS_ARN_KEY.matcher(key).find()
                || KMS_ARN_ALIAS.matcher(key).find();
    }

    /** {@code BlockDevices.Prepare}: the first problem of each mapping. */
    public static List<String> blockDevices(List<ComponentConfig> devices) {
        List<String> errs = new ArrayList<>();
        for (ComponentConfig d : devices) {
            String err = blockDevice(d);
            if (err != null) {
                errs.add(err);
            }
        }
        return errs;
    }

    private static String blockDevice(ComponentConfig d) {
        String name = d.string("device_name");
        if (name.isEmpty()) {
            return "The `device_name` must be specified for every device in the block device mapping.";
        }
        if (!d.string("kms_key_id").isEmpty() && Boolean.FALSE.equals(d.trilean("encrypted"))) {
            return "The device " + name + ", must also have `encrypted: true` when setting a kms_key_id.";
        }
        String volumeType = d.string("volume_type");
        long size = d.number("volume_size");
        long iops = d.number("iops");
        long throughput = d.number("throughput");
        Long ratio = IOPS_RATIOS.get(volumeType);
        if (ratio != null && size != 0) {
            if (iops / size > ratio) {
                return name + ": the maximum ratio of provisioned IOPS to requested volume size (in GiB) is " + ratio
                        + ":1 for " + volumeType + " volumes";
            }
            if (iops < 100 || iops > 64000) {
                return "IOPS must be between 100 and 64000 for device " + name;
            }
        }
        if (volumeType.equals("gp3")) {
            if (throughput < 125 || throughput > 1000) {
                return "Throughput must be between 125 and 1000 for device " + name;
            }
            if (iops < 3000 || iops > 16000) {
                return "IOPS must be between 3000 and 16000 for device " + name;
            }
        } else if (throughput > 0) {
            return "Throughput is not available for device " + name;
        }
        return null;
    }

    /** {@code RunConfig.Prepare}, which starts with the communicator's checks. */
    public static List<String> run(ComponentConfig c, PrepareContext ctx) {
        List<String> errs = new ArrayList<>(CommunicatorChecks.prepare(c, ctx));
        String sshInterface = c.string("ssh_interface");
        if (!List.of("", "public_ip", "private_ip", "public_dns", "private_dns", "session_manager")
                .contains(sshInterface)) {
            errs.add("Unknown interface type: " + sshInterface);
        }
        String comm = CommunicatorChecks.type(c);
        if (sshInterface.equals("session_manager")) {
            if (comm.equals("winrm")) {
                errs.add("session_manager connectivity is not supported with the \"winrm\" communicator; please use"
                        + " \"ssh\"");
            }
            if (c.string("iam_instance_profile").isEmpty()
                    && !c.isSet("temporary_iam_instance_profile_policy_document")) {
                errs.add("no iam_instance_profile defined; session_manager connectivity requires a valid instance"
                        + " profile with AmazonSSMManagedInstanceCore permissions. Alternatively a"
                        + " temporary_iam_instance_profile_policy_document can be used.");
            }
        }
        boolean privateKey = io.jenkins.plugins.packer.component.SshLogin.hasPrivateKey(c);
        if (!c.string("ssh_keypair_name").isEmpty()) {
            if (comm.equals("winrm") && c.string("winrm_password").isEmpty() && !privateKey) {
                errs.add("ssh_private_key_file must be provided to retrieve the winrm password when using"
                        + " ssh_keypair_name.");
            } else if (!privateKey && !c.bool("ssh_agent_auth")) {
                errs.add("ssh_private_key_file must be provided or ssh_agent_auth enabled when ssh_keypair_name is"
                        + " specified.");
            }
        }
        String sourceAmi = c.string("source_ami");
        ComponentConfig filter = c.block("source_ami_filter");
        boolean noOwner = filter == null || filter.stringList("owners").isEmpty();
        boolean filterEmpty = noOwner && (filter == null || filter.stringMap("filters").isEmpty());
        if (sourceAmi.isEmpty() && filterEmpty) {
            errs.add("A source_ami or source_ami_filter must be specified");
        }
        if (sourceAmi.isEmpty() && noOwner) {
            errs.add("For security reasons, your source AMI filter must declare an owner.");
        }
        String instanceType = c.string("instance_type");
        boolean spotTypes = !c.stringList("spot_instance_types").isEmpty();
        if (instanceType.isEmpty() && !spotTypes) {
            errs.add("either instance_type or spot_instance_types must be specified");
        }
        if (!instanceType.isEmpty() && spotTypes) {
            errs.add("either instance_type or spot_instance_types must be specified, not both");
        }
        if (c.number("block_duration_minutes") % 60 != 0) {
            errs.add("block_duration_minutes must be multiple of 60");
        }
        String spotPrice = c.string("spot_price");
        if ((c.isSet("spot_tags") || !c.blocks("spot_tag").isEmpty())
                && (spotPrice.isEmpty() || spotPrice.equals("0"))) {
            errs.add("spot_tags should not be set when not requesting a spot instance");
        }
        String userDataFile = c.string("user_data_file");
        if (!c.string("user_data").isEmpty() && !userDataFile.isEmpty()) {
            errs.add("Only one of user_data or user_data_file can be specified.");
        } else if (!userDataFile.isEmpty() && LocalFiles.statError(ctx.workDir(), userDataFile) != null) {
            errs.add("user_data_file not found: " + userDataFile);
        }
        if (!c.string("security_group_id").isEmpty() && !c.stringList("security_group_ids").isEmpty()) {
            errs.add("Only one of security_group_id or security_group_ids can be specified.");
        }
        for (String cidr : c.stringList("temporary_security_group_source_cidrs")) {
            String err = Cidrs.parseError(cidr);
            if (err != null) {
                errs.add("Error parsing CIDR in temporary_security_group_source_cidrs: " + err);
            }
        }
        String shutdown = c.string("shutdown_behavior");
        if (!shutdown.isEmpty() && !shutdown.equals("stop") && !shutdown.equals("terminate")) {
            errs.add("shutdown_behavior only accepts 'stop' or 'terminate' values.");
        }
        if (c.bool("enable_t2_unlimited")) {
            if (!spotPrice.isEmpty()) {
                errs.add("Error: T2 Unlimited cannot be used in conjunction with Spot Instances");
            }
            int dot = instanceType.indexOf('.');
            if (dot < 0) {
                errs.add("Error determining main Instance Type from: " + instanceType);
            } else if (!instanceType.substring(0, dot).equals("t2")) {
                errs.add("Error: T2 Unlimited enabled with a non-T2 Instance Type: " + instanceType);
            }
        }
        if (c.bool("enable_unlimited_credits")) {
            if (!BURSTABLE.matcher(instanceType).find()) {
                errs.add("Error: Instance Type: " + instanceType + " is not within the supported types for Unlimited"
                        + " credits. Supported instance types are T2, T3, and T4g");
            }
            if (!spotPrice.isEmpty() && instanceType.startsWith("t2.")) {
                errs.add("Error: Unlimited credits cannot be used in conjunction with Spot Instances");
            }
        }
        String reservationId = c.string("capacity_reservation_id");
        String reservationGroup = c.string("capacity_reservation_group_arn");
        String reservation = c.string("capacity_reservation_preference");
        if (!reservationId.isEmpty() && !reservationGroup.isEmpty()) {
            errs.add("capacity_reservation_id and capacity_reservation_group_arn are mutually exclusive, only one"
                    + " should be used");
        }
        if ((!reservationId.isEmpty() || !reservationGroup.isEmpty()) && !reservation.isEmpty()) {
            errs.add("capacity_reservation_id, capacity_reservation_group_arn and capacity_reservation_preference are"
                    + " mutually exclusive, only one should be set");
        }
        if (!List.of("", "none", "open").contains(reservation)) {
            errs.add("capacity_reservation_preference only accepts 'none' or 'open' values");
        }
        ComponentConfig placement = c.isSet("placement") ? c.block("placement") : null;
        String placementTenancy = placement == null ? "" : placement.string("tenancy");
        if (!placementTenancy.isEmpty() && !c.string("tenancy").isEmpty()) {
            errs.add("Error: Please set only one of placement.tenancy and tenancy (deprecated)");
        }
        String tenancy = tenancy(c);
        if (!List.of("", "default", "dedicated", "host").contains(tenancy)) {
            errs.add("Error: Unknown tenancy type " + tenancy);
        }
        if (placement != null) {
            String hostId = placement.string("host_id");
            String hostGroup = placement.string("host_resource_group_arn");
            if (!hostId.isEmpty() && !hostGroup.isEmpty()) {
                errs.add("The `host_id` and `host_resource_group_arn` settings cannot be specified at the same time.");
            }
            if ((!hostId.isEmpty() || !hostGroup.isEmpty()) && !List.of("", "host").contains(placementTenancy)) {
                errs.add("The tenancy should be `host` if either the `host_id` or `host_resource_group_arn`"
                        + " attributes are specified.");
            }
        }
        if (c.bool("enable_nitro_enclave")) {
            if (!spotPrice.isEmpty()) {
                errs.add("Error: Nitro Enclave cannot be used in conjunction with Spot Instances");
            }
            if (instanceType.startsWith("t")) {
                errs.add("Error: Nitro Enclaves cannot be used in conjunction with burstable instance types: "
                        + instanceType);
            }
        }
        return errs;
    }

    /** The instance types with CPU credits: T2, T3, T3a and T4g. */
    private static final Pattern BURSTABLE = Pattern.compile("^t(:?2|3a?|4g)\\.");

    /** The tenancy of the instance: {@code placement.tenancy}, else the deprecated {@code tenancy}. */
    static String tenancy(ComponentConfig c) {
        ComponentConfig placement = c.isSet("placement") ? c.block("placement") : null;
        String placementTenancy = placement == null ? "" : placement.string("tenancy");
        return placementTenancy.isEmpty() ? c.string("tenancy") : placementTenancy;
    }

    /** The warning of the builders that launch an instance, when {@code spot_price_auto_product} is set. */
    public static List<String> runWarnings(ComponentConfig c) {
        if (c.string("spot_price_auto_product").isEmpty()) {
            return List.of();
        }
        return List.of("spot_price_auto_product is deprecated and no longer necessary for Packer builds. In future"
                + " versions of Packer, inclusion of spot_price_auto_product will error your builds. Please take a"
                + " look at our current documentation to understand how Packer requests Spot instances.");
    }

    /** {@code ami_architecture}, where a builder registers the AMI itself: x86_64 (the default) or arm64. */
    public static List<String> architecture(ComponentConfig c) {
        String arch = c.string("ami_architecture");
        if (arch.isEmpty() || arch.equals("x86_64") || arch.equals("arm64")) {
            return List.of();
        }
        return List.of("The only valid ami_architecture values are \"x86_64\" and \"arm64\"");
    }

    /** Enhanced networking ({@code ena_support}, {@code sriov_support}) needs a change a spot instance refuses. */
    public static List<String> spotEnhancedNetworking(ComponentConfig c) {
        if (isSpotInstance(c) && (Boolean.TRUE.equals(c.trilean("ena_support")) || c.bool("sriov_support"))) {
            return List.of("Spot instances do not support modification, which is required when either `ena_support`"
                    + " or `sriov_support` are set. Please ensure you use an AMI that already has either SR-IOV or ENA"
                    + " enabled.");
        }
        return List.of();
    }

    /** True when the build requests a spot instance ({@code RunConfig.IsSpotInstance}). */
    public static boolean isSpotInstance(ComponentConfig c) {
        String spotPrice = c.string("spot_price");
        return !spotPrice.isEmpty() && !spotPrice.equals("0");
    }
}
