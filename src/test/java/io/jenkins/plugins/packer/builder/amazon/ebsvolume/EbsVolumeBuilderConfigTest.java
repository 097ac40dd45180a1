package io.jenkins.plugins.packer.builder.amazon.ebsvolume;

import static io.jenkins.plugins.packer.component.PrepareFixture.prepare;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.component.Prepared;
import org.junit.jupiter.api.Test;

/** Expected messages are packer 1.6.6's for the same source blocks. */
class EbsVolumeBuilderConfigTest {

    @Test
    void nothingSetGivesPackersFourErrors() {
        assertThat(prepare("builder", "amazon-ebsvolume", "").error()).isEqualTo("""
                4 error(s) occurred:

                * An ssh_username must be specified
                  Note: some builders used to default ssh_username to "root".
                * A source_ami or source_ami_filter must be specified
                * For security reasons, your source AMI filter must declare an owner.
                * either instance_type or spot_instance_types must be specified""");
    }

    @Test
    void eachVolumeIsCheckedAsABlockDeviceAndSpotCannotEnableEna() {
        Prepared p = prepare("builder", "amazon-ebsvolume", """
                region = "us-east-1"
                instance_type = "t3.small"
                source_ami = "ami-1"
                ssh_username = "ubuntu"
                spot_price = "auto"
                ena_support = true
                spot_price_auto_product = "Linux/UNIX"
                ebs_volumes {
                  volume_type = "gp2"
                  volume_size = 8
                }
                ebs_volumes {
                  device_name = "/dev/xvdf"
                  volume_type = "io1"
                  iops = 5000
                  volume_size = 10
                }
                ebs_volumes {
                  device_name = "/dev/xvdg"
                  volume_size = 10
                }
                """);
        assertThat(p.error()).isEqualTo("""
                3 error(s) occurred:

                * AMIMapping: The `device_name` must be specified for every device in the block device mapping.
                * AMIMapping: /dev/xvdf: the maximum ratio of provisioned IOPS to requested volume size (in GiB) is \
                50:1 for io1 volumes
                * Spot instances do not support modification, which is required when either `ena_support` or \
                `sriov_support` are set. Please ensure you use an AMI that already has either SR-IOV or ENA enabled.""");
        assertThat(p.warnings()).singleElement().asString().startsWith("spot_price_auto_product is deprecated");
    }

    @Test
    void volumesAloneAreValid() {
        assertThat(prepare("builder", "amazon-ebsvolume", """
                region = "us-east-1"
                instance_type = "t3.small"
                source_ami = "ami-1"
                ssh_username = "ubuntu"
                ebs_volumes {
                  device_name = "/dev/xvdf"
                  volume_size = 10
                }
                """).ok()).isTrue();
    }
}
