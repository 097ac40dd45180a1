package io.jenkins.plugins.packer.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.value.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Checks the specs against option lists taken independently from the components' documentation, so that a missing or
 * an extra option fails: the docs partials packer-sdc renders from the Go structs (packer-plugin-amazon 5028903a
 * {@code docs-partials/builder/common} and {@code docs-partials/builder/ebs}, packer-plugin-sdk v0.6.10
 * {@code docs-partials/packer-plugin-sdk/communicator}) and packer v1.9.5's provisioner and post-processor pages.
 */
class SpecCompletenessTest {

    /**
     * amazon-ebs's own options with their documented Go types: {@code AccessConfig}, {@code AMIConfig},
     * {@code SnapshotConfig}, {@code RunConfig} ({@code -required.mdx} and {@code -not-required.mdx}) and
     * {@code builder/ebs/Config-not-required.mdx}.
     */
    private static final String EBS_DOCUMENTED = """
            access_key string
            ami_block_device_mappings awscommon.BlockDevices
            ami_description string
            ami_groups []string
            ami_name string
            ami_org_arns []string
            ami_ou_arns []string
            ami_product_codes []string
            ami_regions []string
            ami_users []string
            ami_virtualization_type string
            associate_public_ip_address boolean
            assume_role AssumeRoleConfig
            availability_zone string
            aws_polling *AWSPollingConfig
            block_duration_minutes int64
            capacity_reservation_group_arn string
            capacity_reservation_id string
            capacity_reservation_preference string
            custom_endpoint_ec2 string
            decode_authorization_messages bool
            deprecate_at string
            deregistration_protection DeregistrationProtectionOptions
            disable_stop_instance bool
            ebs_optimized bool
            ena_support boolean
            enable_nitro_enclave bool
            enable_t2_unlimited bool
            enable_unlimited_credits bool
            encrypt_boot boolean
            fast_launch FastLaunchConfig
            fleet_tag []{key string, value string}
            fleet_tags map[string]string
            force_delete_snapshot bool
            force_deregister bool
            iam_instance_profile string
            imds_support string
            insecure_skip_tls_verify bool
            instance_type string
            kms_key_id string
            launch_block_device_mappings awscommon.BlockDevices
            license_specifications []LicenseSpecification
            max_retries int
            metadata_options MetadataOptions
            mfa_code string
            no_ephemeral bool
            pause_before_ssm duration string
            placement Placement
            profile string
            region string
            region_kms_key_ids map[string]string
            run_tag []{key string, value string}
            run_tags map[string]string
            run_volume_tag []{name string, value string}
            run_volume_tags map[string]string
            secret_key string
            security_group_filter SecurityGroupFilterOptions
            security_group_id string
            security_group_ids []string
            session_manager_port int
            shared_credentials_file string
            shutdown_behavior string
            skip_ami_run_tags bool
            skip_create_ami bool
            skip_credential_validation bool
            skip_metadata_api_check bool
            skip_profile_validation bool
            skip_region_validation bool
            skip_save_build_region bool
            snapshot_copy_duration_minutes int64
            snapshot_groups []string
            snapshot_tag []{key string, value string}
            snapshot_tags map[string]string
            snapshot_users []string
            source_ami string
            source_ami_filter AmiFilterOptions
            spot_allocation_strategy string
            spot_instance_types []string
            spot_price string
            spot_tag []{key string, value string}
            spot_tags map[string]string
            sriov_support bool
            ssh_interface string
            subnet_filter SubnetFilterOptions
            subnet_id string
            tag []{key string, value string}
            tags map[string]string
            temporary_iam_instance_profile_policy_document *PolicyDocument
            temporary_security_group_source_cidrs []string
            temporary_security_group_source_public_ip bool
            tenancy string
            token string
            user_data string
            user_data_file string
            vault_aws_engine VaultAWSEngineOptions
            vpc_filter VpcFilterOptions
            vpc_id string
            windows_password_timeout duration string
            """;

    /** In amazon-ebs's generated spec but marked undocumented in its struct (a deprecated option). */
    private static final List<String> EBS_UNDOCUMENTED = List.of("spot_price_auto_product");

