package io.jenkins.plugins.packer.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.builder.amazon.Ec2Proxy;
import io.jenkins.plugins.packer.builder.amazon.MotoServer;
import io.jenkins.plugins.packer.communicator.ssh.OpenSshServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * {@code pkrj build} in a process of its own against moto and a real sshd, killed with SIGKILL at each phase of an
 * amazon-ebs bake (no cleanup runs), then {@code pkrj sweep}: nothing the build made may be left in any region, and
 * the sweep never touches a live run or an untagged resource. The table of what each kill left before and after the
 * sweep goes to {@code target/sweep-matrix.md}.
 */
class SweepTest {

    private static final List<String> REGIONS = List.of("us-east-1", "us-west-2");
    private static final StringBuilder MATRIX = new StringBuilder("| killed | left before the sweep | after |\n"
            + "|---|---|---|\n");

    @TempDir
    static Path shared;

    static MotoServer moto;
    static OpenSshServer sshd;
    static Ec2Proxy proxy;
    static Map<String, Ec2Client> ec2 = new LinkedHashMap<>();
    static Map<String, Set<String>> baseSnapshots = new HashMap<>();

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        sshd = OpenSshServer.prepare(shared.resolve("sshd"), "AuthorizedKeysCommand /bin/echo %t %k",
                "AuthorizedKeysCommandUser " + OpenSshServer.user()).start();
        moto = MotoServer.start(shared.resolve("moto"));
        proxy = new Ec2Proxy(moto.endpoint());
        REGIONS.forEach(r -> ec2.put(r, moto.client(r)));
    }

    @AfterAll
    static void stop() throws Exception {
        ec2.values().forEach(Ec2Client::close);
        if (proxy != null) {
            proxy.close();
        }
        if (moto != null) {
            moto.close();
        }
        if (sshd != null) {
            sshd.close();
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "sweep-matrix.md"), MATRIX.toString());
    }

    @BeforeEach
    void reset() throws Exception {
        moto.reset();
        proxy.reset();
        for (String r : REGIONS) {
            baseSnapshots.put(r, snapshots(r));
        }
    }

    static Set<String> snapshots(String region) {
        return ec2.get(region).describeSnapshots(b -> b.ownerIds("self")).snapshots().stream()
                .map(Snapshot::snapshotId).collect(Collectors.toSet());
    }

    /** What is left in both regions, by kind, nothing listed when nothing is left. */
    static Map<String, Long> left() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String r : REGIONS) {
            Ec2Client c = ec2.get(r);
            count(m, "instances", c.describeInstances().reservations().stream().flatMap(x -> x.instances().stream())
                    .filter(i -> i.state().name() != InstanceStateName.TERMINATED).count());
            count(m, "key pairs", c.describeKeyPairs().keyPairs().size());
            count(m, "security groups", c.describeSecurityGroups().securityGroups().stream()
                    .filter(g -> !g.groupName().equals("default")).count());
            count(m, "launch templates", c.describeLaunchTemplates().launchTemplates().size());
            count(m, "volumes", c.describeVolumes().volumes().size());
            count(m, "AMIs", c.describeImages(b -> b.owners("self")).images().size());
            count(m, "snapshots", snapshots(r).stream().filter(s -> !baseSnapshots.get(r).contains(s)).count());
        }
        try (var iam = moto.iam()) {
            count(m, "IAM roles", iam.listRoles().roles().size());
            count(m, "instance profiles", iam.listInstanceProfiles().instanceProfiles().size());
        }
        return m;
    }

    private static void count(Map<String, Long> m, String kind, long n) {
        if (n > 0) {
            m.merge(kind, n, Long::sum);
        }
    }

    private String template(String phase) {
        String extra = switch (phase) {
            case "region-copy" -> "  ami_regions = [\"us-west-2\"]\n";
            case "spot-provisioning" -> "  spot_price = \"0.05\"\n  spot_instance_types = [\"t2.micro\"]\n";
            case "iam-provisioning" -> """
                      instance_type = "t2.micro"
                      temporary_iam_instance_profile_policy_document {
                        Version = "2012-10-17"
                        Statement {
                          Effect   = "Allow"
                          Action   = ["s3:GetObject"]
                          Resource = ["*"]
                        }
                      }
                    """;
            default -> "  instance_type = \"t2.micro\"\n";
        };
        if (phase.equals("region-copy")) {
            extra += "  instance_type = \"t2.micro\"\n";
        }
        return """
                source "amazon-ebs" "base" {
                  region                 = "us-east-1"
                  access_key             = "%s"
                  secret_key             = "%s"
                  custom_endpoint_ec2    = "%s"
                  skip_region_validation = true
                  source_ami_filter {
                    filters = {
                      name = "ubuntu/images/hvm-ssd/ubuntu-trusty-14.04-amd64-server-*"
                    }
                    owners      = ["099720109477"]
                    most_recent = true
                  }
                  ami_name     = "sweep-{{timestamp}}"
                  ssh_username = "%s"
                  ssh_host     = "127.0.0.1"
                  ssh_port     = %d
                %s}

                build {
                  sources = ["source.amazon-ebs.base"]
                  provisioner "shell" {
                    inline = ["echo provisioning-started", "%s"]
                  }
                }
                """.formatted(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY, proxy.endpoint(), OpenSshServer.user(),
                sshd.port, extra, phase.endsWith("provisioning") ? "sleep 120" : "true");
    }

    /** A {@code pkrj build} child process and its output, line by line. */
    final class Child implements AutoCloseable {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final Map<String, CountDownLatch> markers = new HashMap<>();

        Child(String template, String... markersToWatch) throws IOException {
            Files.writeString(work.resolve("t.pkr.hcl"), template);
            Files.createDirectories(work.resolve("home"));
            for (String m : markersToWatch) {
                markers.put(m, new CountDownLatch(1));
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "io.jenkins.plugins.packer.cli.Main", "build", "-color=false", "t.pkr.hcl")
                    .directory(work.toFile()).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "HOME", work.resolve("home").toString(),
                    "PKRJ_STATE_DIR", stateDir().toString(), "TMPDIR", System.getProperty("java.io.tmpdir")));
            process = pb.start();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                        String l = line;
                        markers.forEach((m, latch) -> {
                            if (l.contains(m)) {
                                latch.countDown();
                            }
                        });
                    }
                } catch (IOException e) {
                    // The process was killed.
                }
            }, "pkrj-build-output");
            reader.setDaemon(true);
            reader.start();
        }

        void awaitLine(String marker) throws InterruptedException {
            assertThat(markers.get(marker).await(120, TimeUnit.SECONDS))
                    .as("'%s' in the build's output:\n%s", marker, String.join("\n", lines)).isTrue();
        }

        /** SIGKILL: the build gets no chance to clean up. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                kill();
            }
        }
    }

    Path stateDir() {
        return work.resolve("state");
    }

    /** The sweep, as {@code pkrj sweep} runs it, with the environment's AWS keys. */
    private Sweepings sweep(Duration olderThan, String... regions) throws IOException {
        List<String> out = new ArrayList<>();
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY",
                MotoServer.SECRET_KEY, "AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", proxy.endpoint());
        int code = Sweep.run(new Sweep.Request(stateDir(), env, false, olderThan, null, List.of(regions),
                Clock.systemUTC(), out::add));
        return new Sweepings(code, String.join("\n", out));
    }

    record Sweepings(int exitCode, String output) {}

    /** Kills the child on the first call of {@code action}, before moto sees it. */
    private static void killOnCall(String action, Child[] child) {
        proxy.onFirstCall(action, () -> kill(child[0]));
    }

    /** Kills the child once moto answered {@code action}, before the child reads the answer. */
    private static void killAfterAnswer(String action, Child[] child) {
        proxy.rewrite(action, (request, answer) -> {
            kill(child[0]);
            return answer;
        });
    }

    private static void kill(Child child) {
        try {
            child.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Images stay pending once {@code action} was called, so the build waits there until it is killed. */
    private static void imagesPendingAfter(String action) {
        AtomicBoolean started = new AtomicBoolean();
        proxy.rewrite(action, (request, answer) -> {
            started.set(true);
            return answer;
        });
        proxy.rewrite("DescribeImages", (request, answer) -> started.get()
                ? answer.replace("<imageState>available</imageState>", "<imageState>pending</imageState>") : answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"at-create-security-group", "at-run-instances", "run-instances-answered", "provisioning",
            "spot-provisioning", "iam-provisioning", "ami-pending", "create-image-answered", "region-copy"})
    void aKilledBuildLeavesNothingOnceSwept(String phase) throws Exception {
        Child[] child = new Child[1];
        switch (phase) {
            case "at-create-security-group" -> killOnCall("CreateSecurityGroup", child);
            case "at-run-instances" -> killOnCall("RunInstances", child);
            case "run-instances-answered" -> killAfterAnswer("RunInstances", child);
            case "create-image-answered" -> killAfterAnswer("CreateImage", child);
            case "ami-pending" -> imagesPendingAfter("CreateImage");
            case "region-copy" -> imagesPendingAfter("CopyImage");
            default -> {
            }
        }
        String marker = switch (phase) {
            case "ami-pending" -> "Waiting for AMI to become ready...";
            case "region-copy" -> "Waiting for all copies to complete...";
            default -> "provisioning-started";
        };
        try (Child c = new Child(template(phase), marker)) {
            child[0] = c;
            if (phase.endsWith("provisioning") || phase.equals("ami-pending") || phase.equals("region-copy")) {
                c.awaitLine(marker);
                c.kill();
            } else {
                assertThat(c.process.waitFor(120, TimeUnit.SECONDS)).as("killed").isTrue();
            }
            assertThat(c.process.exitValue()).as(String.join("\n", c.lines)).isEqualTo(137);
        }
        proxy.reset();
        Map<String, Long> before = left();
        assertThat(before).as("what the killed build left").isNotEmpty();

        Sweepings s = sweep(null);

        Map<String, Long> after = left();
        MATRIX.append("| ").append(phase).append(" | ").append(before).append(" | ").append(after).append(" |\n");
        assertThat(s.exitCode()).as(s.output()).isZero();
        assertThat(after).as(s.output()).isEmpty();
        assertThat(journals()).as("the journal of a run swept clean is gone").isEmpty();
    }

    private List<Path> journals() throws IOException {
        Path runs = stateDir().resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.toList();
        }
    }

    @Test
    void aLiveBuildIsLeftAloneThenSweptOnceKilled() throws Exception {
        try (Child c = new Child(template("provisioning"), "provisioning-started")) {
            c.awaitLine("provisioning-started");
            Map<String, Long> running = left();

            Sweepings s = sweep(Duration.ZERO, "us-east-1");

            assertThat(s.output()).contains("is still running: left alone.");
            assertThat(left()).isEqualTo(running).containsEntry("instances", 1L);
            assertThat(c.process.isAlive()).isTrue();
            c.kill();
        }
        Sweepings s = sweep(null);
        assertThat(s.exitCode()).as(s.output()).isZero();
        assertThat(left()).as(s.output()).isEmpty();
    }

    /** The region-copy bake as another amazon builder: its artifact is volumes, or an AMI registered from snapshots. */
    private String asBuilder(String template, String builder) {
        String t = template.replace("\"amazon-ebs\"", "\"" + builder + "\"")
                .replace("source.amazon-ebs.base", "source." + builder + ".base");
        return switch (builder) {
            case "amazon-ebsvolume" -> t.replace("  skip_region_validation = true\n", "")
                    .replaceAll("(?m)^  ami_(name|regions) .*\n", "")
                    .replace("  ssh_username", """
                      ebs_volumes {
                        device_name           = "/dev/xvdf"
                        volume_size           = 4
                        delete_on_termination = false
                        snapshot_volume       = true
                        tags                  = { Name = "data" }
                      }
                      ssh_username""");
            case "amazon-ebssurrogate" -> t.replace("  ssh_username", """
                      ami_virtualization_type = "hvm"
                      launch_block_device_mappings {
                        device_name           = "/dev/xvdf"
                        volume_size           = 4
                        delete_on_termination = true
                      }
                      ami_root_device {
                        source_device_name = "/dev/xvdf"
                        device_name        = "/dev/xvda"
                      }
                      ssh_username""");
            default -> t;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"amazon-ebs", "amazon-ebsvolume", "amazon-ebssurrogate"})
    void theArtifactOfASuccessfulBuildIsNeverSwept(String builder) throws Exception {
        try (Child c = new Child(asBuilder(template("region-copy"), builder), "provisioning-started")) {
            assertThat(c.process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(c.process.exitValue()).as(String.join("\n", c.lines)).isZero();
        }
        Map<String, Long> delivered = left();
        switch (builder) {
            case "amazon-ebsvolume" -> assertThat(delivered).isEqualTo(Map.of("volumes", 1L, "snapshots", 1L));
            // moto gives a registered AMI a snapshot of its own besides the launch volume's.
            case "amazon-ebssurrogate" -> assertThat(delivered).isEqualTo(Map.of("AMIs", 2L, "snapshots", 3L));
            default -> assertThat(delivered).isEqualTo(Map.of("AMIs", 2L, "snapshots", 2L));
        }
        assertThat(journals()).as("a run that left nothing keeps no journal").isEmpty();
        for (String r : REGIONS) {
            Ec2Client c = ec2.get(r);
            List<Tag> tags = new ArrayList<>();
            c.describeImages(b -> b.owners("self")).images().forEach(i -> tags.addAll(i.tags()));
            c.describeVolumes().volumes().forEach(v -> tags.addAll(v.tags()));
            c.describeSnapshots(b -> b.ownerIds("self")).snapshots().forEach(v -> tags.addAll(v.tags()));
            assertThat(tags).as("the run's tag is taken off what the build delivers")
                    .noneMatch(t -> t.key().equals("packer-steps:run-id"));
        }

        Sweepings s = sweep(Duration.ZERO, "us-east-1", "us-west-2");

        assertThat(s.exitCode()).as(s.output()).isZero();
        assertThat(left()).isEqualTo(delivered);
    }

    @Test
    void untaggedResourcesAreNeverSwept() throws Exception {
        Ec2Client c = ec2.get("us-east-1");
        c.createKeyPair(b -> b.keyName("mine"));
        String group = c.createSecurityGroup(b -> b.groupName("mine").description("not a build's")).groupId();
        String image = c.describeImages(r -> r.filters(f -> f.name("name").values(
                "ubuntu/images/hvm-ssd/ubuntu-trusty-14.04-amd64-server-*"))).images().get(0).imageId();
        c.runInstances(b -> b.imageId(image).minCount(1).maxCount(1).instanceType("t2.micro"));
        Map<String, Long> mine = left();

        Sweepings s = sweep(Duration.ZERO, "us-east-1", "us-west-2");

        assertThat(s.exitCode()).as(s.output()).isZero();
        assertThat(s.output()).contains("Nothing to sweep.");
        assertThat(left()).isEqualTo(mine);
        assertThat(c.describeSecurityGroups(b -> b.groupIds(group)).securityGroups()).hasSize(1);
    }

    @Test
    void aRunFoundOnlyByItsTagIsSweptOnlyWhenOldEnough() throws Exception {
        Child[] child = new Child[1];
        killAfterAnswer("RunInstances", child);
        try (Child c = new Child(template("run-instances-answered"), "provisioning-started")) {
            child[0] = c;
            assertThat(c.process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        }
        proxy.reset();
        for (Path run : journals()) {
            try (Stream<Path> files = Files.list(run)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(run);
        }
        Map<String, Long> before = left();
        assertThat(before).containsKeys("instances", "key pairs", "security groups");

        Sweepings young = sweep(null, "us-east-1");

        assertThat(young.output()).contains("has no journal here").contains("give -older-than");
        assertThat(left()).isEqualTo(before);

        Sweepings old = sweep(Duration.ZERO, "us-east-1");

        assertThat(old.exitCode()).as(old.output()).isZero();
        assertThat(left()).as(old.output()).isEmpty();
        assertThat(old.output()).contains("Terminating instance");
    }
}
