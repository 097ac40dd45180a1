package io.jenkins.plugins.packer.builder.amazon.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.PrepareFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Where a build's AWS credentials come from, in Packer's order, read from the run's environment map and never from
 * the process's: the source's keys, its profile, the environment's keys, the default profile. No test reaches a
 * metadata service: each sets {@code skip_metadata_api_check}.
 */
class AwsAccessTest {

    @TempDir
    Path home;

    private static ComponentConfig source(String body) {
        return PrepareFixture.config("builder", "amazon-ebs", """
                region                  = "eu-west-1"
                skip_metadata_api_check = true
                """ + body);
    }

    private static AwsCredentials resolve(ComponentConfig c, Map<String, String> env) {
        try (AwsAccess access = AwsAccess.of(c, env)) {
            return access.credentials().resolveCredentials();
        }
    }

    private void credentialsFile(String text) throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), text);
    }

    static final String FILE = """
            [default]
            aws_access_key_id = AKIADEFAULTPROFILE00
            aws_secret_access_key = default-secret

            [ci]
            aws_access_key_id = AKIACIPROFILE0000000
            aws_secret_access_key = ci-secret
            """;

    @Test
    void theSourcesKeysComeFirst() throws Exception {
        credentialsFile(FILE);
        AwsCredentials c = resolve(source("""
                access_key = "AKIASOURCE0000000000"
                secret_key = "source-secret"
                token      = "source-token"
                profile    = "ci"
                """), Map.of("HOME", home.toString(), "AWS_ACCESS_KEY_ID", "AKIAENV0000000000000",
                "AWS_SECRET_ACCESS_KEY", "env-secret"));
        assertThat(c.accessKeyId()).isEqualTo("AKIASOURCE0000000000");
        assertThat(((AwsSessionCredentials) c).sessionToken()).isEqualTo("source-token");
    }

    @Test
    void thenTheSourcesProfile() throws Exception {
        credentialsFile(FILE);
        AwsCredentials c = resolve(source("profile = \"ci\""), Map.of("HOME", home.toString(),
                "AWS_ACCESS_KEY_ID", "AKIAENV0000000000000", "AWS_SECRET_ACCESS_KEY", "env-secret"));
        assertThat(c.accessKeyId()).isEqualTo("AKIACIPROFILE0000000");
    }

    @Test
    void thenTheRunsEnvironmentWithItsSessionToken() throws Exception {
        credentialsFile(FILE);
        AwsCredentials c = resolve(source(""), Map.of("HOME", home.toString(),
                "AWS_ACCESS_KEY_ID", "AKIAENV0000000000000", "AWS_SECRET_ACCESS_KEY", "env-secret",
                "AWS_SESSION_TOKEN", "env-token"));
        assertThat(c.accessKeyId()).isEqualTo("AKIAENV0000000000000");
        assertThat(((AwsSessionCredentials) c).sessionToken()).isEqualTo("env-token");
    }

    @Test
    void thenTheDefaultProfileOrAwsProfile() throws Exception {
        credentialsFile(FILE);
        assertThat(resolve(source(""), Map.of("HOME", home.toString())).accessKeyId())
                .isEqualTo("AKIADEFAULTPROFILE00");
        assertThat(resolve(source(""), Map.of("HOME", home.toString(), "AWS_PROFILE", "ci")).accessKeyId())
                .isEqualTo("AKIACIPROFILE0000000");
        Path elsewhere = home.resolve("elsewhere");
        Files.writeString(elsewhere, "[default]\naws_access_key_id = AKIAELSEWHERE0000000\n"
                + "aws_secret_access_key = s\n");
        assertThat(resolve(source(""), Map.of("HOME", home.toString(), "AWS_SHARED_CREDENTIALS_FILE",
                elsewhere.toString())).accessKeyId()).isEqualTo("AKIAELSEWHERE0000000");
    }

    @Test
    void withNothingToFindTheLookupFailsClearly() {
        assertThatThrownBy(() -> resolve(source(""), Map.of("HOME", home.toString())))
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining("Unable to load credentials from any of the providers in the chain");
    }

    @Test
    void theRegionAndPollingComeFromTheSourceOrTheEnvironment() {
        try (AwsAccess a = AwsAccess.of(PrepareFixture.config("builder", "amazon-ebs", """
                aws_polling {
                  delay_seconds = 3
                  max_attempts  = 7
                }
                """), Map.of("AWS_DEFAULT_REGION", "ap-south-1"))) {
            assertThat(a.region()).isEqualTo("ap-south-1");
            assertThat(a.polling().delayOr(Duration.ofSeconds(15))).isEqualTo(Duration.ofSeconds(3));
            assertThat(a.polling().attemptsOr(40)).isEqualTo(7);
        }
        try (AwsAccess a = AwsAccess.of(source(""), Map.of("AWS_POLL_DELAY_SECONDS", "2"))) {
            assertThat(a.region()).isEqualTo("eu-west-1");
            assertThat(a.polling().delayOr(Duration.ofSeconds(15))).isEqualTo(Duration.ofSeconds(2));
            assertThat(a.polling().attemptsOr(40)).isEqualTo(40);
        }
    }

    @Test
    void webIdentityFromTheEnvironmentAssumesTheRoleWithTheToken() throws Exception {
        try (var moto = io.jenkins.plugins.packer.builder.amazon.MotoServer.start(home.resolve("moto"))) {
            Path token = home.resolve("token");
            Files.writeString(token, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl\n");
            Map<String, String> env = Map.of("HOME", home.toString(), "AWS_WEB_IDENTITY_TOKEN_FILE", token.toString(),
                    "AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/ci-bakes", "AWS_ROLE_SESSION_NAME", "ci",
                    "AWS_ENDPOINT_URL", moto.endpoint());
            try (AwsAccess a = AwsAccess.of(source(""), env); var ec2 = a.ec2(a.region())) {
                AwsCredentials c = a.credentials().resolveCredentials();

                // No other credentials anywhere: these are the session STS gave for the token.
                assertThat(c).isInstanceOf(software.amazon.awssdk.auth.credentials.AwsSessionCredentials.class);
                assertThat(((software.amazon.awssdk.auth.credentials.AwsSessionCredentials) c).sessionToken())
                        .isNotEmpty();
                assertThat(ec2.describeRegions().regions()).extracting(r -> r.regionName()).contains("eu-west-1");
            }
        }
    }

    @Test
    void theEnvironmentsKeysComeBeforeWebIdentity() throws Exception {
        AwsCredentials c = resolve(source(""), Map.of("HOME", home.toString(), "AWS_ACCESS_KEY_ID",
                "AKIAENVIRONMENT00000", "AWS_SECRET_ACCESS_KEY", "env-secret", "AWS_WEB_IDENTITY_TOKEN_FILE",
                home.resolve("missing-token").toString(), "AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/x"));

        assertThat(c.accessKeyId()).isEqualTo("AKIAENVIRONMENT00000");
    }

    @Test
    void insecureSkipTlsVerifyTrustsAnEndpointsSelfSignedCertificate() throws Exception {
        try (var moto = io.jenkins.plugins.packer.builder.amazon.MotoServer.startTls(home.resolve("moto"))) {
            String endpoint = """
                    access_key          = "%s"
                    secret_key          = "%s"
                    custom_endpoint_ec2 = "%s"
                    """.formatted(io.jenkins.plugins.packer.builder.amazon.MotoServer.ACCESS_KEY,
                    io.jenkins.plugins.packer.builder.amazon.MotoServer.SECRET_KEY, moto.endpoint());
            try (AwsAccess a = AwsAccess.of(source(endpoint), Map.of());
                 var ec2 = a.ec2(a.region())) {
                assertThatThrownBy(ec2::describeRegions).isInstanceOf(SdkClientException.class)
                        .hasMessageContaining("PKIX path building failed");
            }
            try (AwsAccess a = AwsAccess.of(source(endpoint + "insecure_skip_tls_verify = true\n"), Map.of());
                 var ec2 = a.ec2(a.region())) {
                assertThat(ec2.describeRegions().regions()).extracting(r -> r.regionName()).contains("eu-west-1");
            }
        }
    }
}
