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
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * amazon-ebs against a real EC2 API (moto on 127.0.0.1) and a real OpenSSH sshd standing in for the instance: the
 * sshd accepts whatever key the build offers ({@code AuthorizedKeysCommand /bin/echo %t %k}), so the build's
 * temporary key pair is what logs in. Every test checks what the build left in EC2.
 */
class EbsBuildTest {

    @TempDir
    static Path shared;

    static MotoServer moto;
    static OpenSshServer sshd;
    static Ec2Client ec2;
    /** Between the build and moto: stands in for the calls moto lacks and shows what the build asked. */
    static Ec2Proxy proxy;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        // The login's home is a folder of the test's own: ssh_clear_authorized_keys edits its authorized_keys.
        java.nio.file.Files.createDirectories(shared.resolve("home/.ssh"));
        sshd = OpenSshServer.prepare(shared.resolve("sshd"), "AuthorizedKeysCommand /bin/echo %t %k",
                "AuthorizedKeysCommandUser " + OpenSshServer.user(), "SetEnv HOME=" + shared.resolve("home"))
                .start();
        moto = MotoServer.start(shared.resolve("moto"));
        proxy = new Ec2Proxy(moto.endpoint());
        ec2 = moto.client("us-east-1");
    }

    @AfterAll
    static void stop() throws Exception {
        if (ec2 != null) {
            ec2.close();
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

    /** The snapshots moto holds from the start (its public AMIs'). */
    static java.util.Set<String> baseSnapshots;

    @BeforeEach
    void reset() throws Exception {
        moto.reset();
        proxy.reset();
        baseSnapshots = snapshotIds();
    }

    static java.util.Set<String> snapshotIds() {
        return ec2.describeSnapshots(b -> b.ownerIds("self")).snapshots().stream()
                .map(software.amazon.awssdk.services.ec2.model.Snapshot::snapshotId).collect(Collectors.toSet());
    }


    record Built(RunResult result, String output) {}

    /** The source: moto's Ubuntu AMI found by a filter, the instance reached at the local sshd. */
    static String source(String extra) {
        return """
                source "amazon-ebs" "base" {
                  region                 = "us-east-1"
                  access_key             = "%s"
                  secret_key             = "%s"
                  custom_endpoint_ec2    = "%s"
                  skip_region_validation = true
                  instance_type          = "t2.micro"
                  source_ami_filter {
                    filters = {
                      name = "ubuntu/images/hvm-ssd/ubuntu-trusty-14.04-amd64-server-*"
                    }
                    owners      = ["099720109477"]
                    most_recent = true
                  }
                  ssh_username = "%s"
                  ssh_host     = "127.0.0.1"
                  ssh_port     = %d
                  %s
                }
                """.formatted(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY, proxy.endpoint(), OpenSshServer.user(),
                sshd.port, extra);
    }

    static String buildBlock(String body) {
        return "build {\n  sources = [\"source.amazon-ebs.base\"]\n" + body + "\n}\n";
    }

    private Built build(String template, Cancellation cancellation) throws Exception {
        return build(template, cancellation, Map.of());
    }

    private Built build(String template, Cancellation cancellation, Map<String, String> extraEnv) throws Exception {
        Files.writeString(work.resolve("t.pkr.hcl"), template);
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        Map<String, String> env = new java.util.HashMap<>(extraEnv);
        env.put("PATH", "/usr/bin:/bin");
        env.put("TMPDIR", tmp.toString());
        LoadRequest load = new LoadRequest(work, "t.pkr.hcl", List.of(), Map.of(), env, Clock.systemUTC());
        CollectedOutput out = new CollectedOutput();
        RunResult r = PackerBuild.run(new RunRequest(load, List.of(), List.of(), RunOptions.DEFAULT, out,
                cancellation, List.of(), UUID.randomUUID().toString()));
        return new Built(r, out.text());
    }

    private Built build(String template) throws Exception {
        return build(template, new Cancellation());
    }

    /**
     * Builds {@code template} in a thread of its own and cancels it once {@code started} holds (checked every 100 ms,
     * 60 s at most); returns the cancelled build's outcome.
     */
    private Built cancelledOnce(String template, java.util.function.BooleanSupplier started) throws Exception {
        Cancellation cancellation = new Cancellation();
        Built[] built = new Built[1];
        Thread t = new Thread(() -> {
            try {
                built[0] = build(template, cancellation);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        for (int i = 0; i < 600 && !started.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
        assertThat(started.getAsBoolean()).as("the build reached the point it is cancelled at").isTrue();
        cancellation.cancel();
        t.join(60_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(built[0].result().cancelled()).isTrue();
        return built[0];
    }

    /** What a build may leave behind, by kind; an AMI and its snapshots only when it succeeded. */
    record Left(long instances, long keyPairs, long securityGroups, long volumes, long snapshots, long images) {}

    static Left left() {
        long instances = ec2.describeInstances().reservations().stream().flatMap(r -> r.instances().stream())
                .filter(i -> i.state().name() != InstanceStateName.TERMINATED).count();
        long keyPairs = ec2.describeKeyPairs().keyPairs().size();
        long groups = ec2.describeSecurityGroups().securityGroups().stream()
                .filter(g -> !g.groupName().equals("default")).count();
        long volumes = ec2.describeVolumes().volumes().size();
        long snapshots = snapshotIds().stream().filter(id -> !baseSnapshots.contains(id)).count();
        long images = ec2.describeImages(b -> b.owners("self")).images().size();
        return new Left(instances, keyPairs, groups, volumes, snapshots, images);
    }

    static final Left NOTHING = new Left(0, 0, 0, 0, 0, 0);

    static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    @Test
    void bakesAnAmiWithItsTagsAndLeavesNothingElse() throws Exception {
        Files.writeString(work.resolve("motd"), "baked by pkrj\n");
        Path uploaded = work.resolve("on-the-instance/motd");
        Files.createDirectories(uploaded.getParent());
        Built b = build(source("""
                  ami_name      = "pkrj-{{timestamp}}"
                  tags          = { Name = "built", Base = "{{ .SourceAMI }}", Region = "{{ .BuildRegion }}" }
                  snapshot_tags = { Kind = "root" }
                  run_tags      = { Purpose = "bake" }
                  ami_regions   = ["us-west-2", "us-east-1"]
                  ami_users     = ["111122223333"]
                """) + buildBlock("""
                  provisioner "shell" {
                    inline = ["echo on ${build.ID} from ${build.SourceAMI} in ${build.BuildRegion}"]
                  }
                  provisioner "file" {
                    source      = "motd"
                    destination = "%s"
                  }
                  post-processor "manifest" {}
                """.formatted(uploaded)));
        assertThat(uploaded).hasContent("baked by pkrj");
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        Image source = ec2.describeImages(r -> r.filters(f -> f.name("name").values(
                "ubuntu/images/hvm-ssd/ubuntu-trusty-14.04-amd64-server-*"))).images().get(0);
        List<Image> mine = ec2.describeImages(r -> r.owners("self")).images();
        assertThat(mine).hasSize(1);
        Image ami = mine.get(0);
        assertThat(ami.name()).matches("pkrj-\\d+");
        assertThat(tags(ami.tags())).containsExactlyInAnyOrderEntriesOf(Map.of("Name", "built", "Base",
                source.imageId(), "Region", "us-east-1"));
        String snapshot = ami.blockDeviceMappings().get(0).ebs().snapshotId();
        assertThat(tags(ec2.describeSnapshots(r -> r.snapshotIds(snapshot)).snapshots().get(0).tags()))
                .containsEntry("Kind", "root").containsEntry("Name", "built");
        // The instance ran with its tags and is gone; so are the key pair and the security group.
        var instance = ec2.describeInstances().reservations().get(0).instances().get(0);
        assertThat(tags(instance.tags())).containsEntry("Purpose", "bake").containsEntry("Name", "Packer Builder");
        assertThat(instance.state().name()).isEqualTo(InstanceStateName.TERMINATED);
        assertThat(left()).isEqualTo(new Left(0, 0, 0, 0, 1, 1));
        assertThat(ec2.describeImageAttribute(r -> r.imageId(ami.imageId()).attribute("launchPermission"))
                .launchPermissions()).extracting(p -> p.userId()).containsExactly("111122223333");
        // The copy in the other region: same name, tags and permissions, its own snapshot.
        Image copy;
        try (Ec2Client west = moto.client("us-west-2")) {
            List<Image> copies = west.describeImages(r -> r.owners("self")).images();
            assertThat(copies).hasSize(1);
            copy = copies.get(0);
            assertThat(copy.name()).isEqualTo(ami.name());
            assertThat(tags(copy.tags())).containsEntry("Name", "built").containsEntry("Region", "us-east-1");
            assertThat(west.describeImageAttribute(r -> r.imageId(copy.imageId()).attribute("launchPermission"))
                    .launchPermissions()).extracting(p -> p.userId()).containsExactly("111122223333");
        }
        assertThat(b.output())
                .contains("==> amazon-ebs.base: Copying/Encrypting AMI (" + ami.imageId() + ") to other regions...\n"
                        + "    amazon-ebs.base: Copying to: us-west-2\n"
                        + "    amazon-ebs.base: Waiting for all copies to complete...\n")
                .contains("us-east-1: " + ami.imageId() + "\nus-west-2: " + copy.imageId() + "\n")
                .contains("==> amazon-ebs.base: Prevalidating AMI Name: " + ami.name() + "\n")
                .contains("    amazon-ebs.base: Found Image ID: " + source.imageId() + "\n")
                .contains("    amazon-ebs.base: on " + instance.instanceId() + " from " + source.imageId()
                        + " in us-east-1\n")
                .contains("==> amazon-ebs.base: Creating AMI " + ami.name() + " from instance "
                        + instance.instanceId() + "\n")
                .contains("==> amazon-ebs.base: Tagging snapshot: " + snapshot + "\n")
                .contains("    amazon-ebs.base: Adding tag: \"Base\": \"" + source.imageId() + "\"\n")
                .endsWith("--> amazon-ebs.base: AMIs were created:\nus-east-1: " + ami.imageId() + "\nus-west-2: "
                        + copy.imageId() + "\n\n")
                .doesNotContain(MotoServer.SECRET_KEY);
        assertThat(Files.readString(work.resolve("packer-manifest.json")))
                .contains("\"artifact_id\": \"us-east-1:" + ami.imageId() + ",us-west-2:" + copy.imageId() + "\"")
                .contains("\"builder_type\": \"amazon-ebs\"");
    }

    @Test
    void anEd25519TemporaryKeyPairLogsIn() throws Exception {
        Built b = build(source("""
                  ami_name                = "ed25519"
                  temporary_key_pair_type = "ed25519"
                """) + buildBlock("""
                  provisioner "shell" {
                    inline = ["echo logged in"]
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).contains("    amazon-ebs.base: logged in\n");
        assertThat(Files.readString(sshd.dir.resolve("sshd.log"))).contains("Accepted publickey for "
                + OpenSshServer.user()).contains("ED25519");
        assertThat(left()).isEqualTo(new Left(0, 0, 0, 0, 1, 1));
    }

    @Test
    void tagBlocksMetadataOptionsAndEna() throws Exception {
        Built b = build(source("""
                  ami_name     = "options"
                  ena_support  = true
                  tag {
                    key   = "Team"
                    value = "images"
                  }
                  tag {
                    key   = "Base"
                    value = "{{ .SourceAMI }} in {{ .BuildRegion }}"
                  }
                  run_tag {
                    key   = "Stage"
                    value = "bake from {{ .SourceAMIName }}"
                  }
                  metadata_options {
                    http_endpoint               = "enabled"
                    http_tokens                 = "required"
                    http_put_response_hop_limit = 2
                  }
                """) + buildBlock(""));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).contains("==> amazon-ebs.base: Enabling Enhanced Networking (ENA)...\n");
        var instance = ec2.describeInstances().reservations().get(0).instances().get(0);
        Image source = ec2.describeImages(r -> r.imageIds(instance.imageId())).images().get(0);
        assertThat(tags(instance.tags())).containsEntry("Stage", "bake from " + source.name());
        assertThat(instance.metadataOptions().httpTokensAsString()).isEqualTo("required");
        assertThat(instance.metadataOptions().httpPutResponseHopLimit()).isEqualTo(2);
        Image ami = ec2.describeImages(r -> r.owners("self")).images().get(0);
        assertThat(tags(ami.tags())).containsEntry("Team", "images")
                .containsEntry("Base", source.imageId() + " in us-east-1");
        assertThat(left()).isEqualTo(new Left(0, 0, 0, 0, 1, 1));
    }

    @Test
    void vpcSubnetAndSecurityGroupFiltersChooseTheNetworkByMapOrFilterBlocks() throws Exception {
        var vpc = ec2.describeVpcs(r -> r.filters(f -> f.name("isDefault").values("true"))).vpcs().get(0);
        // A group of the template's choosing beside the VPC's default one: only the filter block tells them apart.
        String own = ec2.createSecurityGroup(r -> r.groupName("bake-group").description("chosen by a filter block")
                .vpcId(vpc.vpcId())).groupId();
        Built b = build(source("""
                  ami_name = "network"
                  vpc_filter {
                    filters = { "isDefault" = "true" }
                  }
                  subnet_filter {
                    filter {
                      name  = "default-for-az"
                      value = "true"
                    }
                    most_free = true
                  }
                  security_group_filter {
                    filter {
                      name  = "group-name"
                      value = "bake-group"
                    }
                  }
                """) + buildBlock(""));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        var instance = ec2.describeInstances().reservations().get(0).instances().get(0);
        var group = ec2.describeSecurityGroups(r -> r.groupIds(own)).securityGroups().get(0);
        assertThat(b.output()).contains("    amazon-ebs.base: Found VPC ID: " + vpc.vpcId() + "\n")
                .contains("    amazon-ebs.base: Found Subnet ID: " + instance.subnetId() + "\n")
                .contains("    amazon-ebs.base: Found Security Group(s): " + group.groupId() + "\n")
                .doesNotContain("Creating temporary security group");
        assertThat(instance.vpcId()).isEqualTo(vpc.vpcId());
        assertThat(instance.securityGroups()).extracting(g -> g.groupId()).containsExactly(group.groupId());
        ec2.deleteSecurityGroup(r -> r.groupId(own));
        assertThat(left()).isEqualTo(new Left(0, 0, 0, 0, 1, 1));
    }

    @Test
    void encryptBootReplacesTheAmiWithAnEncryptedCopy() throws Exception {
        Built b = build(source("""
                  ami_name     = "encrypted"
                  encrypt_boot = true
                """) + buildBlock(""));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        List<Image> mine = ec2.describeImages(r -> r.owners("self")).images();
        assertThat(mine).hasSize(1);
        String copy = mine.get(0).imageId();
        String made = b.output().replaceAll("(?s).*    amazon-ebs.base: AMI: (ami-[0-9a-f]+)\n.*", "$1");
        assertThat(made).isNotEqualTo(copy);
        // The unencrypted AMI has a name of its own, so that its encrypted copy can take the template's.
        assertThat(b.output()).containsPattern("==> amazon-ebs.base: Creating AMI [A-Za-z0-9]{7} from instance ");
        assertThat(mine.get(0).name()).isEqualTo("encrypted");
        assertThat(b.output())
                .contains("==> amazon-ebs.base: Copying/Encrypting AMI (" + made + ") to other regions...\n"
                        + "    amazon-ebs.base: Copying to: us-east-1\n")
                .contains("==> amazon-ebs.base: Deregistering the AMI and deleting unencrypted temporary AMIs and"
                        + " snapshots\n")
                .endsWith("--> amazon-ebs.base: AMIs were created:\nus-east-1: " + copy + "\n\n");
        // moto does not model encryption of copies: EbsFaultMatrixTest checks the CopyImage request instead.
        assertThat(left()).isEqualTo(new Left(0, 0, 0, 0, 1, 1));
    }

    @Test
    void sshClearAuthorizedKeysRemovesTheTemporaryKeyFromTheImage() throws Exception {
        Path keys = shared.resolve("home/.ssh/authorized_keys");
        Files.writeString(keys, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOtherKeyStaysOtherKeyStaysOtherKeyStays other@host\n");
        Built b = build(source("""
                  ami_name                  = "cleared"
                  ssh_clear_authorized_keys = true
                """) + buildBlock("""
                  provisioner "shell" {
                    inline = ["echo '${build.SSHPublicKey} packer' >> ~/.ssh/authorized_keys",
                              "echo keys before: $(wc -l < ~/.ssh/authorized_keys)"]
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).contains("    amazon-ebs.base: keys before: 2\n")
                .contains("==> amazon-ebs.base: Trying to remove ephemeral keys from authorized_keys files\n");
        assertThat(Files.readString(keys)).isEqualTo(
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOtherKeyStaysOtherKeyStaysOtherKeyStays other@host\n");
        assertThat(shared.resolve("home/.ssh/authorized_keys.bak")).doesNotExist();
    }

    @Test
    void skipCreateAmiProvisionsAndMakesNoImage() throws Exception {
        Built b = build(source("""
                  ami_name        = "never-made"
                  skip_create_ami = true
                  tags            = { Name = "x" }
                  ami_regions     = ["us-west-2"]
                """) + buildBlock("""
                  provisioner "shell" {
                    inline = ["echo provisioned"]
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).contains("    amazon-ebs.base: provisioned\n")
                .contains("==> amazon-ebs.base: Skipping AMI creation...\n")
                .doesNotContain("Creating AMI").doesNotContain("Copying")
                .endsWith("==> Builds finished but no artifacts were created.\n");
        assertThat(left()).isEqualTo(NOTHING);
    }

    @Test
    void anAmiNameInUseFailsBeforeAnythingIsMade() throws Exception {
        String template = source("ami_name = \"taken\"") + buildBlock("");
        assertThat(build(template).result().exitCode()).isZero();
        String existing = ec2.describeImages(r -> r.owners("self")).images().get(0).imageId();
        Built again = build(template);
        assertThat(again.result().exitCode()).isEqualTo(1);
        assertThat(again.output()).contains("==> amazon-ebs.base: Error: AMI Name: 'taken' is used by an existing"
                + " AMI: " + existing + "\n")
                .doesNotContain("Creating temporary keypair");
        assertThat(left()).isEqualTo(new Left(0, 0, 0, 0, 1, 1));
    }

    @Test
    void forceDeregisterReplacesTheAmiAndItsSnapshots() throws Exception {
        String template = source("""
                  ami_name              = "replaced"
                  force_deregister      = true
                  force_delete_snapshot = true
                """) + buildBlock("");
        assertThat(build(template).result().exitCode()).isZero();
        Image first = ec2.describeImages(r -> r.owners("self")).images().get(0);
        Built again = build(template);
        assertThat(again.result().exitCode()).as(again.output()).isZero();
        assertThat(again.output())
                .contains("==> amazon-ebs.base: Force Deregister flag found, skipping prevalidating AMI Name\n")
                .contains("==> amazon-ebs.base: Deregistered AMI replaced, id: " + first.imageId() + "\n")
                .contains("==> amazon-ebs.base: Deleted snapshot: "
                        + first.blockDeviceMappings().get(0).ebs().snapshotId() + "\n");
        List<Image> now = ec2.describeImages(r -> r.owners("self")).images();
        assertThat(now).hasSize(1);
        assertThat(now.get(0).imageId()).isNotEqualTo(first.imageId());
        assertThat(left()).isEqualTo(new Left(0, 0, 0, 0, 1, 1));
    }

    @Test
    void ansibleReachesTheInstanceThroughTheProxyWithTheTemporaryKey() throws Exception {
        io.jenkins.plugins.packer.provisioner.ansible.AnsibleTestBed.assumeInstalled("ansible-playbook");
        Path made = Files.createDirectories(work.resolve("instance")).resolve("baked.txt");
        Files.writeString(work.resolve("play.yml"), """
                - hosts: default
                  gather_facts: false
                  tasks:
                    - copy:
                        content: "{{ packer_builder_type }} via {{ mode }}\\n"
                        dest: %s-{{ mode }}
                """.formatted(made));
        Built b = build(source("ami_name = \"ansible-baked\"") + buildBlock("""
                  provisioner "ansible" {
                    playbook_file    = "play.yml"
                    extra_arguments  = ["-e", "mode=proxy"]
                  }
                  provisioner "ansible" {
                    playbook_file    = "play.yml"
                    use_proxy        = false
                    extra_arguments  = ["-e", "mode=direct"]
                    ansible_env_vars = ["ANSIBLE_SSH_ARGS=-o ControlMaster=no"]
                  }
                """), new Cancellation(), Map.of("HOME", Files.createDirectories(work.resolve("home")).toString()));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(Path.of(made + "-proxy")).hasContent("amazon-ebs via proxy");
        assertThat(Path.of(made + "-direct")).hasContent("amazon-ebs via direct");
        // Without the proxy, Ansible logs in with the build's temporary key, written to a file for it.
        assertThat(b.output()).contains("-e ansible_ssh_private_key_file=" + work.resolve("tmp") + "/ansible-key")
                .contains("==> amazon-ebs.base: Creating AMI ansible-baked from instance ");
        try (var s = Files.list(work.resolve("tmp"))) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("ansible-key")).toList())
                    .as("the key files are removed").isEmpty();
        }
        assertThat(ec2.describeImages(r -> r.owners("self")).images()).hasSize(1);
        Left left = left();
        assertThat(left.instances() + left.keyPairs() + left.securityGroups()).isZero();
    }

    @Test
    void packerLogWritesTheStepsApiCallsRetriesAndCommandsWithoutSecrets() throws Exception {
        proxy.inject(Ec2Proxy.Fault.throttling("DescribeImages", 1));
        Files.writeString(work.resolve("t.pkr.hcl"), """
                variable "token" {
                  type      = string
                  default   = "debug-T0ken-5517"
                  sensitive = true
                }
                """ + source("ami_name = \"logged\"") + buildBlock("""
                  provisioner "shell" {
                    inline = ["echo using ${var.token}"]
                  }
                """));
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        Files.createDirectories(work.resolve("logs"));
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        int rc = io.jenkins.plugins.packer.cli.Main.run(new io.jenkins.plugins.packer.cli.Main.Io(
                new java.io.ByteArrayInputStream(new byte[0]), new java.io.PrintStream(console, true,
                java.nio.charset.StandardCharsets.UTF_8), Map.of("PATH", "/usr/bin:/bin", "TMPDIR", tmp.toString(),
                "PACKER_LOG", "1", "PACKER_LOG_PATH", "logs/debug.log", "CHECKPOINT_DISABLE", "1"), work),
                "build", "-color=false", "t.pkr.hcl");
        String out = console.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(rc).as(out).isZero();
        String log = Files.readString(work.resolve("logs/debug.log"));
        assertThat(log.lines().toList()).allMatch(l -> l.matches("\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d .*"));
        assertThat(log).containsPattern("\\[INFO\\] Packer version: 1\\.16\\.0 \\[pkrj ")
                .contains("[INFO] Template: " + work.resolve("t.pkr.hcl"))
                .contains("[INFO] amazon-ebs.base: step \"StepSourceAMIInfo\" started")
                .containsPattern("\\[INFO\\] amazon-ebs.base: step \"StepSourceAMIInfo\" ended after \\d+ ms")
                .contains("[WARN] AWS Ec2.DescribeImages (us-east-1): attempt 1 answered HTTP 503")
                .contains("[INFO] AWS Ec2.DescribeImages (us-east-1): retrying, attempt 2")
                .containsPattern("\\[INFO\\] AWS Ec2.RunInstances \\(us-east-1\\) took \\d+ ms \\(HTTP 200\\)")
                .contains("[INFO] amazon-ebs.base: running provisioner shell")
                .contains("[DEBUG] starting remote command: ")
                .containsPattern("\\[INFO\\] remote command exited with 0 after \\d+ ms: ")
                .contains("ui: ==> amazon-ebs.base: Creating AMI logged from instance ")
                .contains("using <sensitive>")
                .doesNotContain("debug-T0ken-5517").doesNotContain(MotoServer.SECRET_KEY);
        // The console is as without the log.
        assertThat(out).doesNotContain("[INFO]").contains("    amazon-ebs.base: using <sensitive>\n");
        assertThat(left().instances()).isZero();
    }

    @Test
    void aFailingProvisionerLeavesNothingBehind() throws Exception {
        Built b = build(source("ami_name = \"never\"") + buildBlock("""
                  provisioner "shell" {
                    inline = ["exit 5"]
                  }
                """));
        assertThat(b.result().exitCode()).isEqualTo(1);
        assertThat(b.output()).contains("Script exited with non-zero exit status: 5")
                .contains("==> amazon-ebs.base: Terminating the source AWS instance...\n")
                .contains("==> amazon-ebs.base: Deleting temporary security group...\n")
                .contains("==> amazon-ebs.base: Deleting temporary keypair...\n")
                .doesNotContain("Creating AMI");
        assertThat(left()).isEqualTo(NOTHING);
    }

    @Test
    void cancellingDuringProvisioningLeavesNothingBehind() throws Exception {
        Path marker = work.resolve("started");
        Built cancelled = cancelledOnce(source("ami_name = \"cancelled\"") + buildBlock("""
                  provisioner "shell" {
                    inline        = ["touch %s", "sleep 60"]
                    remote_folder = "%s"
                  }
                """.formatted(marker, work)), () -> Files.exists(marker));
        assertThat(cancelled.output()).contains("==> amazon-ebs.base: Terminating the source AWS instance...\n");
        assertThat(left()).isEqualTo(NOTHING);
    }

    /** An amazon-ebsvolume source: one volume kept (tagged), one deleted with the instance. */
    static String volumeSource() {
        // amazon-ebsvolume has no skip_region_validation (packer 1.6.6's neither): moto answers DescribeRegions.
        return source("").replace("source \"amazon-ebs\" \"base\"", "source \"amazon-ebsvolume\" \"base\"")
                .replace("  skip_region_validation = true\n", "")
                .replace("  ssh_username", """
                  run_volume_tags = { Stage = "running" }
                  ebs_volumes {
                    device_name           = "/dev/xvdf"
                    volume_size           = 8
                    delete_on_termination = false
                    tags = { Name = "data", Region = "{{ .BuildRegion }}" }
                  }
                  ebs_volumes {
                    device_name           = "/dev/xvdg"
                    volume_size           = 4
                    delete_on_termination = true
                  }
                  ssh_username""");
    }

    static String volumeBuild(String body) {
        return "build {\n  sources = [\"source.amazon-ebsvolume.base\"]\n" + body + "\n}\n";
    }

    @Test
    void ebsVolumeKeepsTheTaggedVolumesAsItsArtifactAndMakesNoAmi() throws Exception {
        Built b = build(volumeSource() + volumeBuild("""
                  provisioner "shell" {
                    inline        = ["echo filling"]
                    remote_folder = "%s"
                  }
                """.formatted(work)));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        var artifact = b.result().builds().get(0).artifacts().get(0);
        assertThat(artifact.builderId()).isEqualTo("mitchellh.amazon.ebsvolume");
        assertThat(artifact.id()).matches("us-east-1:vol-[0-9a-f]+");
        String volume = artifact.id().substring("us-east-1:".length());
        assertThat(b.output()).contains("""
                ==> amazon-ebsvolume.base: Removing any tags applied to EBS volumes when the source instance was created...
                    amazon-ebsvolume.base: Compiling list of existing tags to remove...
                    amazon-ebsvolume.base: Adding tag: "Stage": "running"
                """).contains("==> amazon-ebsvolume.base: Tagging EBS volumes...\n")
                .contains("    amazon-ebsvolume.base: Compiling list of tags to apply to volume on /dev/xvdf...\n")
                .contains("==> amazon-ebsvolume.base: No tags specified for volume on /dev/xvdg...\n")
                .contains("    amazon-ebsvolume.base: Applying tags to EBS Volume: " + volume + "\n")
                .contains("==> amazon-ebsvolume.base: Created Volumes: EBS Volumes were created:\n"
                        + "==> amazon-ebsvolume.base: \n==> amazon-ebsvolume.base: us-east-1:" + volume + "\n")
                .doesNotContain("Creating AMI");
        var volumes = ec2.describeVolumes().volumes();
        assertThat(volumes).hasSize(1);
        assertThat(volumes.get(0).volumeId()).isEqualTo(volume);
        assertThat(volumes.get(0).size()).isEqualTo(8);
        assertThat(tags(volumes.get(0).tags())).containsEntry("Name", "data").containsEntry("Region", "us-east-1")
                .doesNotContainKey("Stage").doesNotContainKey("packer-steps:run-id");
        assertThat(ec2.describeImages(r -> r.owners("self")).images()).isEmpty();
        Left left = left();
        assertThat(left.instances() + left.keyPairs() + left.securityGroups()).isZero();
    }

    @Test
    void ebsVolumeSnapshotVolumeSnapshotsTaggedAndSharedVolumesIntoTheArtifact() throws Exception {
        Built b = build(volumeSource().replace("delete_on_termination = false", """
                delete_on_termination = false
                    snapshot_volume       = true
                    snapshot_description  = "data for {{ .BuildRegion }}"
                    snapshot_tags         = { Kind = "data-snapshot" }
                    snapshot_users        = ["111122223333"]
                    snapshot_groups       = ["all"]""") + volumeBuild(""));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        String id = b.result().builds().get(0).artifacts().get(0).id();
        assertThat(id).matches("us-east-1:snap-[0-9a-f]+,us-east-1:vol-[0-9a-f]+");
        String snap = id.substring("us-east-1:".length(), id.indexOf(','));
        String volume = id.substring(id.lastIndexOf(':') + 1);
        var snapshot = ec2.describeSnapshots(r -> r.snapshotIds(snap)).snapshots().get(0);
        assertThat(snapshot.volumeId()).isEqualTo(volume);
        assertThat(snapshot.description()).isEqualTo("data for {{ .BuildRegion }}");
        assertThat(tags(snapshot.tags())).containsExactlyEntriesOf(Map.of("Kind", "data-snapshot"));
        var permissions = ec2.describeSnapshotAttribute(r -> r.snapshotId(snap).attribute("createVolumePermission"))
                .createVolumePermissions();
        assertThat(permissions.stream().map(p -> p.userId() != null ? p.userId() : p.groupAsString()))
                .containsExactlyInAnyOrder("111122223333", "all");
        assertThat(b.output()).contains("""
                    amazon-ebsvolume.base: Compiling list of tags to apply to snapshot from Volume /dev/xvdf...
                    amazon-ebsvolume.base: Adding tag: "Kind": "data-snapshot"
                ==> amazon-ebsvolume.base: Requesting snapshot of volume: %s...
                ==> amazon-ebsvolume.base: Requested Snapshot of Volume %s: %s
                ==> amazon-ebsvolume.base: Waiting for Snapshots to become ready...
                ==> amazon-ebsvolume.base: Waiting for %s to be ready.
                ==> amazon-ebsvolume.base: Snapshot Ready: %s
                ==> amazon-ebsvolume.base: Setting User/Group Permissions for Snapshots...
                ==> amazon-ebsvolume.base: Modifying: groups
                ==> amazon-ebsvolume.base: Modifying: users
                """.formatted(volume, volume, snap, snap, snap))
                .contains("EBS Volumes were created:\n==> amazon-ebsvolume.base: \n==> amazon-ebsvolume.base:"
                        + " us-east-1:" + snap + "\n==> amazon-ebsvolume.base: us-east-1:" + volume + "\n");
        Left left = left();
        assertThat(left.instances() + left.keyPairs() + left.securityGroups()).isZero();
        assertThat(left.volumes()).isEqualTo(1);
        assertThat(left.snapshots()).isEqualTo(1);

        // A failure while sharing the snapshot removes it with the volumes.
        moto.reset();
        baseSnapshots = snapshotIds();
        proxy.reset();
        proxy.inject(Ec2Proxy.Fault.error("ModifySnapshotAttribute"));
        Built failed = build(volumeSource().replace("delete_on_termination = false",
                "delete_on_termination = false\n    snapshot_volume       = true\n    snapshot_users = [\"111122223333\"]")
                + volumeBuild(""));
        assertThat(failed.result().exitCode()).isEqualTo(1);
        assertThat(failed.output()).contains("Error modify snapshot attributes: UnauthorizedOperation")
                .contains("==> amazon-ebsvolume.base: Removing snapshots since we cancelled or halted...\n");
        assertThat(left()).isEqualTo(NOTHING);
    }

    @Test
    void ebsVolumeAFailedOrCancelledBuildLeavesNoVolume() throws Exception {
        Built failed = build(volumeSource() + volumeBuild("""
                  provisioner "shell" {
                    inline        = ["exit 5"]
                    remote_folder = "%s"
                  }
                """.formatted(work)));
        assertThat(failed.result().exitCode()).isEqualTo(1);
        assertThat(failed.output()).contains("Script exited with non-zero exit status: 5")
                .contains("==> amazon-ebsvolume.base: Cleaning up any extra volumes...\n");
        assertThat(left()).isEqualTo(NOTHING);

        Path marker = work.resolve("started-volume");
        Built cancelled = cancelledOnce(volumeSource() + volumeBuild("""
                  provisioner "shell" {
                    inline        = ["touch %s", "sleep 60"]
                    remote_folder = "%s"
                  }
                """.formatted(marker, work)), () -> Files.exists(marker));
        assertThat(left()).isEqualTo(NOTHING);
    }

    /**
     * An amazon-ebssurrogate source: the system volume /dev/xvdf becomes the AMI's root /dev/xvda; a scratch volume
     * is left out of the artifact.
     */
    static String surrogateSource(String extra) {
        return source(extra).replace("source \"amazon-ebs\" \"base\"", "source \"amazon-ebssurrogate\" \"base\"")
                .replace("  ssh_username", """
                  ami_virtualization_type = "hvm"
                  launch_block_device_mappings {
                    device_name           = "/dev/xvdf"
                    volume_size           = 8
                    volume_type           = "gp2"
                    delete_on_termination = true
                  }
                  launch_block_device_mappings {
                    device_name           = "/dev/xvdg"
                    volume_size           = 2
                    delete_on_termination = true
                    omit_from_artifact    = true
                  }
                  ami_root_device {
                    source_device_name    = "/dev/xvdf"
                    device_name           = "/dev/xvda"
                    delete_on_termination = true
                  }
                  ssh_username""");
    }

    static String surrogateBuild(String body) {
        return "build {\n  sources = [\"source.amazon-ebssurrogate.base\"]\n" + body + "\n}\n";
    }

    @Test
    void ebsSurrogateRegistersTheAmiFromSnapshotsOfTheLaunchVolumes() throws Exception {
        Built b = build(surrogateSource("""
                  ami_name      = "surrogate-{{timestamp}}"
                  tags          = { Name = "from-surrogate" }
                  snapshot_tags = { Kind = "system", Region = "{{ .BuildRegion }}" }
                  ami_regions   = ["us-west-2"]
                  ami_users     = ["111122223333"]
                  ami_block_device_mappings {
                    device_name  = "/dev/xvdb"
                    virtual_name = "ephemeral0"
                  }
                """) + surrogateBuild("""
                  provisioner "shell" {
                    inline        = ["echo writing the system volume"]
                    remote_folder = "%s"
                  }
                """.formatted(work)));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        var artifact = b.result().builds().get(0).artifacts().get(0);
        assertThat(artifact.builderId()).isEqualTo("mitchellh.amazon.ebssurrogate");
        List<Image> mine = ec2.describeImages(r -> r.owners("self")).images();
        assertThat(mine).hasSize(1);
        Image ami = mine.get(0);
        assertThat(ami.name()).matches("surrogate-\\d+");
        assertThat(tags(ami.tags())).containsExactlyEntriesOf(Map.of("Name", "from-surrogate"));
        assertThat(artifact.id()).startsWith("us-east-1:" + ami.imageId() + ",").contains("us-west-2:ami-")
                .doesNotContain("us-east-1:" + ami.imageId() + ",us-east-1");
        // The launch volume's snapshot, made by the build, tagged, and the one the AMI registers as its root.
        var snapshots = ec2.describeSnapshots(r -> r.ownerIds("self")).snapshots().stream()
                .filter(s -> !baseSnapshots.contains(s.snapshotId()) && s.description().startsWith("Packer: "))
                .toList();
        assertThat(snapshots).hasSize(1);
        String snap = snapshots.get(0).snapshotId();
        assertThat(snapshots.get(0).volumeSize()).isEqualTo(8);
        assertThat(tags(snapshots.get(0).tags())).containsExactlyInAnyOrderEntriesOf(Map.of("Kind", "system",
                "Region", "us-east-1"));
        String register = proxy.lastRequest("RegisterImage");
        assertThat(register).contains("RootDeviceName=/dev/xvda").contains("VirtualizationType=hvm")
                .contains("Architecture=x86_64").contains("Name=surrogate-")
                .contains("BlockDeviceMapping.1.DeviceName=/dev/xvdb")
                .contains("BlockDeviceMapping.1.VirtualName=ephemeral0")
                .contains("BlockDeviceMapping.2.DeviceName=/dev/xvda")
                .contains("BlockDeviceMapping.2.Ebs.SnapshotId=" + snap)
                .contains("BlockDeviceMapping.2.Ebs.VolumeType=gp2")
                .contains("BlockDeviceMapping.2.Ebs.VolumeSize=8")
                .doesNotContain("/dev/xvdg").doesNotContain("BlockDeviceMapping.3");
        assertThat(proxy.calls()).containsEntry("CreateSnapshot", 1);
        assertThat(b.output()).contains("""
                ==> amazon-ebssurrogate.base: Creating snapshot tags
                    amazon-ebssurrogate.base: Adding tag: "Kind": "system"
                    amazon-ebssurrogate.base: Adding tag: "Region": "us-east-1"
                ==> amazon-ebssurrogate.base: Creating snapshot of EBS Volume vol-""")
                .contains("==> amazon-ebssurrogate.base: Registering the AMI...\n"
                        + "==> amazon-ebssurrogate.base: AMI: " + ami.imageId() + "\n"
                        + "==> amazon-ebssurrogate.base: Waiting for AMI to become ready...\n")
                .contains("==> amazon-ebssurrogate.base: Copying/Encrypting AMI (" + ami.imageId() + ") to other"
                        + " regions...\n");
        for (String region : List.of("us-east-1", "us-west-2")) {
            try (Ec2Client c = moto.client(region)) {
                String id = c.describeImages(r -> r.owners("self")).images().get(0).imageId();
                assertThat(c.describeImageAttribute(r -> r.imageId(id).attribute("launchPermission"))
                        .launchPermissions()).as(region).anyMatch(p -> "111122223333".equals(p.userId()));
            }
        }
        // Delivered: the build's snapshot lost the run's tag (its tags above are exactly the snapshot_tags), and the
        // launch volumes went with the instance.
        Left left = left();
        assertThat(left.instances() + left.keyPairs() + left.securityGroups() + left.volumes()).isZero();
    }

    @Test
    void ebsSurrogateAFailedRegistrationOrACancelledBuildLeavesNothing() throws Exception {
        proxy.inject(Ec2Proxy.Fault.error("RegisterImage"));
        Built failed = build(surrogateSource("ami_name = \"surrogate-fails\"") + surrogateBuild(""));
        assertThat(failed.result().exitCode()).isEqualTo(1);
        assertThat(failed.output()).contains("==> amazon-ebssurrogate.base: Error registering AMI:"
                + " UnauthorizedOperation: You are not authorized to perform this operation.")
                .contains("==> amazon-ebssurrogate.base: Removing snapshots since we cancelled or halted...\n");
        assertThat(proxy.calls()).containsEntry("CreateSnapshot", 1).containsEntry("DeleteSnapshot", 1);
        assertThat(left()).isEqualTo(NOTHING);

        Built provisionFails = build(surrogateSource("ami_name = \"surrogate-fails\"") + surrogateBuild("""
                  provisioner "shell" {
                    inline        = ["exit 3"]
                    remote_folder = "%s"
                  }
                """.formatted(work)));
        assertThat(provisionFails.result().exitCode()).isEqualTo(1);
        assertThat(provisionFails.output()).contains("Script exited with non-zero exit status: 3");
        assertThat(left()).isEqualTo(NOTHING);

        // Cancelled while the AMI is pending: the AMI and the snapshots are removed.
        proxy.reset();
        proxy.rewrite("DescribeImages", (request, answer) -> request.contains("ImageId.1=")
                && !request.contains("Filter") ? answer.replace("<imageState>available</imageState>",
                "<imageState>pending</imageState>") : answer);
        Built cancelled = cancelledOnce(surrogateSource("ami_name = \"surrogate-cancelled\"") + surrogateBuild(""),
                () -> proxy.calls().getOrDefault("RegisterImage", 0) > 0);
        assertThat(proxy.calls()).containsEntry("RegisterImage", 1);
        assertThat(cancelled.output()).contains("Deregistering the AMI because cancellation or error...")
                .contains("Removing snapshots since we cancelled or halted...");
        assertThat(left()).isEqualTo(NOTHING);
    }

    @Test
    void ebsSurrogateRefusesUseCreateImageBeforeAnythingIsMade() throws Exception {
        Built b = build(surrogateSource("ami_name = \"x-create\"\n  use_create_image = true") + surrogateBuild(""));
        assertThat(b.result().exitCode()).isEqualTo(1);
        assertThat(b.output()).contains("use_create_image is not available in this version");
        assertThat(proxy.calls()).isEmpty();
    }

    /** moto's instance-store AMI. */
    static final String INSTANCE_STORE_AMI = "ami-04681a1dbd79675b6";

    /** An S3 call to moto, path-style; the answer's body, or a failure on an error status. */
    static byte[] s3(String method, String path, byte[] body) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(moto.endpoint() + path))
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();
        var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(method + " " + path + ": "
                + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)).isLessThan(300);
        return response.body();
    }

    /**
     * An amazon-instance source whose bundle commands make a real bundle on the stand-in instance: the folder
     * {@code content} tarred, gzipped and split into parts with a manifest naming them (as ec2-bundle-vol lays a
     * bundle out), then each part and the manifest put into the moto bucket with curl.
     */
    String instanceSource(Path content, String extra) throws Exception {
        Files.writeString(work.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        Files.writeString(work.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");
        Path bundle = Files.createDirectories(work.resolve("bundle"));
        return asInstance(source(extra), moto.endpoint(), content, bundle, "web-{{timestamp}}",
                "echo bundled as {{.Prefix}}", "echo uploaded to {{.Region}} as {{.AccessKey}} with {{.SecretKey}}");
    }

    /**
     * An amazon-ebs source turned into an amazon-instance one on moto's instance-store AMI, whose bundle commands make
     * a real bundle of {@code content} in {@code bundle} (tarred, gzipped, split into parts, a manifest naming them,
     * as ec2-bundle-vol lays one out) and put each part and the manifest into the bucket {@code bundles} of the S3
     * at {@code s3} with curl; each command ends with its {@code bundled} or {@code uploaded} line.
     */
    static String asInstance(String source, String s3, Path content, Path bundle, String prefix, String bundled,
                             String uploaded) {
        // No double quotes and no backslashes: the commands stand in an HCL string as they are.
        String bundleVol = String.join("; ", "set -e", "test -s {{.CertPath}}", "test -s {{.KeyPath}}",
                "test -d {{.PrivatePath}}",
                "tar -C " + content + " -czf {{.Destination}}/{{.Prefix}}.tar.gz .",
                "split -b 512 -d {{.Destination}}/{{.Prefix}}.tar.gz {{.Destination}}/{{.Prefix}}.part.",
                "rm {{.Destination}}/{{.Prefix}}.tar.gz",
                "{ echo '<manifest><user>{{.AccountId}}</user><arch>{{.Architecture}}</arch><parts>'; basename -a"
                        + " {{.Destination}}/{{.Prefix}}.part.* | sed 's:.*:<part>&</part>:'; echo"
                        + " '</parts></manifest>'; } > {{.Destination}}/{{.Prefix}}.manifest.xml", bundled);
        String upload = String.join("; ", "set -e", "cd {{.BundleDirectory}}",
                "for f in $(sed -n 's:</part>::;s:^<part>::p' {{.ManifestPath}}) $(basename {{.ManifestPath}}); do"
                        + " curl -sSf --max-time 30 -X PUT -H Content-Type:application/octet-stream"
                        + " -H x-amz-acl:public-read --data-binary @$f " + s3 + "/{{.BucketName}}/$f;"
                        + " done", uploaded);
        return source.replace("source \"amazon-ebs\" \"base\"", "source \"amazon-instance\" \"base\"")
                .replaceFirst("(?s)  source_ami_filter \\{.*?\n  }\n", "  source_ami = \"" + INSTANCE_STORE_AMI + "\"\n")
                .replace("  ssh_username", """
                  account_id            = "1234-5678-9012"
                  s3_bucket             = "bundles"
                  x509_cert_path        = "cert.pem"
                  x509_key_path         = "key.pem"
                  x509_upload_path      = "%s"
                  bundle_destination    = "%s"
                  bundle_prefix         = "%s"
                  bundle_vol_command    = "%s"
                  bundle_upload_command = "%s"
                  ssh_username""".formatted(bundle, bundle, prefix, bundleVol, upload));
    }

    static String instanceBuild(String body) {
        return "build {\n  sources = [\"source.amazon-instance.base\"]\n" + body + "\n}\n";
    }

    @Test
    void instanceBundlesTheVolumeIntoS3AndRegistersTheAmiFromItsManifest() throws Exception {
        s3("PUT", "/bundles", null);
        Path content = Files.createDirectories(work.resolve("root/etc"));
        Files.writeString(content.resolve("motd"), "baked into an instance-store AMI\n");
        byte[] blob = new byte[3000];
        new java.util.Random(7).nextBytes(blob);
        Files.write(content.resolve("blob"), blob);
        Built b = build(instanceSource(content.getParent(), """
                  ami_name    = "instance-{{timestamp}}"
                  tags        = { Name = "instance-store" }
                  ami_regions = ["us-west-2"]
                  ami_users   = ["111122223333"]
                  ami_virtualization_type = "hvm"
                """) + instanceBuild(""));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        var artifact = b.result().builds().get(0).artifacts().get(0);
        assertThat(artifact.builderId()).isEqualTo("mitchellh.amazon.instance");
        Image ami = ec2.describeImages(r -> r.owners("self")).images().get(0);
        assertThat(ami.name()).matches("instance-\\d+");
        assertThat(tags(ami.tags())).containsExactlyEntriesOf(Map.of("Name", "instance-store"));
        assertThat(artifact.id()).startsWith("us-east-1:" + ami.imageId() + ",us-west-2:ami-");
        String prefix = b.output().replaceFirst("(?s).*bundled as (web-\\d+)\n.*", "$1");
        assertThat(prefix).matches("web-\\d+");
        assertThat(proxy.lastRequest("RegisterImage")).contains("ImageLocation=bundles/" + prefix + ".manifest.xml")
                .contains("VirtualizationType=hvm").contains("Name=instance-");
        assertThat(b.output()).contains("""
                ==> amazon-instance.base: Uploading X509 Certificate...
                ==> amazon-instance.base: Bundling the volume...
                    amazon-instance.base: bundled as %s
                ==> amazon-instance.base: Uploading the bundle...
                    amazon-instance.base: uploaded to us-east-1 as %s with <sensitive>
                """.formatted(prefix, MotoServer.ACCESS_KEY))
                .contains("==> amazon-instance.base: Registering the AMI...\n==> amazon-instance.base: AMI: "
                        + ami.imageId() + "\n==> amazon-instance.base: Waiting for AMI to become ready...\n")
                .doesNotContain(MotoServer.SECRET_KEY);
        // The bundle in S3 is the folder: its manifest names the parts, which put together are the tarball.
        String manifest = new String(s3("GET", "/bundles/" + prefix + ".manifest.xml", null),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(manifest).contains("<user>123456789012</user>").contains("<arch>x86_64</arch>");
        var whole = new java.io.ByteArrayOutputStream();
        var parts = java.util.regex.Pattern.compile("<part>([^<]+)</part>").matcher(manifest);
        int count = 0;
        while (parts.find()) {
            whole.write(s3("GET", "/bundles/" + parts.group(1), null));
            count++;
        }
        assertThat(count).isGreaterThan(1);
        Map<String, String> files = new java.util.TreeMap<>();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(whole.toByteArray())))) {
            for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.isFile()) {
                    files.put(e.getName(), Integer.toString(tar.readAllBytes().length));
                }
            }
        }
        assertThat(files).isEqualTo(Map.of("./etc/motd", "33", "./etc/blob", "3000"));
        for (String region : List.of("us-east-1", "us-west-2")) {
            try (Ec2Client c = moto.client(region)) {
                String id = c.describeImages(r -> r.owners("self")).images().get(0).imageId();
                assertThat(c.describeImageAttribute(r -> r.imageId(id).attribute("launchPermission"))
                        .launchPermissions()).as(region).anyMatch(p -> "111122223333".equals(p.userId()));
            }
        }
        Left left = left();
        assertThat(left.instances() + left.keyPairs() + left.securityGroups()).isZero();
    }

    @Test
    void instanceAFailedBundleOrACancelledUploadLeavesNothing() throws Exception {
        Path content = Files.createDirectories(work.resolve("root"));
        Built failed = build(instanceSource(content, "ami_name = \"instance-fails\"")
                .replaceFirst("bundle_vol_command    = \"[^\n]*\"", "bundle_vol_command = \"echo no ec2-bundle-vol; exit 7\"")
                + instanceBuild(""));
        assertThat(failed.result().exitCode()).isEqualTo(1);
        assertThat(failed.output()).contains("""
                ==> amazon-instance.base: Bundling the volume...
                    amazon-instance.base: no ec2-bundle-vol
                ==> amazon-instance.base: Volume bundling failed. Please see the output above for more
                ==> amazon-instance.base: details on what went wrong.
                """);
        assertThat(left()).isEqualTo(NOTHING);

        Built provisionFails = build(instanceSource(content, "ami_name = \"instance-fails\"") + instanceBuild("""
                  provisioner "shell" {
                    inline        = ["exit 4"]
                    remote_folder = "%s"
                  }
                """.formatted(work)));
        assertThat(provisionFails.result().exitCode()).isEqualTo(1);
        assertThat(provisionFails.output()).contains("Script exited with non-zero exit status: 4")
                .doesNotContain("Bundling the volume...");
        assertThat(left()).isEqualTo(NOTHING);

        // A bucket that is not there: the upload fails as ec2-upload-bundle's exit status 3 says.
        Built noBucket = build(instanceSource(content, "ami_name = \"instance-fails\"")
                .replaceFirst("bundle_upload_command = \"[^\n]*\"", "bundle_upload_command = \"exit 3\"")
                + instanceBuild(""));
        assertThat(noBucket.result().exitCode()).isEqualTo(1);
        assertThat(noBucket.output()).contains("Please check that the bucket `bundles` does not exist, or exists and"
                + " is writable.").contains("Bundle upload failed.");
        assertThat(left()).isEqualTo(NOTHING);

        // Cancelled while the AMI is pending: it is deregistered.
        proxy.reset();
        s3("PUT", "/bundles", null);
        proxy.rewrite("DescribeImages", (request, answer) -> request.contains("ImageId.1=ami-")
                && !request.contains(INSTANCE_STORE_AMI) ? answer.replace("<imageState>available</imageState>",
                "<imageState>pending</imageState>") : answer);
        String template = instanceSource(content, "ami_name = \"instance-cancelled\"") + instanceBuild("");
        Built cancelled = cancelledOnce(template,
                () -> proxy.calls().getOrDefault("RegisterImage", 0) > 0);
        assertThat(proxy.calls()).containsEntry("RegisterImage", 1);
        assertThat(cancelled.output()).contains("Deregistering the AMI because cancellation or error...");
        assertThat(left()).isEqualTo(NOTHING);
    }

    @Test
    void instanceNeedsAnInstanceStoreSourceAmi() throws Exception {
        Path content = Files.createDirectories(work.resolve("root"));
        Built b = build(instanceSource(content, "ami_name = \"instance-ebs\"").replace(INSTANCE_STORE_AMI,
                ec2.describeImages(r -> r.filters(f -> f.name("name").values(
                        "ubuntu/images/hvm-ssd/ubuntu-trusty-14.04-amd64-server-*"))).images().get(0).imageId())
                + instanceBuild(""));
        assertThat(b.result().exitCode()).isEqualTo(1);
        assertThat(b.output()).contains("The provided source AMI has an invalid root device type.\n"
                + "Expected 'instance-store', got 'ebs'.");
        assertThat(left()).isEqualTo(NOTHING);
    }

    @Test
    void instanceWithoutACommunicatorAndChrootAreRefusedBeforeAnythingIsMade() throws Exception {
        Path content = Files.createDirectories(work.resolve("root"));
        Built none = build(instanceSource(content, "ami_name = \"instance-none\"\n  communicator = \"none\"")
                .replaceAll("(?m)^  ssh_(username|host|port) .*\n", "") + instanceBuild(""));
        assertThat(none.result().exitCode()).as(none.output()).isEqualTo(1);
        assertThat(none.output()).contains("amazon-instance bundles the volume over the communicator: communicator"
                + " \"none\" cannot build it; use \"ssh\"");
        Built chroot = build("""
                source "amazon-chroot" "base" {
                  region              = "us-east-1"
                  access_key          = "%s"
                  secret_key          = "%s"
                  custom_endpoint_ec2 = "%s"
                  source_ami          = "%s"
                  ami_name            = "chrooted"
                }
                build {
                  sources = ["source.amazon-chroot.base"]
                }
                """.formatted(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY, proxy.endpoint(), INSTANCE_STORE_AMI));
        assertThat(chroot.result().exitCode()).as(chroot.output()).isEqualTo(1);
        assertThat(chroot.output()).contains("builder type \"amazon-chroot\" is validated but not built: it attaches"
                + " the source AMI's volume to the EC2 instance the build runs on");
        assertThat(proxy.calls()).isEmpty();
        assertThat(left()).isEqualTo(NOTHING);
    }

    @Test
    void anUnknownSourceAmiFailsWithEc2sError() throws Exception {
        Built b = build(source("ami_name = \"xyz\"").replaceFirst("(?s)  source_ami_filter \\{.*?\n  }\n",
                "  source_ami = \"ami-12345678\"\n") + buildBlock(""));
        assertThat(b.result().exitCode()).isEqualTo(1);
        assertThat(b.output()).contains("==> amazon-ebs.base: Error querying AMI: InvalidAMIID.NotFound: ");
        assertThat(left()).isEqualTo(NOTHING);
    }

    @Test
    void deprecationDeregistrationProtectionAndImdsSupportAreSetOnEveryAmi() throws Exception {
        // moto 5.2.5 implements neither EnableImageDeprecation nor EnableImageDeregistrationProtection, and ignores
        // ImdsSupport: the proxy answers the first two as EC2 does, and the test reads the requests the build sent.
        proxy.standIn("EnableImageDeprecation", "<return>true</return>");
        proxy.standIn("EnableImageDeregistrationProtection", "<return>true</return>");
        Built b = build(source("""
                  ami_name     = "protected"
                  ami_regions  = ["us-west-2"]
                  deprecate_at = "2030-01-02T15:04:05+02:00"
                  imds_support = "v2.0"
                  deregistration_protection {
                    with_cooldown = true
                  }
                """) + buildBlock(""));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        String ami = ec2.describeImages(r -> r.owners("self")).images().get(0).imageId();
        String copy;
        try (Ec2Client west = moto.client("us-west-2")) {
            copy = west.describeImages(r -> r.owners("self")).images().get(0).imageId();
        }
        assertThat(b.output())
                .contains("==> amazon-ebs.base: Enabling deprecation on AMI (" + ami + ") in region \"us-east-1\""
                        + " ...\n==> amazon-ebs.base: Enabling deprecation on AMI (" + copy + ") in region"
                        + " \"us-west-2\" ...\n==> amazon-ebs.base: Modifying attributes on AMI (" + ami + ")...\n"
                        + "    amazon-ebs.base: Modifying: imds_support\n")
                .contains("==> amazon-ebs.base: Enabling deregistration protection on AMI (" + copy + ") in region"
                        + " \"us-west-2\" ...\n");
        assertThat(proxy.calls()).containsEntry("EnableImageDeprecation", 2)
                .containsEntry("EnableImageDeregistrationProtection", 2);
        assertThat(proxy.lastRequest("EnableImageDeprecation")).contains("ImageId=" + copy)
                .contains("DeprecateAt=2030-01-02T13:04:05Z");
        assertThat(proxy.lastRequest("EnableImageDeregistrationProtection")).contains("ImageId=" + copy)
                .contains("WithCooldown=true");
        assertThat(proxy.lastRequest("ModifyImageAttribute")).contains("ImdsSupport.Value=v2.0");
        // Protection comes last, after the steps that could still fail and remove the AMIs.
        assertThat(b.output().indexOf("Enabling deregistration protection"))
                .isGreaterThan(b.output().indexOf("Adding tags to AMI"));
    }

    @Test
    void snapshotProgressIsShownWhileTheAmiIsPending() throws Exception {
        // moto makes AMIs available at once; the proxy shows the build's AMI as pending twice, and its snapshot at
        // 45% the first time.
        java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger(2);
        proxy.rewrite("DescribeImages", (request, answer) -> request.contains("ImageId.1=")
                && pending.getAndDecrement() > 0 ? answer.replace("<imageState>available</imageState>",
                "<imageState>pending</imageState>") : answer);
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        proxy.rewrite("DescribeSnapshots", (request, answer) -> first.getAndSet(false)
                ? answer.replace(">100%<", ">45%<") : answer);
        Built b = build(source("""
                  ami_name = "slow"
                  aws_polling {
                    delay_seconds = 1
                    max_attempts  = 10
                  }
                """) + buildBlock(""));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        String snapshot = ec2.describeImages(r -> r.owners("self")).images().get(0).blockDeviceMappings().get(0)
                .ebs().snapshotId();
        assertThat(b.output()).contains("==> amazon-ebs.base: Waiting for AMI to become ready...\n"
                + "    amazon-ebs.base: Snapshot " + snapshot + ": 45%\n"
                + "    amazon-ebs.base: Snapshot " + snapshot + ": 100%\n");
        assertThat(proxy.calls()).containsEntry("DescribeSnapshots", 2);
    }

    /**
     * A build with {@code temporary_security_group_source_public_ip}, its check-IP service a stand-in for
     * checkip.amazonaws.com on 127.0.0.1 answering {@code status} and {@code body}.
     */
    private Built buildAskingThePublicIp(String amiName, int status, String body) throws Exception {
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] b = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        try {
            return build(source("""
                      ami_name                                  = "%s"
                      temporary_security_group_source_public_ip = true
                    """.formatted(amiName)) + buildBlock(""), new Cancellation(), Map.of("PKRJ_CHECKIP_URL",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theTemporaryGroupAdmitsOnlyThisHostsPublicIp() throws Exception {
        Built b = buildAskingThePublicIp("public-ip", 200, "203.0.113.7\n");
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).contains("==> amazon-ebs.base: Checking current host's public IP...\n"
                + "==> amazon-ebs.base: Current host's public IP: 203.0.113.7\n"
                + "==> amazon-ebs.base: Authorizing access to port " + sshd.port + " from [203.0.113.7/32] in"
                + " the temporary security groups...\n");
        assertThat(proxy.lastRequest("AuthorizeSecurityGroupIngress"))
                .contains("IpPermissions.1.IpRanges.1.CidrIp=203.0.113.7/32");
        assertThat(left()).isEqualTo(new Left(0, 0, 0, 0, 1, 1));
    }

    @Test
    void anIpv6PublicAddressOpensAnIpv6Range() throws Exception {
        Built b = buildAskingThePublicIp("public-ipv6", 200, "2001:DB8:0:0::7\n");
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).contains("==> amazon-ebs.base: Current host's public IP: 2001:db8::7\n");
        assertThat(proxy.lastRequest("AuthorizeSecurityGroupIngress"))
                .contains("IpPermissions.1.Ipv6Ranges.1.CidrIpv6=2001:db8::7/128");
    }

    @Test
    void aPublicIpThatCannotBeFoundFailsBeforeTheInstanceStarts() throws Exception {
        Built b = buildAskingThePublicIp("no-ip", 503, "busy");
        assertThat(b.result().exitCode()).isEqualTo(1);
        assertThat(b.output()).contains("==> amazon-ebs.base: failed to get current host's public ip: received"
                + " status 503\n").doesNotContain("Launching a source AWS instance");
        assertThat(left()).isEqualTo(NOTHING);
    }

    @Test
    void unknownRegionsFailBeforeAnythingIsMade() throws Exception {
        Built b = build(source("""
                  ami_name    = "regions"
                  ami_regions = ["us-west-2", "mars-north-1"]
                """).replace("skip_region_validation = true", "") + buildBlock(""));
        assertThat(b.result().exitCode()).isEqualTo(1);
        assertThat(b.output()).contains("Build 'amazon-ebs.base' errored after ")
                .contains(": error validating regions: Invalid region(s): [mars-north-1], available regions: [")
                .doesNotContain("Prevalidating AMI Name");
        assertThat(proxy.calls()).containsEntry("DescribeRegions", 1).doesNotContainKey("RunInstances");
        assertThat(left()).isEqualTo(NOTHING);
    }

    @Test
    void aVpcWithoutASubnetMustBeTheDefaultOne() throws Exception {
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.9.0.0/16")).vpc().vpcId();
        try {
            Built b = build(source("ami_name = \"vpc\"\n  vpc_id = \"" + vpc + "\"") + buildBlock(""));
            assertThat(b.result().exitCode()).isEqualTo(1);
            assertThat(b.output()).contains("==> amazon-ebs.base: Prevalidating any provided VPC information\n"
                    + "==> amazon-ebs.base: Error: subnet_id or subnet_filter must be provided for non-default VPCs ("
                    + vpc + ")\n");
            assertThat(left()).isEqualTo(NOTHING);
        } finally {
            ec2.deleteVpc(r -> r.vpcId(vpc));
        }
    }

    @Test
    void noCredentialsAnywhereFailsWithWhereToPutThem() throws Exception {
        String template = source("ami_name = \"nobody\"\n  skip_metadata_api_check = true")
                .replace("access_key             = \"" + MotoServer.ACCESS_KEY + "\"", "")
                .replace("secret_key             = \"" + MotoServer.SECRET_KEY + "\"", "") + buildBlock("");
        Map<String, String> noFiles = Map.of("AWS_SHARED_CREDENTIALS_FILE", work.resolve("none").toString(),
                "AWS_CONFIG_FILE", work.resolve("none").toString(), "HOME", work.toString());
        Built b = build(template, new Cancellation(), noFiles);
        assertThat(b.result().exitCode()).isEqualTo(1);
        assertThat(b.output()).contains(": No valid credential sources found for AWS Builder. Please see"
                + " https://www.packer.io/docs/builders/amazon#authentication for more information on providing"
                + " credentials for the AWS Builder. Error: ");
        assertThat(proxy.calls()).isEmpty();

        Built skipped = build(template.replace("skip_metadata_api_check = true",
                "skip_metadata_api_check = true\n  skip_credential_validation = true"), new Cancellation(), noFiles);
        assertThat(skipped.result().exitCode()).isEqualTo(1);
        assertThat(skipped.output()).doesNotContain("No valid credential sources")
                .contains("==> amazon-ebs.base: Error querying AMI: ");
        assertThat(left()).isEqualTo(NOTHING);
    }

    @Test
    void maxRetriesBoundsTheRetriesOfAThrottledCall() throws Exception {
        proxy.inject(Ec2Proxy.Fault.throttling("DescribeImages", 3));
        Built b = build(source("ami_name = \"throttled\"\n  max_retries = 2") + buildBlock(""));
        assertThat(b.result().exitCode()).isEqualTo(1);
        assertThat(b.output()).contains("==> amazon-ebs.base: Error querying AMI: RequestLimitExceeded: Request limit"
                + " exceeded.\n");
        // The call and its two retries, all throttled.
        assertThat(proxy.calls()).containsEntry("DescribeImages", 3);
        assertThat(left()).isEqualTo(NOTHING);
    }

    @Test
    void skipSaveBuildRegionKeepsOnlyTheCopies() throws Exception {
        Built b = build(source("""
                  ami_name                       = "elsewhere"
                  ami_regions                    = ["us-west-2"]
                  skip_save_build_region         = true
                  snapshot_copy_duration_minutes = 15
                  tags                           = { Name = "copied" }
                """) + buildBlock(""));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        List<Image> west;
        try (Ec2Client client = moto.client("us-west-2")) {
            west = client.describeImages(r -> r.owners("self")).images();
            assertThat(west).singleElement().satisfies(i -> {
                assertThat(i.name()).isEqualTo("elsewhere");
                assertThat(tags(i.tags())).containsEntry("Name", "copied");
            });
            client.deregisterImage(r -> r.imageId(west.get(0).imageId()));
        }
        assertThat(b.output()).contains("==> amazon-ebs.base: skip_build_region was set; not prevalidating AMI name\n")
                .containsPattern("==> amazon-ebs.base: Creating AMI [A-Za-z0-9]{7} from instance ")
                .contains("==> amazon-ebs.base: Deregistering the AMI and deleting unencrypted temporary AMIs and"
                        + " snapshots\n")
                .doesNotContain("Adding tags to AMI (" + b.output().replaceAll("(?s).*    amazon-ebs.base: AMI:"
                        + " (ami-[0-9a-f]+)\n.*", "$1"))
                .endsWith("--> amazon-ebs.base: AMIs were created:\nus-west-2: " + west.get(0).imageId() + "\n\n");
        assertThat(proxy.lastRequest("CopyImage")).contains("SnapshotCopyCompletionDurationMinutes=15");
        assertThat(left()).isEqualTo(NOTHING);
    }

    @Test
    void placementCreditsLicensesAndEphemeralDevicesReachTheLaunch() throws Exception {
        // moto keeps none of these on the instance: the test reads the RunInstances request the build sent.
        Built b = build(source("""
                  ami_name                        = "launch-options"
                  enable_unlimited_credits        = true
                  no_ephemeral                    = true
                  capacity_reservation_preference = "open"
                  placement {
                    tenancy = "default"
                  }
                  license_specifications {
                    license_configuration_request {
                      license_configuration_arn = "arn:aws:license-manager:us-east-1:123456789012:license-configuration:lic-0123"
                    }
                  }
                """) + buildBlock(""));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        String run = proxy.lastRequest("RunInstances");
        assertThat(run).contains("CreditSpecification.CpuCredits=unlimited")
                .contains("CapacityReservationSpecification.CapacityReservationPreference=open")
                .contains("Placement.Tenancy=default")
                .contains("LicenseSpecification.1.LicenseConfigurationArn=arn:aws:license-manager:us-east-1:"
                        + "123456789012:license-configuration:lic-0123")
                .contains("DeviceName=xvdca").contains("DeviceName=xvdcz").contains("NoDevice=");
        assertThat(left()).isEqualTo(new Left(0, 0, 0, 0, 1, 1));
    }

    @Test
    void optionsThisVersionCannotHonourStopTheBuildBeforeAnythingIsMade() throws Exception {
        for (String option : new String[] {"ssh_interface = \"session_manager\"\n  iam_instance_profile = \"ssm\"",
            "vault_aws_engine {\n    name = \"builder\"\n  }"}) {
            Built b = build(source("ami_name = \"never\"\n  " + option).replace(
                    option.startsWith("vault") ? "access_key             = \"" + MotoServer.ACCESS_KEY + "\"" : "\u0000", "")
                    .replace(option.startsWith("vault") ? "secret_key             = \"" + MotoServer.SECRET_KEY
                            + "\"" : "\u0000", "") + buildBlock(""));
            assertThat(b.result().exitCode()).as(b.output()).isEqualTo(1);
            assertThat(b.output()).as(option).contains("is not available in this version");
            assertThat(proxy.calls()).as(option).isEmpty();
        }
        assertThat(left()).isEqualTo(NOTHING);
    }

    @Test
    void aTemporaryInstanceProfileCarriesThePolicyAndIsRemovedAfterwards() throws Exception {
        Built b = build(source("""
                  ami_name = "with-role"
                  run_tags = { Team = "images" }
                  temporary_iam_instance_profile_policy_document {
                    Version = "2012-10-17"
                    Statement {
                      Effect   = "Allow"
                      Action   = ["s3:GetObject", "s3:ListBucket"]
                      Resource = ["arn:aws:s3:::bucket/*"]
                    }
                  }
                """) + buildBlock(""));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        String name = b.output().replaceAll("(?s).*Creating temporary instance profile for this instance:"
                + " (packer-[0-9a-f-]{36})\n.*", "$1");
        assertThat(b.output()).contains("==> amazon-ebs.base: Creating temporary role for this instance: " + name
                        + "\n==> amazon-ebs.base: Attaching policy to the temporary role: " + name + "\n")
                .contains("==> amazon-ebs.base: Detaching temporary role from instance profile...\n"
                        + "==> amazon-ebs.base: Removing policy from temporary role...\n"
                        + "==> amazon-ebs.base: Deleting temporary role...\n"
                        + "==> amazon-ebs.base: Deleting temporary instance profile...\n");
        // moto forgets a terminated instance's profile: the launch request shows it.
        assertThat(proxy.lastRequest("RunInstances")).contains("IamInstanceProfile.Name=" + name);
        assertThat(proxy.lastRequest("PutRolePolicy")).contains("PolicyDocument={\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],"
                + "\"Resource\":[\"arn:aws:s3:::bucket/*\"]}]}");
        assertThat(proxy.lastRequest("CreateRole")).contains("Tags.member.1.Key=Team")
                .contains("Tags.member.1.Value=images");
        try (var iam = moto.iam()) {
            assertThat(iam.listInstanceProfiles().instanceProfiles()).isEmpty();
            assertThat(iam.listRoles().roles()).noneMatch(r -> r.roleName().startsWith("packer-"));
        }
        assertThat(left()).isEqualTo(new Left(0, 0, 0, 0, 1, 1));
    }

    @Test
    void anInstanceProfileThatDoesNotExistFailsBeforeTheLaunch() throws Exception {
        Built b = build(source("ami_name = \"no-profile\"\n  iam_instance_profile = \"no-such-profile\"")
                + buildBlock(""));
        assertThat(b.result().exitCode()).isEqualTo(1);
        assertThat(b.output()).contains(": Couldn't find specified instance profile: NoSuchEntity: Instance profile"
                + " no-such-profile not found").doesNotContain("Launching a source AWS instance");
        assertThat(left()).isEqualTo(NOTHING);

        try (var iam = moto.iam()) {
            iam.createInstanceProfile(r -> r.instanceProfileName("builders"));
            Built given = build(source("ami_name = \"profiled\"\n  iam_instance_profile = \"builders\"")
                    + buildBlock(""));
            assertThat(given.result().exitCode()).as(given.output()).isZero();
            assertThat(proxy.lastRequest("RunInstances")).contains("IamInstanceProfile.Name=builders");
            assertThat(proxy.calls()).containsEntry("GetInstanceProfile", 2);
            iam.deleteInstanceProfile(r -> r.instanceProfileName("builders"));
        }
    }
}
