package io.jenkins.plugins.packer.builder.amazon.ebs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.builder.amazon.Ec2Proxy;
import io.jenkins.plugins.packer.builder.amazon.MotoServer;
import io.jenkins.plugins.packer.communicator.ssh.OpenSshServer;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.CollectedOutput;
import io.jenkins.plugins.packer.run.PackerBuild;
import io.jenkins.plugins.packer.run.RunOptions;
import io.jenkins.plugins.packer.run.RunRequest;
import io.jenkins.plugins.packer.run.RunResult;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * amazon-ebs with faults injected at every EC2 call it makes, between the build and moto: a refusal fails the build
 * with EC2's message and leaves nothing behind; a burst of throttling is retried and the build succeeds, leaving
 * only the AMI and its snapshot. The outcomes are written to {@code target/ebs-fault-matrix.md}.
 */
class EbsFaultMatrixTest {

    @TempDir
    static Path shared;

    static MotoServer moto;
    static OpenSshServer sshd;
    static Ec2Proxy proxy;
    static Ec2Client ec2;
    static Set<String> baseSnapshots;
    static final StringBuilder MATRIX = new StringBuilder(
            "| step (EC2 action) | fault | exit | message | left: inst/keys/sgs/vols/snaps/amis |\n|---|---|---|---|---|\n");

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        sshd = OpenSshServer.prepare(shared.resolve("sshd"), "AuthorizedKeysCommand /bin/echo %t %k",
                "AuthorizedKeysCommandUser " + OpenSshServer.user()).start();
        moto = MotoServer.start(shared.resolve("moto"));
        proxy = new Ec2Proxy(moto.endpoint());
        ec2 = moto.client("us-east-1");
        west = moto.client("us-west-2");
    }

    @AfterAll
    static void stop() throws Exception {
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "ebs-fault-matrix.md"), MATRIX.toString());
        if (ec2 != null) {
            ec2.close();
            west.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (moto != null) {
            moto.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @BeforeEach
    void reset() throws Exception {
        moto.reset();
        proxy.reset();
        baseSnapshots = snapshots(ec2);
        baseWestSnapshots = snapshots(west);
    }

    static Set<String> snapshots(Ec2Client ec2) {
        return ec2.describeSnapshots(b -> b.ownerIds("self")).snapshots().stream()
                .map(software.amazon.awssdk.services.ec2.model.Snapshot::snapshotId).collect(Collectors.toSet());
    }

    static Ec2Client west;

    /** What is left in both regions, as {@code instances/keys/groups/volumes/snapshots/amis}. */
    static String left() {
        return left(ec2, baseSnapshots) + " + " + left(west, baseWestSnapshots);
    }

    static Set<String> baseWestSnapshots;

    static String left(Ec2Client ec2, Set<String> baseSnapshots) {
        long instances = ec2.describeInstances().reservations().stream().flatMap(r -> r.instances().stream())
                .filter(i -> i.state().name() != InstanceStateName.TERMINATED).count();
        long keys = ec2.describeKeyPairs().keyPairs().size();
        long groups = ec2.describeSecurityGroups().securityGroups().stream()
                .filter(g -> !g.groupName().equals("default")).count();
        long volumes = ec2.describeVolumes().volumes().size();
        long snaps = snapshots(ec2).stream().filter(s -> !baseSnapshots.contains(s)).count();
        long amis = ec2.describeImages(b -> b.owners("self")).images().size();
        return instances + "/" + keys + "/" + groups + "/" + volumes + "/" + snaps + "/" + amis;
    }

    record Built(RunResult result, String output) {}

    private Built build(String provisioner) throws Exception {
        return build(provisioner, new Cancellation());
    }

    private Built build(String provisioner, Cancellation cancellation) throws Exception {
        String template = """
                source "amazon-ebs" "base" {
                  region                 = "us-east-1"
                  access_key             = "%s"
                  secret_key             = "%s"
                  custom_endpoint_ec2    = "%s"
                  instance_type          = "t2.micro"
                  source_ami_filter {
                    filters     = { name = "ubuntu/images/hvm-ssd/ubuntu-trusty-14.04-amd64-server-*" }
                    owners      = ["099720109477"]
                    most_recent = true
                  }
                  ami_name      = "faulty"
                  ami_regions   = ["us-west-2"]
                  tags          = { Name = "built" }
                  ami_description = "baked"
                  ssh_username  = "%s"
                  ssh_host      = "127.0.0.1"
                  ssh_port      = %d
                  aws_polling {
                    delay_seconds = 1
                    max_attempts  = 5
                  }
                }
                build {
                  sources = ["source.amazon-ebs.base"]
                  %s
                }
                """.formatted(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY, proxy.endpoint(), OpenSshServer.user(),
                sshd.port, provisioner);
        Files.writeString(work.resolve("t.pkr.hcl"), template);
        LoadRequest load = new LoadRequest(work, "t.pkr.hcl", List.of(), Map.of(),
                Map.of("PATH", "/usr/bin:/bin"), Clock.systemUTC());
        CollectedOutput out = new CollectedOutput();
        RunResult r = PackerBuild.run(new RunRequest(load, List.of(), List.of(), RunOptions.DEFAULT, out,
                cancellation, List.of(), UUID.randomUUID().toString()));
        return new Built(r, out.text());
    }


    static void record(String step, String fault, Built b, String message, String left) {
        MATRIX.append("| ").append(step).append(" | ").append(fault).append(" | ").append(b.result().exitCode())
                .append(" | ").append(message.replace("|", "\\|").replace("\n", " ")).append(" | ").append(left)
                .append(" |\n");
    }

    /** The calls a build makes, in order, until the AMI is tagged. */
    @ParameterizedTest
    @ValueSource(strings = {"DescribeRegions", "DescribeImages", "CreateKeyPair", "CreateSecurityGroup", "DescribeSecurityGroups",
        "AuthorizeSecurityGroupIngress", "RunInstances", "DescribeInstances", "StopInstances", "CreateImage",
        "CopyImage", "ModifyImageAttribute", "CreateTags"})
    void aRefusalFailsTheBuildWithEc2sMessageAndLeavesNothing(String action) throws Exception {
        proxy.inject(Ec2Proxy.Fault.error(action));
        Built b = build("");
        String error = b.result().builds().get(0).error();
        String left = left();
        record(action, "UnauthorizedOperation (400)", b, error == null ? "" : error.lines().findFirst().orElse(""),
                left);
        assertThat(proxy.injected()).isEqualTo(1);
        assertThat(b.result().exitCode()).as(b.output()).isEqualTo(1);
        assertThat(error).contains("UnauthorizedOperation: You are not authorized to perform this operation.");
        assertThat(left).as(b.output()).isEqualTo("0/0/0/0/0/0 + 0/0/0/0/0/0");
    }

    /** Every call a build makes, cleanups included: throttled twice, then answered. */
    @ParameterizedTest
    @ValueSource(strings = {"DescribeRegions", "DescribeImages", "CreateKeyPair", "CreateSecurityGroup", "DescribeSecurityGroups",
        "AuthorizeSecurityGroupIngress", "RunInstances", "DescribeInstances", "StopInstances", "CreateImage",
        "CopyImage", "ModifyImageAttribute", "CreateTags", "TerminateInstances", "DeleteSecurityGroup", "DeleteKeyPair"})
    void aBurstOfThrottlingIsRetried(String action) throws Exception {
        proxy.inject(Ec2Proxy.Fault.throttling(action, 2));
        Built b = build("");
        String left = left();
        record(action, "RequestLimitExceeded (503) x2", b, "retried, build succeeded", left);
        assertThat(proxy.injected()).isEqualTo(2);
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(left).isEqualTo("0/0/0/0/1/1 + 0/0/0/0/1/1");
    }

    /** A cancellation (Jenkins abort, Ctrl-C) arriving while each call of the build is under way. */
    @ParameterizedTest
    @ValueSource(strings = {"DescribeRegions", "DescribeImages", "CreateKeyPair", "CreateSecurityGroup", "DescribeSecurityGroups",
        "AuthorizeSecurityGroupIngress", "RunInstances", "DescribeInstances", "StopInstances", "CreateImage",
        "CopyImage", "ModifyImageAttribute", "CreateTags"})
    void aCancellationDuringAnyCallEndsTheBuildAndLeavesNothing(String action) throws Exception {
        Cancellation cancellation = new Cancellation();
        proxy.onFirstCall(action, cancellation::cancel);
        Built b = build("", cancellation);
        String left = left();
        record(action, "cancelled during the call", b, "cancelled", left);
        assertThat(b.result().cancelled()).as(b.output()).isTrue();
        assertThat(b.output()).endsWith("Cleanly cancelled builds after being interrupted.\n");
        assertThat(left).as(b.output()).isEqualTo("0/0/0/0/0/0 + 0/0/0/0/0/0");
    }

    /** Spot instances: a refusal of the template or the fleet, or a cancellation during either, leaves nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"CreateLaunchTemplate", "CreateFleet"})
    void aSpotLaunchThatFailsOrIsCancelledLeavesNoTemplateBehind(String action) throws Exception {
        Map<String, String> spot = Map.of("  instance_type          = \"t2.micro\"\n",
                "  spot_price = \"auto\"\n  spot_instance_types = [\"t2.micro\"]\n");
        proxy.inject(Ec2Proxy.Fault.error(action));
        Built refused = buildWith(spot);
        String left = left() + " templates " + ec2.describeLaunchTemplates().launchTemplates().size();
        record(action + " (spot)", "UnauthorizedOperation (400)", refused,
                refused.result().builds().get(0).error().lines().findFirst().orElse(""), left);
        assertThat(refused.result().exitCode()).isEqualTo(1);
        assertThat(left).isEqualTo("0/0/0/0/0/0 + 0/0/0/0/0/0 templates 0");

        reset();
        Cancellation cancellation = new Cancellation();
        proxy.onFirstCall(action, cancellation::cancel);
        Built cancelled = buildWith(spot, cancellation);
        left = left() + " templates " + ec2.describeLaunchTemplates().launchTemplates().size();
        record(action + " (spot)", "cancelled during the call", cancelled, "cancelled", left);
        assertThat(cancelled.result().cancelled()).as(cancelled.output()).isTrue();
        assertThat(left).as(cancelled.output()).isEqualTo("0/0/0/0/0/0 + 0/0/0/0/0/0 templates 0");
    }

    @Test
    void aConnectionDroppedDuringProvisioningFailsAndLeavesNothing() throws Exception {
        Built b = build("""
                provisioner "shell" {
                    inline        = ["kill -9 $(ps -o ppid= -p $$)"]
                    remote_folder = "%s"
                  }
                """.formatted(work));
        String left = left();
        String error = b.result().builds().get(0).error();
        record("provisioning (SSH)", "connection dropped", b, error, left);
        assertThat(b.result().exitCode()).isEqualTo(1);
        assertThat(error).startsWith("Script disconnected unexpectedly.");
        assertThat(left).isEqualTo("0/0/0/0/0/0 + 0/0/0/0/0/0");
    }

    @Test
    void anSshServerThatNeverAnswersTimesOutAndLeavesNothing() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path t = work.resolve("t.pkr.hcl");
        Built b = buildWith(Map.of("ssh_port      = " + sshd.port, "ssh_port      = " + closed + "\n  ssh_timeout = \"3s\""));
        String left = left();
        String error = b.result().builds().get(0).error();
        record("connecting (SSH)", "nothing listening", b, error, left);
        assertThat(b.result().exitCode()).isEqualTo(1);
        assertThat(error).isEqualTo("Timeout waiting for SSH.");
        assertThat(left).isEqualTo("0/0/0/0/0/0 + 0/0/0/0/0/0");
        assertThat(t).exists();
    }

    @Test
    void encryptBootAsksEc2ForAnEncryptedCopyWithTheKeyAndRemovesTheUnencryptedAmi() throws Exception {
        Built b = buildWith(Map.of("ami_name      = \"faulty\"", "ami_name      = \"faulty\"\n  encrypt_boot = true\n"
                + "  kms_key_id = \"alias/images\""));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(proxy.lastRequest("CopyImage")).contains("Encrypted=true").contains("KmsKeyId=alias/images")
                .contains("SourceRegion=us-east-1");
        assertThat(proxy.calls()).containsEntry("DeregisterImage", 1).containsEntry("DeleteSnapshot", 1);
        assertThat(left()).isEqualTo("0/0/0/0/1/1 + 0/0/0/0/0/0");
    }

    @Test
    void organizationLaunchPermissionsAreAskedOfEc2() throws Exception {
        Built b = buildWith(Map.of("ami_name      = \"faulty\"", "ami_name      = \"faulty\"\n"
                + "  ami_org_arns = [\"arn:aws:organizations::111122223333:organization/o-abc123\"]\n"
                + "  ami_ou_arns = [\"arn:aws:organizations::111122223333:ou/o-abc123/ou-ab12-34cd\"]"));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).contains("    amazon-ebs.base: Modifying: org arns\n")
                .contains("    amazon-ebs.base: Modifying: ou arns\n");
        assertThat(proxy.lastRequest("ModifyImageAttribute"))
                .contains("arn:aws:organizations::111122223333:ou/o-abc123/ou-ab12-34cd");
        assertThat(proxy.calls()).containsEntry("ModifyImageAttribute", 2);
    }

    private Built buildWith(Map<String, String> replacements) throws Exception {
        return buildWith(replacements, new Cancellation());
    }

    private Built buildWith(Map<String, String> replacements, Cancellation cancellation) throws Exception {
        // Build once to write the template, then run the edited one.
        String provisioner = "";
        String template = """
                source "amazon-ebs" "base" {
                  region                 = "us-east-1"
                  access_key             = "%s"
                  secret_key             = "%s"
                  custom_endpoint_ec2    = "%s"
                  instance_type          = "t2.micro"
                  source_ami             = "%s"
                  ami_name      = "faulty"
                  ssh_username  = "%s"
                  ssh_host      = "127.0.0.1"
                  ssh_port      = %d
                }
                build {
                  sources = ["source.amazon-ebs.base"]
                  %s
                }
                """.formatted(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY, proxy.endpoint(),
                ec2.describeImages(r -> r.filters(f -> f.name("name").values(
                        "ubuntu/images/hvm-ssd/ubuntu-trusty-14.04-amd64-server-*"))).images().get(0).imageId(),
                OpenSshServer.user(), sshd.port, provisioner);
        for (Map.Entry<String, String> e : replacements.entrySet()) {
            template = template.replace(e.getKey(), e.getValue());
        }
        Files.writeString(work.resolve("t.pkr.hcl"), template);
        LoadRequest load = new LoadRequest(work, "t.pkr.hcl", List.of(), Map.of(),
                Map.of("PATH", "/usr/bin:/bin"), Clock.systemUTC());
        CollectedOutput out = new CollectedOutput();
        RunResult r = PackerBuild.run(new RunRequest(load, List.of(), List.of(), RunOptions.DEFAULT, out,
                cancellation, List.of(), UUID.randomUUID().toString()));
        return new Built(r, out.text());
    }
}
