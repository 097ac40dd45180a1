package io.jenkins.plugins.packer.postprocessor.vagrant;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.gotemplate.GoTemplateException;
import io.jenkins.plugins.packer.gotemplate.Interpolation;
import io.jenkins.plugins.packer.run.Artifact;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.PostProcessor;
import io.jenkins.plugins.packer.run.Ui;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * The {@code vagrant} post-processor: a Vagrant box (a gzipped tar of a Vagrantfile, {@code metadata.json} and the
 * included files) for an Amazon AMI (its AMI per region) or a Docker image, as packer 1.6.6 makes it.
 */
public final class VagrantPostProcessor implements PostProcessor {

    static final String BUILDER_ID = "mitchellh.post-processor.vagrant";
    static final String DEFAULT_OUTPUT = "packer_{{ .BuildName }}_{{.Provider}}.box";

    /** The provider each builder's artifacts make boxes for (packer 1.6.6's table). */
    private static final Map<String, String> BUILTINS = Map.ofEntries(
            Map.entry("mitchellh.amazonebs", "aws"), Map.entry("mitchellh.amazon.instance", "aws"),
            Map.entry("mitchellh.virtualbox", "virtualbox"), Map.entry("mitchellh.vmware", "vmware"),
            Map.entry("mitchellh.vmware-esx", "vmware"), Map.entry("pearkes.digitalocean", "digitalocean"),
            Map.entry("packer.googlecompute", "google"), Map.entry("hashicorp.scaleway", "scaleway"),
            Map.entry("packer.parallels", "parallels"), Map.entry("MSOpenTech.hyperv", "hyperv"),
            Map.entry("transcend.qemu", "libvirt"), Map.entry("ustream.lxc", "lxc"),
            Map.entry("Azure.ResourceManagement.VMImage", "azure"),
            Map.entry("packer.post-processor.docker-import", "docker"),
            Map.entry("packer.post-processor.docker-tag", "docker"),
            Map.entry("packer.post-processor.docker-push", "docker"));

    static final String AWS_VAGRANTFILE = """

            Vagrant.configure("2") do |config|
              config.vm.provider "aws" do |aws|
                {{ range $region, $ami := .Images }}
            \taws.region_config "{{ $region }}", ami: "{{ $ami }}"
            \t{{ end }}
              end
            end
            """;

    static final String DOCKER_VAGRANTFILE = """

            Vagrant.configure("2") do |config|
            \tconfig.vm.provider :docker do |docker, override|
            \t\tdocker.image = "%s"
            \tend
            end
            """;

    static final String BOX_VAGRANTFILE = """

            # The contents below were provided by the Packer Vagrant post-processor
            {{ .ProviderVagrantfile }}

            # The contents below (if any) are custom contents provided by the
            # Packer template during image build.
            {{ .CustomVagrantfile }}
            """;

    @Override
    public String type() {
        return "vagrant";
    }

