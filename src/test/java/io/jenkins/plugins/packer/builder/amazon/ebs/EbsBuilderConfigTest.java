package io.jenkins.plugins.packer.builder.amazon.ebs;

import static io.jenkins.plugins.packer.component.PrepareFixture.prepare;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EbsBuilderConfigTest {

    private static final String VALID = """
            region = "eu-central-1"
            instance_type = "t3.small"
            source_ami = "ami-1"
            ssh_username = "ubuntu"
            """;

    @Test
    void nothingSetGivesPackersSixErrors() {
        assertThat(prepare("builder", "amazon-ebs", "").error()).isEqualTo("""
                6 error(s) occurred:

                * ami_name must be specified
                * ami_name must be between 3 and 128 characters long
                * An ssh_username must be specified
                  Note: some builders used to default ssh_username to "root".
                * A source_ami or source_ami_filter must be specified
                * For security reasons, your source AMI filter must declare an owner.
                * either instance_type or spot_instance_types must be specified""");
    }

    @Test
    void aCompleteConfigurationIsValid() {
        assertThat(prepare("builder", "amazon-ebs", VALID + "ami_name = \"image\"").ok()).isTrue();
    }

    @Test
    void accessKeyWithoutSecretKeyIsRejected() {
        assertThat(prepare("builder", "amazon-ebs", VALID + "ami_name = \"image\"\naccess_key = \"a\"").error())
                .endsWith("* `access_key` and `secret_key` must both be either set or not set.");
    }

    @Test
    void amiNameWithForbiddenCharactersIsRejected() {
        assertThat(prepare("builder", "amazon-ebs", VALID + "ami_name = \"bad#name\"").error())
                .contains("* AMIName should only contain alphanumeric characters");
    }

    @Test
    void amiNameWithTemplateActionsIsLeftToTheBuild() {
        assertThat(prepare("builder", "amazon-ebs", VALID + "ami_name = \"x-{{timestamp}}\"").ok()).isTrue();
    }

    @Test
    void gp3VolumeNeedsThroughputAndIopsInRange() {
        assertThat(prepare("builder", "amazon-ebs", VALID + """
                ami_name = "image"
                launch_block_device_mappings {
                  device_name = "/dev/sda1"
                  volume_type = "gp3"
                  volume_size = 8
                }
                """).error()).endsWith("* Throughput must be between 125 and 1000 for device /dev/sda1");
    }

    @Test
    void badTemporaryCidrQuotesGo() {
        assertThat(prepare("builder", "amazon-ebs", VALID + """
                ami_name = "image"
                temporary_security_group_source_cidrs = ["10.0.0.0"]
                """).error()).endsWith("* Error parsing CIDR in temporary_security_group_source_cidrs: invalid CIDR"
                + " address: 10.0.0.0");
    }

    @Test
    void spotPriceAutoProductIsDeprecated() {
        assertThat(prepare("builder", "amazon-ebs", VALID + "ami_name = \"image\"\nspot_price_auto_product ="
                + " \"Linux/UNIX\"").warnings()).singleElement().asString()
                .startsWith("spot_price_auto_product is deprecated");
    }

    @Test
    void imdsSupportTakesOnlyV2() {
        assertThat(prepare("builder", "amazon-ebs", VALID + "ami_name = \"image\"\nimds_support = \"v1.0\"").error())
                .endsWith("* The only valid imds_support values are \"v2.0\" or the empty string");
        assertThat(prepare("builder", "amazon-ebs", VALID + "ami_name = \"image\"\nimds_support = \"v2.0\"").ok())
                .isTrue();
    }

    @Test
    void deprecateAtIsAnRfc3339Time() {
        for (String bad : new String[] {"2030-01-02", "2030-01-02T15:04Z", "2030-01-02 15:04:05Z",
                "2030-13-02T15:04:05Z", "2030-01-02T15:04:05"}) {
            assertThat(prepare("builder", "amazon-ebs", VALID + "ami_name = \"image\"\ndeprecate_at = \"" + bad
                    + "\"").error()).as(bad).endsWith("* deprecate_at is not a valid time: \"" + bad + "\". Expect"
                    + " time format: YYYY-MM-DDTHH:MM:SSZ");
        }
        for (String good : new String[] {"2030-01-02T15:04:05Z", "2030-01-02T15:04:05.123+02:00"}) {
            assertThat(prepare("builder", "amazon-ebs", VALID + "ami_name = \"image\"\ndeprecate_at = \"" + good
                    + "\"").ok()).as(good).isTrue();
        }
    }

    @Test
    void fastLaunchIsRefusedRatherThanIgnored() {
        assertThat(prepare("builder", "amazon-ebs", VALID + """
                ami_name = "image"
                fast_launch {
                  enable_fast_launch = true
                }
                """).error()).endsWith("* fast_launch is not available in this version: the AMI would be made"
                + " without EC2 Fast Launch");
    }

    @Test
    void runOptionsAreCheckedAsPackerDoes() {
        assertThat(prepare("builder", "amazon-ebs", VALID.replace("t3.small", "m5.large") + """
                ami_name                 = "image"
                enable_unlimited_credits = true
                """).error()).endsWith("* Error: Instance Type: m5.large is not within the supported types for"
                + " Unlimited credits. Supported instance types are T2, T3, and T4g");
        assertThat(prepare("builder", "amazon-ebs", VALID + """
                ami_name                        = "image"
                capacity_reservation_id         = "cr-1"
                capacity_reservation_preference = "open"
                """).error()).endsWith("* capacity_reservation_id, capacity_reservation_group_arn and"
                + " capacity_reservation_preference are mutually exclusive, only one should be set");
        assertThat(prepare("builder", "amazon-ebs", VALID + """
                ami_name                        = "image"
                capacity_reservation_preference = "always"
                """).error()).endsWith("* capacity_reservation_preference only accepts 'none' or 'open' values");
        assertThat(prepare("builder", "amazon-ebs", VALID + """
                ami_name = "image"
                tenancy  = "dedicated"
                placement {
                  tenancy = "host"
                }
                """).error()).endsWith("* Error: Please set only one of placement.tenancy and tenancy (deprecated)");
        assertThat(prepare("builder", "amazon-ebs", VALID + """
                ami_name = "image"
                placement {
                  host_id = "h-0123"
                  tenancy = "dedicated"
                }
                """).error()).endsWith("* The tenancy should be `host` if either the `host_id` or"
                + " `host_resource_group_arn` attributes are specified.");
        assertThat(prepare("builder", "amazon-ebs", VALID + """
                ami_name             = "image"
                enable_nitro_enclave = true
                """).error()).endsWith("* Error: Nitro Enclaves cannot be used in conjunction with burstable instance"
                + " types: t3.small");
    }
}
