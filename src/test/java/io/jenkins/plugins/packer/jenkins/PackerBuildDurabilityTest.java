package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.packer.builder.amazon.MotoServer;
import io.jenkins.plugins.packer.communicator.ssh.OpenSshServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * {@code packerBuild} across what a controller restart does to a step: its execution serialized mid-build, its
 * transient state dropped, {@link PackerBuildStep.Execution#onResume} called on the copy; and across the death of the
 * agent's JVM (a process of its own, killed with SIGKILL), after which the resumed step removes what the build made.
 */
class PackerBuildDurabilityTest {

    @TempDir
    Path ws;

    @TempDir
    Path shared;

    @org.junit.jupiter.api.AfterEach
    void removeWorkspaceTmp() throws Exception {
        WorkspaceTmp.delete(ws);
    }

    private static final String COUNTING = """
            source "null" "one" {
              communicator = "none"
            }
            build {
              sources = ["source.null.one"]
              provisioner "shell-local" {
                inline = ["for i in 1 2 3 4 5 6 7 8; do echo line-$i; sleep 0.4; done"]
              }
              post-processor "manifest" {
                output = "out/packer-manifest.json"
              }
            }
            """;

    private static byte[] serialize(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutTimes(Object result) {
        Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) result);
        Map<String, Object> builds = new LinkedHashMap<>((Map<String, Object>) m.get("builds"));
        builds.replaceAll((name, b) -> {
            Map<String, Object> build = new LinkedHashMap<>((Map<String, Object>) b);
            build.remove("durationMillis");
            return build;
        });
        m.put("builds", builds);
        return m;
    }

    @Test
    void aStepResumedAfterARestartGoesOnWithItsLogAndEndsWithTheSameResult() throws Exception {
        Files.writeString(ws.resolve("count.pkr.hcl"), COUNTING);
        RecordingStepContext plain = new RecordingStepContext(ws, Map.of("PATH", "/usr/bin:/bin"));
        PackerBuildStep.Execution uninterrupted = (PackerBuildStep.Execution) new PackerBuildStep("count.pkr.hcl")
                .start(plain);
        uninterrupted.start();
        Object expected = plain.outcome.get(60, TimeUnit.SECONDS);

        RecordingStepContext ctx = new RecordingStepContext(ws, Map.of("PATH", "/usr/bin:/bin"));
        PackerBuildStep.Execution before = (PackerBuildStep.Execution) new PackerBuildStep("count.pkr.hcl")
                .start(ctx);
        assertThat(before.start()).isFalse();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ctx.log().contains("line-2") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ctx.log()).contains("line-2").doesNotContain("line-8");
        assertThat(before.getStatus()).startsWith("running Packer build ").contains("on the built-in node");
        assertThat(before.blocksRestart()).as("a restart need not wait: the step survives it").isFalse();
        assertThat(ctx.saves).as("the log's offset is saved as it moves").hasPositiveValue();
        // The controller's JVM stops: this execution looks no more; what was saved is what a restart reads.
        before.abandon();
        Thread.sleep(300);
        byte[] saved = serialize(before);

        PackerBuildStep.Execution after = (PackerBuildStep.Execution) deserialize(saved);
        assertThat(after).isNotSameAs(before);
        after.onResume();
        Object result = ctx.outcome.get(60, TimeUnit.SECONDS);

        assertThat(withoutTimes(result)).isEqualTo(withoutTimes(expected));
        String log = ctx.log();
        for (int i = 1; i <= 8; i++) {
            Matcher m = Pattern.compile("    demo\\.null\\.one: line-" + i + "\n|null\\.one: line-" + i + "\n")
                    .matcher(log);
            int count = 0;
            while (m.find()) {
                count++;
            }
            assertThat(count).as("line-%d once in:\n%s", i, log).isEqualTo(1);
        }
        assertThat(log).contains("Builds finished. The artifacts of successful builds are:");
        assertThat(ctx.reports).hasValue(1);
        assertThat(DetachedBuild.controlDir(ws, "x").getParent()).isEmptyDirectory();
    }

    @Test
    void aBuildWhoseAgentDiedIsSweptWhenTheStepResumes() throws Exception {
        OpenSshServer.assumeAvailable();
        try (OpenSshServer sshd = OpenSshServer.prepare(shared.resolve("sshd"), "AuthorizedKeysCommand /bin/echo %t %k",
                "AuthorizedKeysCommandUser " + OpenSshServer.user()).start();
             MotoServer moto = MotoServer.start(shared.resolve("moto"));
             Ec2Client ec2 = moto.client("us-east-1")) {
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
                      ami_name     = "killed"
                      ssh_username = "%s"
                      ssh_host     = "127.0.0.1"
                      ssh_port     = %d
                    }
                    build {
                      sources = ["source.amazon-ebs.base"]
                      provisioner "shell" {
                        inline        = ["echo provisioning-started", "sleep 120"]
                        remote_folder = "%s"
                      }
                    }
                    """.formatted(moto.endpoint(), OpenSshServer.user(), sshd.port, ws));
            String id = "agent-killed";
            BuildRequest req = new BuildRequest(id, "aws.pkr.hcl", Map.of(), List.of(), List.of(), List.of(),
                    "cleanup", 0, false, false, false, Map.of("PATH", "/usr/bin:/bin"), null,
                    new BuildRequest.AwsKeys(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY, ""));
            Path requestFile = shared.resolve("request.ser");
            try (OutputStream out = Files.newOutputStream(requestFile)) {
                out.write(serialize(req));
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process agent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    AgentStandIn.class.getName(), ws.toString(), requestFile.toString())
                    .redirectErrorStream(true).redirectOutput(shared.resolve("agent.out").toFile()).start();
            try {
                Path log = DetachedBuild.controlDir(ws, id).resolve(DetachedBuild.LOG);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!(Files.exists(log) && Files.readString(log).contains("provisioning-started"))
                        && System.nanoTime() < deadline && agent.isAlive()) {
                    Thread.sleep(100);
                }
                assertThat(Files.readString(log)).as(Files.readString(shared.resolve("agent.out")))
                        .contains("provisioning-started");
            } finally {
                agent.destroyForcibly();
                assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(running(ec2)).as("the killed build's instance").isEqualTo(1);

            RecordingStepContext ctx = new RecordingStepContext(ws, Map.of("PATH", "/usr/bin:/bin",
                    "AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_KEY,
                    "AWS_REGION", "us-east-1"));
            PackerBuildStep.Execution resumed = PackerBuildStep.Execution.resumed(new PackerBuildStep("aws.pkr.hcl"),
                    ctx, id, new FilePath(ws.toFile()));
            resumed.onResume();

            assertThatThrownBy(() -> ctx.outcome.get(120, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(AbortException.class)
                    .hasMessageStartingWith("The Packer build agent-killed ended without a result: its process is gone")
                    .hasMessageContaining("what it made was removed");
            assertThat(ctx.log()).contains("provisioning-started").contains("Removing what it made:")
                    .contains("==> sweep: Terminating instance i-");
            assertThat(running(ec2)).isZero();
            assertThat(ec2.describeKeyPairs().keyPairs()).isEmpty();
            assertThat(ec2.describeSecurityGroups().securityGroups()).allMatch(g -> g.groupName().equals("default"));
            assertThat(ec2.describeVolumes().volumes()).isEmpty();
            assertThat(resumed.awaitEnd(Duration.ofSeconds(5))).isTrue();
        }
    }

    private static long running(Ec2Client ec2) {
        return ec2.describeInstances().reservations().stream().flatMap(r -> r.instances().stream())
                .filter(i -> i.state().name() != InstanceStateName.TERMINATED).count();
    }
}
