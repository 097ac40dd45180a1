package io.jenkins.plugins.packer.builder.amazon.chroot;

import static io.jenkins.plugins.packer.component.PrepareFixture.prepare;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.component.Prepared;
import org.junit.jupiter.api.Test;

/** Expected messages are packer 1.6.6's for the same source blocks. */
class ChrootBuilderConfigTest {

    @Test
    void nothingSetGivesPackersThreeErrors() {
        assertThat(prepare("builder", "amazon-chroot", "").error()).isEqualTo("""
                3 error(s) occurred:

                * ami_name must be specified
                * ami_name must be between 3 and 128 characters long
                * source_ami or source_ami_filter is required.""");
    }

    @Test
    void aSourceAmiIsEnoughAndAFilterNeedsNoOwnerHere() {
        Prepared p = prepare("builder", "amazon-chroot", """
                ami_name = "img"
                source_ami = "ami-1"
                source_ami_filter {
                  filters = { name = "x" }
                }
                """);
        assertThat(p.ok()).isTrue();
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void fromScratchNeedsItsOwnSettings() {
        Prepared p = prepare("builder", "amazon-chroot", """
                ami_name = "img"
                source_ami_filter {
                  filters = { name = "x" }
                }
                from_scratch = true
                ami_architecture = "sparc"
                chroot_mounts = [["proc", "proc"]]
                """);
        assertThat(p.warnings()).containsExactly("source_ami and source_ami_filter are unused when from_scratch is true");
        assertThat(p.error()).isEqualTo("""
                7 error(s) occurred:

                * Each chroot_mounts entry should be three elements.
                * root_volume_size is required with from_scratch.
                * pre_mount_commands is required with from_scratch.
                * ami_virtualization_type is required with from_scratch.
                * root_device_name is required with from_scratch.
                * ami_block_device_mappings is required with from_scratch.
                * The only valid ami_architecture values are "x86_64" and "arm64\"""");
    }

    @Test
    void rootDeviceAndMappingsGoTogether() {
        Prepared both = prepare("builder", "amazon-chroot", """
                ami_name = "img"
                source_ami = "ami-1"
                root_device_name = "/dev/sda1"
                ami_block_device_mappings {
                  device_name = "/dev/sda1"
                }
                """);
        assertThat(both.warnings()).containsExactly(
                "ami_block_device_mappings from source image will be completely overwritten");
        assertThat(both.error()).isEqualTo(
                "1 error(s) occurred:\n\n* root_volume_size is required if ami_block_device_mappings is specified");

        assertThat(prepare("builder", "amazon-chroot", """
                ami_name = "img"
                source_ami = "ami-1"
                root_device_name = "/dev/sda1"
                """).error()).isEqualTo("1 error(s) occurred:\n\n"
                + "* If root_device_name is specified, ami_block_device_mappings must be specified");
    }
}
