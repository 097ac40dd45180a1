package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.builder.amazon.MotoServer;
import io.jenkins.plugins.packer.communicator.ssh.OpenSshServer;
import io.jenkins.plugins.packer.run.Cancellation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * {@code packerBuild}'s agent-side code end to end with amazon-ebs: a workspace template baked against a real EC2 API
 * (moto on 127.0.0.1) and a real sshd, with the AWS keys of the step's {@code credentialsId}: the AMI ids come back
 * per region for Groovy, the manifest is listed for archiving, nothing else is left in EC2, and the secret key never
 * reaches the log.
 */
class PackerBuildAmazonTest {

    @TempDir
    static Path shared;

    static MotoServer moto;
    static OpenSshServer sshd;

    @TempDir
    Path ws;

    @org.junit.jupiter.api.AfterEach
    void removeWorkspaceTmp() throws Exception {
        WorkspaceTmp.delete(ws);
    }

    @BeforeAll
    static void start() throws Exception {
        sshd = OpenSshServer.prepare(shared.resolve("sshd"), "AuthorizedKeysCommand /bin/echo %t %k",
                "AuthorizedKeysCommandUser " + OpenSshServer.user()).start();
        moto = MotoServer.start(shared.resolve("moto"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (moto != null) {
            moto.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void bakesAnAmiWithTheStepsAwsCredentialsAndReturnsItsIds() throws Exception {
        Files.writeString(ws.resolve("aws.pkr.hcl"), """
                variable "version" {
                  type = string
                }

                source "amazon-ebs" "base" {
                  region              = "us-east-1"
                  custom_endpoint_ec2 = "%s"
                  instance_type       = "t2.micro"
                  source_ami_filter {
                    filters     = { name = "ubuntu/images/hvm-ssd/ubuntu-trusty-14.04-amd64-server-*" }
                    owners      = ["099720109477"]
                    most_recent = true
                  }
                  ami_name     = "app-${var.version}"
                  ami_regions  = ["eu-west-1"]
                  ssh_username = "%s"
                  ssh_host     = "127.0.0.1"
                  ssh_port     = %d
                }

                build {
                  sources = ["source.amazon-ebs.base"]
                  provisioner "shell" {
                    inline        = ["echo baking ${var.version}"]
                    remote_folder = "%s"
                  }
                  post-processor "manifest" {}
                }
                """.formatted(moto.endpoint(), OpenSshServer.user(), sshd.port, ws));
        BuildRequest req = new BuildRequest("id", "aws.pkr.hcl", Map.of("version", "1.2"), List.of(), List.of(),
                List.of(), "cleanup", 0, false, false, false, Map.of("PATH", "/usr/bin:/bin"), null,
                new BuildRequest.AwsKeys(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY, "a-session-token"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BuildOutcome o = PackerBuilding.build(ws, req, new PrintStream(log, true, StandardCharsets.UTF_8),
                new Cancellation(), Clock.systemUTC());
        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(o.succeeded()).as(text).isTrue();
        assertThat(text).contains("    amazon-ebs.base: baking 1.2\n")
                .doesNotContain(MotoServer.SECRET_KEY).doesNotContain("a-session-token");
        assertThat(o.manifests()).containsExactly("packer-manifest.json");
        Map<String, Object> build = (Map<String, Object>) ((Map<String, Object>) o.result().get("builds"))
                .get("amazon-ebs.base");
        assertThat(build).containsEntry("status", "succeeded");
        Map<String, Object> artifact = ((List<Map<String, Object>>) build.get("artifacts")).get(0);
        Map<String, String> amis = (Map<String, String>) artifact.get("amis");
        assertThat(amis).containsOnlyKeys("eu-west-1", "us-east-1");
        try (Ec2Client east = moto.client("us-east-1"); Ec2Client west = moto.client("eu-west-1")) {
            assertThat(east.describeImages(r -> r.imageIds(amis.get("us-east-1"))).images().get(0).name())
                    .isEqualTo("app-1.2");
            assertThat(west.describeImages(r -> r.imageIds(amis.get("eu-west-1"))).images().get(0).name())
                    .isEqualTo("app-1.2");
            assertThat(east.describeInstances().reservations().stream().flatMap(r -> r.instances().stream())
                    .filter(i -> i.state().name() != InstanceStateName.TERMINATED)).isEmpty();
            assertThat(east.describeKeyPairs().keyPairs()).isEmpty();
            assertThat(east.describeSecurityGroups().securityGroups())
                    .allMatch(g -> g.groupName().equals("default"));
        }
        // The run's page lists both AMIs; a second packerBuild of the run adds its own after them.
        hudson.model.Run<?, ?> run = new RecordingRun();
        PackerImagesAction.record(run, o);
        PackerImagesAction.record(run, o);
        PackerImagesAction action = run.getAction(PackerImagesAction.class);
        assertThat(action.getRun()).isSameAs(run);
        assertThat(action.getImages()).extracting(Object::toString).containsExactly(
                "amazon-ebs.base eu-west-1:" + amis.get("eu-west-1"), "amazon-ebs.base us-east-1:" + amis.get("us-east-1"),
                "amazon-ebs.base eu-west-1:" + amis.get("eu-west-1"), "amazon-ebs.base us-east-1:" + amis.get("us-east-1"));
        hudson.EnvVars env = new hudson.EnvVars();
        action.buildEnvironment(run, env);
        assertThat(env).as("no exportEnv").isEmpty();
        hudson.model.Run<?, ?> exporting = new RecordingRun();
        PackerImagesAction.record(exporting, o, true);
        exporting.getAction(PackerImagesAction.class).buildEnvironment(exporting, env);
        assertThat(env).containsExactly(Map.entry("PACKER_ARTIFACT_AMAZON_EBS_BASE_EU_WEST_1", amis.get("eu-west-1")),
                Map.entry("PACKER_ARTIFACT_AMAZON_EBS_BASE_US_EAST_1", amis.get("us-east-1")));
        assertThat(Files.readString(ws.resolve("packer-manifest.json")))
                .contains("\"artifact_id\": \"eu-west-1:" + amis.get("eu-west-1") + ",us-east-1:"
                        + amis.get("us-east-1") + "\"");
    }

    /**
     * Credentials with an IAM role whose session (3 seconds here, an hour by default) ends mid-bake: EC2 (a proxy in
     * front of moto that refuses an ended session's keys, as AWS does) is reached with sessions the agent renews,
     * so the AMI is made and the instance, key pair and security group are removed. The same bake with the first
     * session's keys alone (what resolving the role once on the controller gave) fails on the ended session and
     * cannot clean up: the proxy does refuse ended sessions.
     */
    @Test
    void aRoleSessionEndingMidBakeIsRenewedAndTheBakeCleansUp() throws Exception {
        Map<String, java.time.Instant> sessions = new java.util.concurrent.ConcurrentHashMap<>();
        try (io.jenkins.plugins.packer.builder.amazon.Ec2Proxy proxy =
                     new io.jenkins.plugins.packer.builder.amazon.Ec2Proxy(moto.endpoint())) {
            proxy.rewrite("AssumeRole", (request, answer) -> {
                sessions.put(element(answer, "AccessKeyId"), expiration(element(answer, "Expiration")));
                return answer;
            });
            proxy.checkSignatures(key -> {
                java.time.Instant end = sessions.get(key);
                return end != null && java.time.Instant.now().isAfter(end)
                        ? new io.jenkins.plugins.packer.builder.amazon.Ec2Proxy.Fault("", 0, 0, 400, "ExpiredToken",
                        "The security token included in the request is expired") : null;
            });
            Files.writeString(ws.resolve("aws.pkr.hcl"), """
                    source "amazon-ebs" "base" {
                      region              = "us-east-1"
                      custom_endpoint_ec2 = "%s"
                      instance_type       = "t2.micro"
                      source_ami_filter {
                        filters     = { name = "ubuntu/images/hvm-ssd/ubuntu-trusty-14.04-amd64-server-*" }
                        owners      = ["099720109477"]
                        most_recent = true
                      }
                      ami_name            = "renewed-${uuidv4()}"
                      ssh_username        = "%s"
                      ssh_host            = "127.0.0.1"
                      ssh_port            = %d
                    }

                    build {
                      sources = ["source.amazon-ebs.base"]
                      provisioner "shell" {
                        inline        = ["sleep 5", "echo provisioned"]
                        remote_folder = "%s"
                      }
                    }
                    """.formatted(proxy.endpoint(), OpenSshServer.user(), sshd.port, ws));
            Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "AWS_ENDPOINT_URL_STS", proxy.endpoint(),
                    "AWS_REGION", "us-east-1");
            String role = "arn:aws:iam::123456789012:role/packer-baker";
            BuildRequest.RoleRenewal renewal = new BuildRequest.RoleRenewal(MotoServer.ACCESS_KEY,
                    MotoServer.SECRET_KEY, role, "", 3);

            BuildOutcome renewed = bake(env, firstSession(proxy, role, renewal));
            assertThat(renewed.succeeded()).as(renewed.failureMessage()).isTrue();
            assertThat(proxy.calls().get("AssumeRole")).as("sessions made").isGreaterThan(2);
            assertThat(proxy.injected()).as("calls refused for an ended session").isZero();
            assertNothingLeftRunning();

            BuildOutcome fixed = bake(env, firstSession(proxy, role, null));
            assertThat(fixed.succeeded()).isFalse();
            assertThat(fixed.failureMessage()).contains("ExpiredToken");
            assertThat(proxy.injected()).isPositive();
        } finally {
            terminateEverything();
        }
    }

    private BuildOutcome bake(Map<String, String> env, BuildRequest.AwsKeys keys) throws Exception {
        BuildRequest req = new BuildRequest("id", "aws.pkr.hcl", Map.of(), List.of(), List.of(), List.of(),
                "cleanup", 0, false, false, false, env, null, keys);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BuildOutcome o = PackerBuilding.build(ws, req, new PrintStream(log, true, StandardCharsets.UTF_8),
                new Cancellation(), Clock.systemUTC());
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(MotoServer.SECRET_KEY);
        return o;
    }

    /** The keys of a session of the role made now, as the controller resolves AWS credentials with a role. */
    private static BuildRequest.AwsKeys firstSession(io.jenkins.plugins.packer.builder.amazon.Ec2Proxy proxy,
                                                     String role, BuildRequest.RoleRenewal renewal) {
        try (var sts = software.amazon.awssdk.services.sts.StsClient.builder()
                .endpointOverride(java.net.URI.create(proxy.endpoint()))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(MotoServer.ACCESS_KEY,
                                MotoServer.SECRET_KEY)))
                .build()) {
            var c = sts.assumeRole(r -> r.roleArn(role).roleSessionName("Jenkins").durationSeconds(3)).credentials();
            return new BuildRequest.AwsKeys(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), renewal);
        }
    }

    private static String element(String xml, String name) {
        int start = xml.indexOf("<" + name + ">");
        int end = xml.indexOf("</" + name + ">", start);
        return start < 0 || end < 0 ? "" : xml.substring(start + name.length() + 2, end).strip();
    }

    private static java.time.Instant expiration(String text) {
        return java.time.OffsetDateTime.parse(text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$") ? text
                : text + "Z").toInstant();
    }

    private static void assertNothingLeftRunning() {
        try (Ec2Client east = moto.client("us-east-1")) {
            assertThat(east.describeInstances().reservations().stream().flatMap(r -> r.instances().stream())
                    .filter(i -> i.state().name() != InstanceStateName.TERMINATED)).isEmpty();
            assertThat(east.describeKeyPairs().keyPairs()).isEmpty();
            assertThat(east.describeSecurityGroups().securityGroups())
                    .allMatch(g -> g.groupName().equals("default"));
        }
    }

    /** Removes what a failed bake left, for the tests after this one. */
    private static void terminateEverything() {
        try (Ec2Client east = moto.client("us-east-1")) {
            List<String> running = east.describeInstances().reservations().stream()
                    .flatMap(r -> r.instances().stream())
                    .filter(i -> i.state().name() != InstanceStateName.TERMINATED).map(i -> i.instanceId()).toList();
            if (!running.isEmpty()) {
                east.terminateInstances(r -> r.instanceIds(running));
            }
            east.describeKeyPairs().keyPairs().forEach(k -> east.deleteKeyPair(r -> r.keyName(k.keyName())));
            east.describeSecurityGroups().securityGroups().stream().filter(g -> !g.groupName().equals("default"))
                    .forEach(g -> east.deleteSecurityGroup(r -> r.groupId(g.groupId())));
        }
    }

    /** A run of no job, holding the actions attached to it. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static final class RecordingRun extends hudson.model.Run {
    }
}