    /**
     * The communicator options with their documented Go types: {@code Config}, {@code SSH}, {@code SSH-Agent-Auth},
     * {@code SSH-Key-Pair-Name}, {@code SSH-Private-Key-File}, {@code SSH-Temporary-Key-Pair},
     * {@code SSHTemporaryKeyPair} and {@code WinRM} {@code -not-required.mdx}.
     */
    private static final String COMMUNICATOR_DOCUMENTED = """
            communicator string
            pause_before_connecting duration string
            ssh_agent_auth bool
            ssh_bastion_agent_auth bool
            ssh_bastion_certificate_file string
            ssh_bastion_host string
            ssh_bastion_interactive bool
            ssh_bastion_password string
            ssh_bastion_port int
            ssh_bastion_private_key_file string
            ssh_bastion_username string
            ssh_certificate_file string
            ssh_ciphers []string
            ssh_clear_authorized_keys bool
            ssh_disable_agent_forwarding bool
            ssh_file_transfer_method string
            ssh_handshake_attempts int
            ssh_host string
            ssh_keep_alive_interval duration string
            ssh_key_exchange_algorithms []string
            ssh_keypair_name string
            ssh_local_tunnels []string
            ssh_password string
            ssh_port int
            ssh_private_key_file string
            ssh_proxy_host string
            ssh_proxy_password string
            ssh_proxy_port int
            ssh_proxy_username string
            ssh_pty bool
            ssh_read_write_timeout duration string
            ssh_remote_tunnels []string
            ssh_timeout duration string
            ssh_username string
            temporary_key_pair_bits int
            temporary_key_pair_name string
            temporary_key_pair_type string
            winrm_host string
            winrm_insecure bool
            winrm_no_proxy bool
            winrm_password string
            winrm_port int
            winrm_timeout duration string
            winrm_use_ntlm boolean
            winrm_use_ssl bool
            winrm_username string
            """;

    /**
     * In the SDK's generated communicator spec but undocumented: the deprecated {@code ssh_wait_timeout} and the
     * generated key pair ({@code []byte} fields, which become lists of numbers).
     */
    private static final List<String> SSH_UNDOCUMENTED = List.of("ssh_private_key", "ssh_public_key",
            "ssh_wait_timeout");

    private static final List<String> PACKER_INJECTED = List.of("packer_build_name", "packer_builder_type",
            "packer_core_version", "packer_debug", "packer_force", "packer_on_error", "packer_user_variables",
            "packer_sensitive_variables");

    @Test
    void amazonEbsHasExactlyTheDocumentedOptions() {
        List<String> expected = new ArrayList<>(documented(EBS_DOCUMENTED).keySet());
        expected.addAll(EBS_UNDOCUMENTED);
        expected.addAll(documented(COMMUNICATOR_DOCUMENTED).keySet());
        expected.addAll(SSH_UNDOCUMENTED);
        expected.addAll(PACKER_INJECTED);

        assertThat(names(ComponentSpecs.builder("amazon-ebs"))).containsExactlyElementsOf(new TreeSet<>(expected));
    }

    @Test
    void amazonEbsOptionsHaveTheirDocumentedTypes() {
        assertTypesMatchDocs(ComponentSpecs.builder("amazon-ebs"), documented(EBS_DOCUMENTED));
    }

    @Test
    void amazonEbsNestedBlocksHaveTheirDocumentedOptions() {
        ConfigSpec ebs = ComponentSpecs.builder("amazon-ebs");

        // docs-partials/builder/common/<Struct>-not-required.mdx, and builder/ebs/FastLaunchConfig-not-required.mdx.
        assertThat(nested(ebs, "assume_role")).containsExactly("duration_seconds", "external_id", "policy",
                "policy_arns", "role_arn", "session_name", "tags", "transitive_tag_keys");
        assertThat(nested(ebs, "launch_block_device_mappings")).containsExactly("delete_on_termination",
                "device_name", "encrypted", "iops", "kms_key_id", "no_device", "snapshot_id", "throughput",
                "virtual_name", "volume_size", "volume_type");
        assertThat(nested(ebs, "ami_block_device_mappings")).isEqualTo(nested(ebs, "launch_block_device_mappings"));
        assertThat(nested(ebs, "source_ami_filter")).containsExactly("filters", "include_deprecated", "most_recent",
                "owners");
        assertThat(nested(ebs, "metadata_options")).containsExactly("http_endpoint", "http_put_response_hop_limit",
                "http_tokens", "instance_metadata_tags");
        assertThat(nested(ebs, "placement")).containsExactly("host_id", "host_resource_group_arn", "tenancy");
        assertThat(nested(ebs, "vault_aws_engine")).containsExactly("engine_name", "name", "role_arn", "ttl");
        assertThat(nested(ebs, "aws_polling")).containsExactly("delay_seconds", "max_attempts");
        assertThat(nested(ebs, "deregistration_protection")).containsExactly("enabled", "with_cooldown");
        assertThat(nested(ebs, "fast_launch")).containsExactly("enable_fast_launch", "max_parallel_launches",
                "region_launch_templates", "target_resource_count", "template_id", "template_name",
                "template_version");
        // SubnetFilterOptions documents only its own fields; filters and filter come from the embedded
        // NameValueFilter, as for the VPC and security group filters.
        assertThat(nested(ebs, "subnet_filter")).containsExactly("filter", "filters", "most_free", "random");
        assertThat(nested(ebs, "vpc_filter")).containsExactly("filter", "filters");
    }

    @Test
    void sshOptionsAreExactlyTheDocumentedOnes() {
        List<String> expected = new ArrayList<>(documented(COMMUNICATOR_DOCUMENTED).keySet().stream()
                .filter(n -> n.startsWith("ssh_") || n.startsWith("temporary_key_pair_")).toList());
        expected.addAll(SSH_UNDOCUMENTED);

        assertThat(names(ConfigSpec.load("common", "ssh"))).containsExactlyElementsOf(new TreeSet<>(expected));
    }

