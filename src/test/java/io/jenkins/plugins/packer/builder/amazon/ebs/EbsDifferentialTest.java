package io.jenkins.plugins.packer.builder.amazon.ebs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.packer.builder.amazon.Ec2Proxy;
import io.jenkins.plugins.packer.builder.amazon.MotoServer;
import io.jenkins.plugins.packer.communicator.ssh.OpenSshServer;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.PackerBuild;
import io.jenkins.plugins.packer.run.RunOptions;
import io.jenkins.plugins.packer.run.RunRequest;
import io.jenkins.plugins.packer.run.RunResult;
import io.jenkins.plugins.packer.run.journal.ResourceJournal;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * The same amazon-ebs templates baked by the real packer 1.6.6 and by the engine, one after the other, against the
 * same moto (reset between) and the same sshd: equal console output (ids, temporary names and durations aside),
 * exit codes and end states in EC2 (the AMI, its tags, its snapshot's tags, the instance's tags, what is left).
 * The EC2 calls each made and the wall times go to {@code target/ebs-differential.md}.
 */
@Tag("differential")
class EbsDifferentialTest {

    @TempDir
    static Path shared;

    static Path packer;
    static MotoServer moto;
    static OpenSshServer sshd;
    static Ec2Proxy proxy;
    static Ec2Client ec2;
    static final StringBuilder REPORT = new StringBuilder();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        packer = Stream.of("/usr/bin/packer", "/usr/local/bin/packer").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        if (packer == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("the real packer is not installed (apt-get install packer)");
            }
            assumeTrue(false, "no packer: skipped outside CI");
        }
        sshd = OpenSshServer.prepare(shared.resolve("sshd"), "AuthorizedKeysCommand /bin/echo %t %k",
                "AuthorizedKeysCommandUser " + OpenSshServer.user()).start();
        moto = MotoServer.start(shared.resolve("moto"));
        proxy = new Ec2Proxy(moto.endpoint());
        ec2 = moto.client("us-east-1");
    }

    @AfterAll
    static void stop() throws Exception {
        if (REPORT.length() > 0) {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "ebs-differential.md"), REPORT.toString());
        }
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

    static final String SOURCE = """
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
              ami_name      = "%s"
              ami_description = "from {{ .SourceAMI }}"
              tags          = { Name = "built", Base = "{{ .SourceAMI }}", Region = "{{ .BuildRegion }}" }
              snapshot_tags = { Kind = "root" }
              run_tags      = { Purpose = "bake" }
              ami_users      = ["111122223333"]
              snapshot_users = ["111122223333"]
              ssh_username  = "%s"
              ssh_host      = "127.0.0.1"
              ssh_port      = %d
            }
            """;

    static final String VOLUME_SOURCE = """
            source "amazon-ebsvolume" "base" {
              region                 = "us-east-1"
              access_key             = "%s"
              secret_key             = "%s"
              custom_endpoint_ec2    = "%s"
              instance_type          = "t2.micro"
              source_ami_filter {
                filters = {
                  name = "ubuntu/images/hvm-ssd/ubuntu-trusty-14.04-amd64-server-*"
                }
                owners      = ["099720109477"]
                most_recent = true
              }
              run_volume_tags = { Stage = "running" }
              ebs_volumes {
                device_name           = "/dev/xvdf"
                volume_type           = "gp2"
                volume_size           = 10
                delete_on_termination = false
                tags = { Name = "data", Kind = "scratch" }
              }
              ebs_volumes {
                device_name           = "/dev/xvdg"
                volume_size           = 5
                delete_on_termination = true
              }
              ssh_username = "%s"
              ssh_host     = "127.0.0.1"
              ssh_port     = %d
            }
            """;

    /**
     * The cases: a bake, a failing provisioner, an AMI name in use, EC2 refusing the tags after the AMI is made, a
     * spot instance.
     */
    static String template(String kind, Path ws) {
        String provisioner = switch (kind) {
            case "bake" -> """
                      provisioner "shell" {
                        inline        = ["echo hello from $(whoami)"]
                        remote_folder = "%s"
                      }
                      post-processor "manifest" {}
                    """.formatted(ws);
            case "no-communicator" -> """
                      provisioner "shell-local" {
                        inline = ["echo built without a communicator"]
                      }
                    """;
            case "spot" -> """
                      provisioner "shell" {
                        inline        = ["echo on a spot instance"]
                        remote_folder = "%s"
                      }
                    """.formatted(ws);
            case "vagrant" -> """
                      provisioner "shell" {
                        inline        = ["echo boxed"]
                        remote_folder = "%s"
                      }
                      post-processors {
                        post-processor "vagrant" {
                          include = ["README.box.md"]
                        }
                        post-processor "compress" {}
                      }
                    """.formatted(ws);
            case "failing-provisioner" -> """
                      provisioner "shell" {
                        inline        = ["echo failing", "exit 5"]
                        remote_folder = "%s"
                      }
                    """.formatted(ws);
            default -> "";
        };
        if (kind.equals("ebsvolume")) {
            return VOLUME_SOURCE.formatted(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY, proxy.endpoint(),
                    OpenSshServer.user(), sshd.port) + """
                    build {
                      sources = ["source.amazon-ebsvolume.base"]
                      provisioner "shell" {
                        inline        = ["echo filling the volume"]
                        remote_folder = "%s"
                      }
                    }
                    """.formatted(ws);
        }
        String source = SOURCE.formatted(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY, proxy.endpoint(),
                kind.equals("name-in-use") ? "existing" : "pkrj-differential", OpenSshServer.user(), sshd.port);
        if (kind.equals("instance")) {
            // moto's instance-store AMI; the bundle commands make a real bundle of ws/content and put it in S3.
            return EbsBuildTest.asInstance(source.replace("  ssh_username", "  ami_regions = [\"us-west-2\"]\n"
                    + "  ssh_username"), moto.endpoint(), ws.resolve("content"), ws.resolve("bundle"), "web",
                    "echo bundled as {{.Prefix}} for {{.AccountId}}", "echo uploaded to {{.BucketName}} in {{.Region}}")
                    + "build {\n  sources = [\"source.amazon-instance.base\"]\n" + provisioner + "}\n";
        }
        if (kind.equals("ebssurrogate")) {
            // The system volume becomes the AMI's root; a scratch volume is left out of it.
            return source.replace("source \"amazon-ebs\"", "source \"amazon-ebssurrogate\"")
                    .replace("  ssh_username", """
                      ami_virtualization_type = "hvm"
                      ami_regions             = ["us-west-2"]
                      launch_block_device_mappings {
                        device_name           = "/dev/xvdf"
                        volume_type           = "gp2"
                        volume_size           = 8
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
                      ssh_username""") + """
                    build {
                      sources = ["source.amazon-ebssurrogate.base"]
                      provisioner "shell" {
                        inline        = ["echo writing the system volume"]
                        remote_folder = "%s"
                      }
                      post-processor "manifest" {}
                    }
                    """.formatted(ws);
        }
        if (kind.equals("no-communicator")) {
            source = source.replaceAll("(?m)^  ssh_(username|host|port) .*\n", "")
                    .replace("  ami_name ", "  communicator = \"none\"\n  ami_name ");
        }
        if (kind.equals("spot")) {
            source = source.replace("  instance_type          = \"t2.micro\"\n",
                    "  spot_price             = \"0.05\"\n  spot_instance_types    = [\"t2.micro\", \"t3.micro\"]\n");
        }
        return source + "build {\n  sources = [\"source.amazon-ebs.base\"]\n" + provisioner + "}\n";
    }

    record Outcome(String output, Map<String, String> state, Map<String, Integer> calls, long millis) {}

    @ParameterizedTest
    @ValueSource(strings = {"bake", "failing-provisioner", "name-in-use", "tags-refused", "spot", "no-communicator",
        "vagrant", "ebsvolume", "ebssurrogate", "instance"})
    void packerAndTheEngineBakeTheSame(String kind) throws Exception {
        Outcome theirs = run(kind, "packer");
        Outcome ours = run(kind, "engine");
        REPORT.append("### ").append(kind).append("\n\n| EC2 action | packer 1.6.6 | engine |\n|---|---|---|\n");
        Set<String> actions = new java.util.TreeSet<>(theirs.calls().keySet());
        actions.addAll(ours.calls().keySet());
        for (String a : actions) {
            REPORT.append("| ").append(a).append(" | ").append(theirs.calls().getOrDefault(a, 0)).append(" | ")
                    .append(ours.calls().getOrDefault(a, 0)).append(" |\n");
        }
        REPORT.append("| **all calls** | ").append(sum(theirs.calls())).append(" | ").append(sum(ours.calls()))
                .append(" |\n| **wall time** | ").append(theirs.millis()).append(" ms | ").append(ours.millis())
                .append(" ms |\n\n");
        assertThat(ours.output()).isEqualTo(theirs.output());
        assertThat(ours.state()).isEqualTo(theirs.state());
        if (kind.equals("ebsvolume")) {
            // The kept volume, tagged with its own tags (the run's removed); the other went with the instance.
            assertThat(ours.state().get("volumes")).as(ours.output()).isEqualTo("[10 GiB gp2 {Kind=scratch, Name=data}]");
            assertThat(ours.output()).contains("EBS Volumes were created:\n\nus-east-1:vol-<ID>");
        }
        if (kind.equals("instance")) {
            // The bundle in S3 (the parts and the manifest), the AMI registered from it, and its copy.
            assertThat(ours.state().get("bucket")).as(ours.output()).startsWith("web.manifest.xml web.part.00 ")
                    .contains("web.part.03");
            assertThat(ours.output()).contains("bundled as web for 123456789012").contains("us-west-2: ami-<ID>");
            assertThat(ours.calls()).containsEntry("RegisterImage", 1);
        }
        if (kind.equals("ebssurrogate")) {
            // The AMI registered from the launch volume's snapshot, tagged, copied; the snapshot tagged too.
            assertThat(ours.output()).as(ours.output()).contains("Registering the AMI...")
                    .contains("us-west-2: ami-<ID>");
            assertThat(ours.calls()).containsEntry("CreateSnapshot", 1).containsEntry("RegisterImage", 1);
        }
        if (kind.equals("vagrant")) {
            // The box, compressed after it: its Vagrantfile with the AMI per region, its metadata, the included file.
            assertThat(ours.state().get("files")).as(ours.output())
                    .contains("packer_base_amazon-ebs!packer_base_aws.box!Vagrantfile (644)=")
                    .contains("aws.region_config \"us-east-1\", ami: \"ami-<ID>\"")
                    .contains("!metadata.json (644)={\"provider\":\"aws\"}")
                    .contains("!README.box.md (644)=included in the box");
        }
    }

    private static int sum(Map<String, Integer> m) {
        return m.values().stream().mapToInt(Integer::intValue).sum();
    }

    private Outcome run(String kind, String tool) throws Exception {
        moto.reset();
        Set<String> baseSnapshots = snapshots();
        Path ws = Files.createDirectories(dir.resolve(tool));
        Files.createDirectories(ws.resolve("tmp"));
        Files.writeString(ws.resolve("t.pkr.hcl"), template(kind, ws));
        Files.writeString(ws.resolve("README.box.md"), "included in the box\n");
        if (kind.equals("name-in-use")) {
            String instance = ec2.runInstances(b -> b.imageId(sourceAmi()).minCount(1).maxCount(1)
                    .instanceType("t2.micro")).instances().get(0).instanceId();
            ec2.createImage(b -> b.instanceId(instance).name("existing"));
            ec2.terminateInstances(b -> b.instanceIds(instance));
            baseSnapshots = snapshots();
        }
        proxy.reset();
        if (kind.equals("tags-refused")) {
            proxy.inject(Ec2Proxy.Fault.error("CreateTags"));
        }
        if (kind.equals("instance")) {
            Files.createDirectories(ws.resolve("bundle"));
            Files.createDirectories(ws.resolve("content/etc"));
            Files.writeString(ws.resolve("content/etc/motd"), "instance-store\n");
            byte[] blob = new byte[2000];
            new java.util.Random(3).nextBytes(blob);
            Files.write(ws.resolve("content/blob"), blob);
            Files.writeString(ws.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
            Files.writeString(ws.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");
            s3("PUT", "/bundles");
        }
        long start = System.nanoTime();
        String out = tool.equals("packer") ? runPacker(ws) : runEngine(ws);
        long millis = (System.nanoTime() - start) / 1_000_000;
        Map<String, Integer> calls = proxy.calls();
        Map<String, String> state = state(baseSnapshots, ws);
        if (kind.equals("instance")) {
            state.put("bucket", s3("GET", "/bundles?list-type=2").replaceAll("(?s).*?<Key>([^<]*)</Key>"
                    + "|(?s)<(?!Key).*$", "$1 ").trim());
        }
        return new Outcome(normalize(out, ws), state, calls, millis);
    }

    /** An anonymous S3 call to moto, path-style: the answer's body. */
    static String s3(String method, String path) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(moto.endpoint() + path)).header("x-amz-acl", "public-read")
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
        return response.body();
    }

    static String sourceAmi() {
        return ec2.describeImages(r -> r.filters(f -> f.name("name").values(
                "ubuntu/images/hvm-ssd/ubuntu-trusty-14.04-amd64-server-*"))).images().get(0).imageId();
    }

    static Set<String> snapshots() {
        return ec2.describeSnapshots(b -> b.ownerIds("self")).snapshots().stream()
                .map(software.amazon.awssdk.services.ec2.model.Snapshot::snapshotId).collect(Collectors.toSet());
    }

    /**
     * The tags a user gave, sorted: the engine also tags what a build makes with its run's id (docs/differences.md),
     * which packer does not.
     */
    static Map<String, String> userTags(List<software.amazon.awssdk.services.ec2.model.Tag> tags) {
        return tags.stream().filter(t -> !t.key().equals(ResourceJournal.RUN_TAG))
                .collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> a, TreeMap::new));
    }

    /** What the build left in EC2 and in the workspace, ids aside. */
    static Map<String, String> state(Set<String> baseSnapshots, Path ws) throws Exception {
        Map<String, String> m = new TreeMap<>();
        List<Image> images = ec2.describeImages(b -> b.owners("self")).images();
        m.put("amis", images.stream().map(i -> i.name() + " " + i.description() + " " + userTags(i.tags()))
                .sorted().toList().toString());
        m.put("launch permissions", images.stream().map(i -> ec2.describeImageAttribute(b -> b.imageId(
                i.imageId()).attribute("launchPermission")).launchPermissions().toString()).toList().toString());
        m.put("snapshot tags", ec2.describeSnapshots(b -> b.ownerIds("self")).snapshots().stream()
                .filter(s -> !baseSnapshots.contains(s.snapshotId()))
                .map(s -> userTags(s.tags()).toString()).sorted().toList().toString());
        var instances = ec2.describeInstances().reservations().stream().flatMap(r -> r.instances().stream())
                .filter(i -> i.tags().stream().anyMatch(t -> t.key().equals("Purpose"))).toList();
        m.put("instances", instances.stream().map(i -> i.state().nameAsString() + " " + userTags(i.tags())).toList()
                .toString());
        m.put("running", Long.toString(ec2.describeInstances().reservations().stream()
                .flatMap(r -> r.instances().stream())
                .filter(i -> i.state().name() != InstanceStateName.TERMINATED).count()));
        m.put("key pairs", Integer.toString(ec2.describeKeyPairs().keyPairs().size()));
        m.put("security groups", Long.toString(ec2.describeSecurityGroups().securityGroups().stream()
                .filter(g -> !g.groupName().equals("default")).count()));
        m.put("volumes", ec2.describeVolumes().volumes().stream()
                .map(v -> v.size() + " GiB " + v.volumeTypeAsString() + " " + userTags(v.tags())).sorted().toList()
                .toString().replaceAll("ami-[0-9a-f]{8,17}", "ami-<ID>"));
        m.put("launch templates", Integer.toString(ec2.describeLaunchTemplates().launchTemplates().size()));
        m.put("files", archives(ws).toString());
        Path manifest = ws.resolve("packer-manifest.json");
        m.put("manifest", Files.exists(manifest) ? Files.readString(manifest)
                .replaceAll("ami-[0-9a-f]+", "ami-<ID>").replaceAll("\"build_time\": \\d+", "\"build_time\": <T>")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<UUID>") : "none");
        return m;
    }

    /**
     * The boxes and compressed archives the build made, file by file: each archive's entries (a box inside one is
     * opened too) with their contents, AMI ids out.
     */
    static Map<String, String> archives(Path ws) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (var files = Files.list(ws)) {
            for (Path f : files.filter(EbsDifferentialTest::gzipped).sorted().toList()) {
                readTarGz(Files.readAllBytes(f), f.getFileName().toString(), m);
            }
        }
        return m;
    }

    /** Whether a file is gzip data (its first two bytes): boxes, and compress's archives, named with no suffix. */
    private static boolean gzipped(Path f) {
        try (var in = Files.newInputStream(f)) {
            return Files.isRegularFile(f) && in.read() == 0x1f && in.read() == 0x8b;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void readTarGz(byte[] bytes, String prefix, Map<String, String> into) throws Exception {
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes)))) {
            for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                byte[] content = tar.readAllBytes();
                String name = prefix + "!" + e.getName();
                if (e.getName().endsWith(".box")) {
                    readTarGz(content, name, into);
                } else {
                    into.put(name + " (" + Integer.toOctalString(e.getMode() & 0777) + ")",
                            new String(content, StandardCharsets.UTF_8).replaceAll("ami-[0-9a-f]{8,17}", "ami-<ID>"));
                }
            }
        }
    }

    private static Map<String, String> env(Path ws) {
        return Map.of("PATH", "/usr/bin:/bin", "CHECKPOINT_DISABLE", "1", "HOME", ws.toString(),
                "TMPDIR", ws.resolve("tmp").toString());
    }

    private static String runPacker(Path ws) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(packer.toString(), "build", "-color=false", "t.pkr.hcl")
                .directory(ws.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env(ws));
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("packer did not finish in 180 s");
        }
        return new String(out, StandardCharsets.UTF_8) + "rc=" + p.exitValue() + "\n";
    }

    private static String runEngine(Path ws) {
        StringBuilder out = new StringBuilder();
        LoadRequest load = new LoadRequest(ws, "t.pkr.hcl", List.of(), Map.of(), env(ws), Clock.systemUTC());
        RunResult r = PackerBuild.run(new RunRequest(load, List.of(), List.of(), RunOptions.DEFAULT,
                t -> {
                    synchronized (out) {
                        out.append(t);
                    }
                }, new Cancellation(), List.of(), UUID.randomUUID().toString()));
        return out + "rc=" + r.exitCode() + "\n";
    }

    /**
     * Ids, temporary names, durations and paths out; runs of tag lines and of AMI attribute lines sorted (Packer
     * prints them in a Go map's order, which changes between runs).
     */
    static String normalize(String out, Path ws) {
        String s = out.replace(ws.toString(), "$WS")
                .replaceAll("ami-[0-9a-f]{8,17}", "ami-<ID>")
                .replaceAll("i-[0-9a-f]{8,17}", "i-<ID>")
                .replaceAll("snap-[0-9a-f]{8,17}", "snap-<ID>")
                .replaceAll("vol-[0-9a-f]{8,17}", "vol-<ID>")
                .replaceAll("sg-[0-9a-f]{8,17}", "sg-<ID>")
                .replaceAll("packer_[0-9a-f-]{36}", "packer_<UUID>")
                .replaceAll("packer-shell\\d+", "packer-shell<N>")
                .replaceAll("script_\\d+\\.sh", "script_<N>.sh")
                .replaceAll("after \\d+ [a-z]+( \\d+ [a-z]+)?", "after <duration>")
                // Packer prints the resources of a failed CreateTags as Go pointers (docs/differences.md #30).
                .replaceAll("Resources \\(\\[\\]\\*string\\{[^}]*}\\)", "Resources (<list>)")
                .replaceAll("Resources \\(\\[ami-<ID>(, snap-<ID>)*]\\)", "Resources (<list>)");
        List<String> lines = new ArrayList<>(s.lines().toList());
        for (int i = 0; i < lines.size(); ) {
            int j = i;
            while (j < lines.size() && (lines.get(j).contains(": Adding tag: ")
                    || lines.get(j).contains(": Modifying: "))) {
                j++;
            }
            if (j > i + 1) {
                List<String> run = new ArrayList<>(lines.subList(i, j));
                java.util.Collections.sort(run);
                for (int k = i; k < j; k++) {
                    lines.set(k, run.get(k - i));
                }
            }
            i = Math.max(j, i + 1);
        }
        return String.join("\n", lines) + "\n";
    }
}
