package io.jenkins.plugins.packer.builder.amazon.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.builder.amazon.MotoServer;
import io.jenkins.plugins.packer.component.PrepareFixture;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** {@code assume_role} against moto's STS: the source's keys assume the role and the build acts with its session. */
class AwsAssumeRoleTest {

    @TempDir
    static Path shared;

    static MotoServer moto;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start(shared.resolve("moto"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void theSourcesKeysAssumeTheRoleAndEc2CallsUseItsSession() {
        var config = PrepareFixture.config("builder", "amazon-ebs", """
                region                  = "us-east-1"
                access_key              = "%s"
                secret_key              = "%s"
                custom_endpoint_ec2     = "%s"
                skip_metadata_api_check = true
                assume_role {
                  role_arn     = "arn:aws:iam::123456789012:role/packer-builder"
                  session_name = "jenkins-42"
                  external_id  = "ext-1"
                }
                """.formatted(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY, moto.endpoint()));
        try (AwsAccess access = AwsAccess.of(config, Map.of("AWS_ENDPOINT_URL_STS", moto.endpoint()));
             var ec2 = access.ec2("us-east-1")) {
            AwsCredentials c = access.credentials().resolveCredentials();
            assertThat(c).isInstanceOf(AwsSessionCredentials.class);
            assertThat(c.accessKeyId()).isNotEqualTo(MotoServer.ACCESS_KEY);
            assertThat(((AwsSessionCredentials) c).sessionToken()).isNotEmpty();
            assertThat(ec2.describeRegions().regions()).isNotEmpty();
        }
    }
}
