package io.jenkins.plugins.packer.builder.amazon.instance;

import static io.jenkins.plugins.packer.component.PrepareFixture.prepare;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expected messages are packer 1.6.6's for the same source blocks. */
class InstanceBuilderConfigTest {

    @TempDir
    Path dir;

    @Test
    void nothingSetGivesPackersTenErrors() {
        assertThat(prepare("builder", "amazon-instance", "").error()).isEqualTo("""
                10 error(s) occurred:

                * ami_name must be specified
                * ami_name must be between 3 and 128 characters long
                * An ssh_username must be specified
                  Note: some builders used to default ssh_username to "root".
                * A source_ami or source_ami_filter must be specified
                * For security reasons, your source AMI filter must declare an owner.
                * either instance_type or spot_instance_types must be specified
                * account_id is required
                * s3_bucket is required
                * x509_cert_path is required
                * x509_key_path is required""");
    }

    private static final String BASE = """
            region = "us-east-1"
            instance_type = "m3.medium"
            source_ami = "ami-1"
            ssh_username = "ubuntu"
            ami_name = "image"
            account_id = "1234-5678-9012"
            s3_bucket = "bucket"
            x509_cert_path = "cert.pem"
            """;

    @Test
    void bundlingFilesMustExistAndSpotCannotEnableSriov() throws IOException {
        Files.writeString(dir.resolve("cert.pem"), "cert");
        assertThat(prepare("builder", "amazon-instance", BASE + """
                x509_key_path = "missing/key.pem"
                spot_price = "0.1"
                sriov_support = true
                ami_block_device_mappings {
                  volume_size = 8
                }
                """, dir).error()).isEqualTo("""
                3 error(s) occurred:

                * The `device_name` must be specified for every device in the block device mapping.
                * x509_key_path points to bad file: stat missing/key.pem: no such file or directory
                * Spot instances do not support modification, which is required when either `ena_support` or \
                `sriov_support` are set. Please ensure you use an AMI that already has either SR-IOV or ENA enabled.""");
    }

    @Test
    void completeConfigurationIsValid() throws IOException {
        Files.writeString(dir.resolve("cert.pem"), "cert");
        Files.writeString(dir.resolve("key.pem"), "key");
        assertThat(prepare("builder", "amazon-instance", BASE + "x509_key_path = \"key.pem\"\n", dir).ok()).isTrue();
    }
}
