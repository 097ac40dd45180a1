package io.jenkins.plugins.packer.builder.amazon.ebssurrogate;

import static io.jenkins.plugins.packer.component.PrepareFixture.prepare;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected messages are packer 1.6.6's for the same source blocks. */
class EbsSurrogateBuilderConfigTest {

    private static final String VALID = """
            region = "us-east-1"
            instance_type = "t3.small"
            source_ami = "ami-1"
            ssh_username = "ubuntu"
            ami_name = "image"
            ami_virtualization_type = "hvm"
            launch_block_device_mappings {
              device_name = "/dev/xvda"
              volume_size = 8
            }
            """;

    @Test
    void nothingSetGivesPackersTenErrors() {
        assertThat(prepare("builder", "amazon-ebssurrogate", "").error()).isEqualTo("""
                10 error(s) occurred:

                * An ssh_username must be specified
                  Note: some builders used to default ssh_username to "root".
                * A source_ami or source_ami_filter must be specified
                * For security reasons, your source AMI filter must declare an owner.
                * either instance_type or spot_instance_types must be specified
                * ami_name must be specified
                * ami_name must be between 3 and 128 characters long
                * source_device_name for the root_device must be specified
                * device_name for the root_device must be specified
                * ami_virtualization_type is required.
                * no volume with name '' is found""");
    }

    @Test
    void rootDeviceFromALaunchDeviceIsValid() {
        assertThat(prepare("builder", "amazon-ebssurrogate", VALID + """
                ami_root_device {
                  source_device_name = "/dev/xvda"
                  device_name = "/dev/sda1"
                }
                """).ok()).isTrue();
    }

    @Test
    void rootDeviceMustBeALaunchDevice() {
        assertThat(prepare("builder", "amazon-ebssurrogate", VALID + """
                ami_root_device {
                  source_device_name = "/dev/sdf"
                  device_name = "/dev/sda1"
                }
                """).error()).isEqualTo("1 error(s) occurred:\n\n* no volume with name '/dev/sdf' is found");
    }

    @Test
    void rootDeviceChecksAndArchitecture() {
        assertThat(prepare("builder", "amazon-ebssurrogate", """
                region = "us-east-1"
                instance_type = "t3.small"
                source_ami = "ami-1"
                ssh_username = "ubuntu"
                ami_name = "image"
                ami_virtualization_type = "hvm"
                ami_architecture = "sparc"
                launch_block_device_mappings {
                  device_name = "/dev/xvda"
                  omit_from_artifact = true
                  volume_size = 8
                }
                ami_root_device {
                  source_device_name = "/dev/xvda"
                  device_name = "/dev/sda1"
                  volume_type = "gp2"
                  iops = -5
                  volume_size = -1
                }
                """).error()).isEqualTo("""
                5 error(s) occurred:

                * iops may not be specified for a gp2 volume
                * iops must be greater than 0
                * volume_size must be greater than 0
                * You cannot set "omit_from_artifact": "true" for the root volume.
                * The only valid ami_architecture values are "x86_64" and "arm64\"""");
    }
}
