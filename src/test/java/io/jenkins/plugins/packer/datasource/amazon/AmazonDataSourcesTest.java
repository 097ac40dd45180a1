package io.jenkins.plugins.packer.datasource.amazon;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.builder.amazon.MotoServer;
import io.jenkins.plugins.packer.ops.Validate;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.PackerBuild;
import io.jenkins.plugins.packer.run.RunOptions;
import io.jenkins.plugins.packer.run.RunRequest;
import io.jenkins.plugins.packer.run.RunResult;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The Amazon data sources against moto: a build reads an AMI, SSM parameters and a secret through them (with the
 * credentials and endpoints of the run's environment), locals built on them, and secrets stay masked; validation
 * does not call AWS; a failing data source stops the build with AWS's message.
 */
class AmazonDataSourcesTest {

    @TempDir
    static Path shared;

    static MotoServer moto;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start(shared.resolve("moto"));
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create(MotoServer.ACCESS_KEY,
                MotoServer.SECRET_KEY));
        try (SsmClient ssm = SsmClient.builder().endpointOverride(URI.create(moto.endpoint()))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create()).credentialsProvider(creds)
                .build();
             SecretsManagerClient sm = SecretsManagerClient.builder().endpointOverride(URI.create(moto.endpoint()))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create()).credentialsProvider(creds)
                .build()) {
            ssm.putParameter(b -> b.name("/app/version").value("1.2.3").type(ParameterType.STRING));
            ssm.putParameter(b -> b.name("/app/db-password").value("pa55-from-ssm").type(ParameterType.SECURE_STRING));
            sm.createSecret(b -> b.name("app/api").secretString("{\"token\":\"tok-from-secrets-manager\",\"n\":7}"));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (moto != null) {
            moto.close();
        }
    }

    static final String TEMPLATE = """
            data "amazon-ami" "ubuntu" {
              region = "us-east-1"
              filters = {
                name = "ubuntu/images/hvm-ssd/ubuntu-trusty-14.04-amd64-server-*"
              }
              owners      = ["099720109477"]
              most_recent = true
            }

            data "amazon-parameterstore" "version" {
              region = "us-east-1"
              name   = "/app/${local.app}"
            }

            data "amazon-parameterstore" "password" {
              region          = "us-east-1"
              name            = "/app/db-password"
              with_decryption = true
            }

            data "amazon-secretsmanager" "api" {
              region = "us-east-1"
              name   = "app/api"
              key    = "token"
            }

            locals {
              api2  = aws_secretsmanager("app/api", "token")
              raw   = aws_secretsmanager_raw("app/api")
              app   = "version"
              label = "${data.amazon-ami.ubuntu.id}@${data.amazon-parameterstore.version.value}"
            }

            source "null" "n" {
              communicator = "none"
            }

            build {
              sources = ["source.null.n"]
              provisioner "shell-local" {
                inline = ["echo ${local.label} owner=${data.amazon-ami.ubuntu.owner}",
                          "echo db=${data.amazon-parameterstore.password.value}",
                          "echo api=${data.amazon-secretsmanager.api.value}",
                          "echo fn=${local.api2}", "echo '${local.api2} ${local.raw}' > secrets.txt"]
              }
            }
            """;

    private Map<String, String> env(String endpoint) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_KEY);
        env.put("AWS_ENDPOINT_URL", endpoint);
        env.put("AWS_REGION", "us-east-1");
        return env;
    }

    private String build(String template, Map<String, String> env, int exitCode) throws Exception {
        Files.writeString(work.resolve("t.pkr.hcl"), template);
        LoadRequest load = new LoadRequest(work, "t.pkr.hcl", List.of(), Map.of(), env, Clock.systemUTC());
        StringBuilder out = new StringBuilder();
        RunResult r = PackerBuild.run(new RunRequest(load, List.of(), List.of(), RunOptions.DEFAULT, out::append,
                new Cancellation(), List.of(), UUID.randomUUID().toString()));
        assertThat(r.exitCode()).as(out.toString()).isEqualTo(exitCode);
        return out.toString();
    }

    @Test
    void aBuildReadsTheDataSourcesAndKeepsTheirSecretsMasked() throws Exception {
        String out = build(TEMPLATE, env(moto.endpoint()), 0);
        assertThat(out).containsPattern("    null.n: ami-[0-9a-f]+@1\\.2\\.3 owner=099720109477\n")
                .contains("    null.n: db=<sensitive>\n")
                .contains("    null.n: api=<sensitive>\n")
                .contains("    null.n: fn=<sensitive>\n")
                .doesNotContain("pa55-from-ssm").doesNotContain("tok-from-secrets-manager");
        assertThat(work.resolve("secrets.txt")).hasContent(
                "tok-from-secrets-manager {\"token\":\"tok-from-secrets-manager\",\"n\":7}");
    }

    @Test
    void validationDoesNotRunDataSources() throws Exception {
        // Functions run when validating, as in Packer: only the data sources are left out.
        Files.writeString(work.resolve("t.pkr.hcl"), TEMPLATE
                .replace("  api2  = aws_secretsmanager(\"app/api\", \"token\")\n", "  api2 = \"x\"\n")
                .replace("  raw   = aws_secretsmanager_raw(\"app/api\")\n", "  raw = \"y\"\n"));
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        LoadRequest load = new LoadRequest(work, "t.pkr.hcl", List.of(), Map.of(),
                env("http://127.0.0.1:" + closed), Clock.systemUTC());
        Validate.Result r = Validate.run(load, false, List.of(), List.of());
        assertThat(r.exitCode()).as(new String(r.output(), java.nio.charset.StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void aDataSourceThatFailsStopsTheBuildWithAwsMessage() throws Exception {
        String out = build(TEMPLATE.replace("\"app/api\"", "\"app/missing\""), env(moto.endpoint()), 1);
        assertThat(out).contains("Datasource.Execute failed: Error getting secret: ResourceNotFoundException: ")
                .doesNotContain("pa55-from-ssm");
    }

    @Test
    void aLocalAndADataSourceThatReferToEachOtherAreACycle() throws Exception {
        String out = build(TEMPLATE.replace("app   = \"version\"",
                "app   = data.amazon-parameterstore.version.value"), env(moto.endpoint()), 1);
        assertThat(out.replace("\n", " ")).contains("Error: Cycle between locals and data sources")
                .contains("data.amazon-parameterstore.version -> local.app -> data.amazon-parameterstore.version"
                        + " refer to each other in a cycle.");
    }
}