    @Test
    void communicatorOptionsHaveTheirDocumentedTypes() {
        ConfigSpec communicator = ConfigSpec.load("common", "communicator");
        Map<String, String> docs = documented(COMMUNICATOR_DOCUMENTED);

        assertThat(names(communicator)).containsAll(docs.keySet()).hasSize(docs.size() + SSH_UNDOCUMENTED.size());
        assertTypesMatchDocs(communicator, docs);
    }

    @Test
    void theNullBuilderIsTheCommunicatorAlone() {
        List<String> expected = new ArrayList<>(names(ConfigSpec.load("common", "communicator")));
        expected.addAll(PACKER_INJECTED);

        assertThat(names(ComponentSpecs.builder("null"))).containsExactlyElementsOf(new TreeSet<>(expected));
    }

    @Test
    void shellHasExactlyTheDocumentedOptions() {
        // website/content/partials/provisioners/shell-config.mdx (inline, script, scripts, binary,
        // valid_exit_codes) and the option list of website/content/docs/provisioners/shell.mdx.
        assertThat(ownNames(ComponentSpecs.provisioner("shell"))).containsExactly("binary", "env", "env_var_format",
                "environment_vars", "execute_command", "expect_disconnect", "inline", "inline_shebang", "pause_after",
                "remote_file", "remote_folder", "remote_path", "script", "scripts", "skip_clean",
                "start_retry_timeout", "use_env_var_file", "valid_exit_codes");
    }

    @Test
    void fileProvisionerHasExactlyTheDocumentedOptions() {
        // website/content/partials/provisioner/file/Config-required.mdx and Config-not-required.mdx.
        assertThat(ownNames(ComponentSpecs.provisioner("file"))).containsExactly("content", "destination",
                "direction", "generated", "source", "sources");
    }

    @Test
    void manifestHasExactlyTheDocumentedOptions() {
        // website/content/partials/post-processor/manifest/Config-not-required.mdx.
        assertThat(ownNames(ComponentSpecs.postProcessor("manifest"))).containsExactly("custom_data", "output",
                "strip_path", "strip_time");
    }

    @Test
    void shellLocalIsTheSameConfigAsProvisionerAndPostProcessor() {
        // website/content/docs/provisioners/shell-local.mdx lists these plus tempfile_extension, documented in the
        // SDK; keep_input_artifact, on the post-processor page, is a post-processor block argument of core.
        List<String> expected = List.of("command", "env", "env_var_format", "environment_vars", "execute_command",
                "inline", "inline_shebang", "only_on", "script", "scripts", "tempfile_extension",
                "use_linux_pathing", "valid_exit_codes");

        assertThat(ownNames(ComponentSpecs.provisioner("shell-local"))).containsExactlyElementsOf(expected);
        assertThat(ownNames(ComponentSpecs.postProcessor("shell-local"))).containsExactlyElementsOf(expected);
    }

    /** name → documented Go type, from lines of "name type". */
    private static Map<String, String> documented(String table) {
        Map<String, String> out = new LinkedHashMap<>();
        table.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> {
            int space = l.indexOf(' ');
            out.put(l.substring(0, space), l.substring(space + 1));
        });
        return out;
    }

    /**
     * What packer-sdc makes of a documented Go type: null for a struct or a slice of structs, which become blocks.
     */
    private static Type hclType(String goType) {
        return switch (goType) {
            case "string", "duration string" -> Type.STRING;
            case "bool", "boolean" -> Type.BOOL;
            case "int", "int32", "int64", "*int32", "*int64" -> Type.NUMBER;
            case "[]string" -> Type.list(Type.STRING);
            case "map[string]string" -> Type.map(Type.STRING);
            default -> null;
        };
    }

    private static void assertTypesMatchDocs(ConfigSpec spec, Map<String, String> docs) {
        docs.forEach((name, goType) -> {
            Type expected = hclType(goType);
            if (expected == null) {
                assertThat(spec.blocks()).as(name + " (" + goType + ") is a block").containsKey(name);
            } else {
                assertThat(spec.attributes()).as(name).containsKey(name);
                assertThat(spec.attributes().get(name).type()).as(name + " (" + goType + ")").isEqualTo(expected);
            }
        });
    }

    private static List<String> names(ConfigSpec spec) {
        TreeSet<String> out = new TreeSet<>(spec.attributes().keySet());
        out.addAll(spec.blocks().keySet());
        return List.copyOf(out);
    }

    /** The options of a component apart from the ones core injects into every component. */
    private static List<String> ownNames(ConfigSpec spec) {
        return names(spec).stream().filter(n -> !PACKER_INJECTED.contains(n)).toList();
    }

    private static List<String> nested(ConfigSpec spec, String block) {
        return names(spec.blocks().get(block).spec());
    }
}