    @Override
    public Result postProcess(BuildContext ctx, ComponentConfig c, Artifact input) throws BuildFailure {
        String name = c.string("provider_override");
        if (name.isEmpty()) {
            name = BUILTINS.get(input.builderId());
            if (name == null) {
                throw new BuildFailure("Unknown artifact type, can't build box: " + input.builderId());
            }
        }
        if (!name.equals("aws") && !name.equals("docker")) {
            throw new BuildFailure("pkrj makes Vagrant boxes for the aws and docker providers; the " + name
                    + " provider's boxes are made from artifacts of builders it does not ship");
        }
        if (!c.stringMap("override").isEmpty() && c.stringMap("override").containsKey(name)) {
            throw new BuildFailure("override: per-provider settings are not supported by pkrj; set them on the"
                    + " post-processor itself");
        }
        long level = c.isSet("compression_level") ? c.number("compression_level") : -1;
        Ui ui = ctx.ui();
        dummyBox(ctx, (int) level);
        ui.say("Creating Vagrant box for '" + name + "' provider");
        Map<String, Object> data = new HashMap<>(input.generatedData());
        data.put("ArtifactId", input.id());
        data.put("BuildName", ctx.packerBuildName());
        data.put("Provider", name);
        Interpolation.Context ictx = ctx.interpolation().withData(data);
        String output = c.string("output").isEmpty() ? DEFAULT_OUTPUT : c.string("output");
        Path dir = null;
        try {
            output = Interpolation.render(output, ictx);
            dir = Files.createTempDirectory(tmp(ctx), "packer");
            for (String src : c.stringList("include")) {
                ui.message("Copying from include: " + src);
                try {
                    Files.copy(ctx.resolve(src), dir.resolve(Path.of(src).getFileName().toString()));
                } catch (IOException e) {
                    throw new BuildFailure("Error copying include file: " + src + "\n\n" + e.getMessage());
                }
            }
            String providerVagrantfile;
            boolean keep;
            if (name.equals("aws")) {
                Map<String, String> images = new TreeMap<>();
                for (String region : input.id().split(",", -1)) {
                    String[] parts = region.split(":", -1);
                    if (parts.length != 2) {
                        throw new BuildFailure("Poorly formatted artifact ID: " + input.id());
                    }
                    images.put(parts[0], parts[1]);
                }
                providerVagrantfile = Interpolation.render(AWS_VAGRANTFILE,
                        ctx.interpolation().withData(Map.of("Images", images)));
                keep = true;
            } else {
                providerVagrantfile = String.format(DOCKER_VAGRANTFILE, input.id());
                keep = false;
            }
            writeMetadata(dir, "{\"provider\":\"" + name + "\"}\n");
            String custom = "";
            String template = c.string("vagrantfile_template");
            if (!template.isEmpty()) {
                ui.message("Using custom Vagrantfile: " + template);
                custom = Interpolation.render(Files.readString(ctx.resolve(template)), ictx);
            }
            Files.writeString(dir.resolve("Vagrantfile"), Interpolation.render(BOX_VAGRANTFILE,
                    ctx.interpolation().withData(Map.of("ProviderVagrantfile", providerVagrantfile,
                            "CustomVagrantfile", custom))));
            Path target = ctx.resolve(output);
            dirToBox(target, dir, ui, (int) level);
            String box = output;
            Artifact a = new Artifact(BUILDER_ID, name, "'" + name + "' provider box: " + output, List.of(output),
                    input.generatedData(), () -> Files.deleteIfExists(ctx.resolve(box)));
            return new Result(a, keep, true);
        } catch (GoTemplateException e) {
            throw new BuildFailure(e.getMessage());
        } catch (IOException e) {
            throw new BuildFailure(e.getMessage());
        } finally {
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    private static Path tmp(BuildContext ctx) {
        return Path.of(ctx.env().getOrDefault("TMPDIR", System.getProperty("java.io.tmpdir")));
    }

    /** Packer's check that a box can be made here: an empty one, made and thrown away. */
    private static void dummyBox(BuildContext ctx, int level) throws BuildFailure {
        ctx.ui().say("Creating a dummy Vagrant box to ensure the host system can create one correctly");
        if (level < -1 || level > 9) {
            throw new BuildFailure("Invalid compression level. Expected an integer from -1 to 9.");
        }
        Path dir = null;
        Path box = null;
        try {
            dir = Files.createTempDirectory(tmp(ctx), "packer");
            writeMetadata(dir, "{}\n");
            box = Files.createTempFile(tmp(ctx), "box-", ".box");
            dirToBox(box, dir, null, level);
        } catch (IOException e) {
            throw new BuildFailure(e.getMessage());
        } finally {
            if (dir != null) {
                deleteTree(dir);
            }
            if (box != null) {
                try {
                    Files.deleteIfExists(box);
                } catch (IOException e) {
                    // A temporary file; nothing depends on it.
                }
            }
        }
    }

    private static void writeMetadata(Path dir, String json) throws IOException {
        Path f = dir.resolve("metadata.json");
        if (!Files.exists(f)) {
            Files.writeString(f, json);
        }
    }

    /** Packer's {@code DirToBox}: the folder's files (by name, as Go's walk goes) in a tar, gzipped unless level 0. */
    static void dirToBox(Path box, Path dir, Ui ui, int level) throws IOException {
        if (box.getParent() != null) {
            Files.createDirectories(box.getParent());
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted(Comparator.comparing(p -> dir.relativize(p).toString()))
                    .toList();
        }
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(box));
             OutputStream out = level == 0 ? raw : gzip(raw, level);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path f : files) {
                String name = dir.relativize(f).toString();
                TarArchiveEntry e = new TarArchiveEntry(name);
                e.setSize(Files.size(f));
                e.setMode(io.jenkins.plugins.packer.component.LocalFiles.mode(f));
                e.setModTime(Files.getLastModifiedTime(f).toMillis());
                if (ui != null) {
                    ui.message("Compressing: " + name);
                }
                tar.putArchiveEntry(e);
                try (InputStream in = Files.newInputStream(f)) {
                    in.transferTo(tar);
                }
                tar.closeArchiveEntry();
            }
        }
    }

    private static OutputStream gzip(OutputStream raw, int level) throws IOException {
        GzipParameters p = new GzipParameters();
        p.setCompressionLevel(level == -1 ? 6 : level);
        return new GzipCompressorOutputStream(raw, p);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temporary folder; nothing depends on it.
        }
    }
}
