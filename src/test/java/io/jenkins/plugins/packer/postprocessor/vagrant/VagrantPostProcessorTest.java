package io.jenkins.plugins.packer.postprocessor.vagrant;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.docker.DockerBuilds;
import io.jenkins.plugins.packer.docker.DockerDaemon;
import io.jenkins.plugins.packer.run.Cancellation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vagrant post-processor on what it takes besides AMIs (a differential with packer covers those,
 * {@code EbsDifferentialTest}): a Docker image tagged by docker-tag, with a custom Vagrantfile and no compression; and
 * the artifacts it refuses, in Packer's words.
 */
class VagrantPostProcessorTest {

    @TempDir
    Path work;

    private static Map<String, String> entries(byte[] box, boolean gzipped) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(gzipped
                ? new GZIPInputStream(new ByteArrayInputStream(box)) : new ByteArrayInputStream(box))) {
            for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                m.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    @Test
    void aTaggedDockerImageBecomesABoxWithTheCustomVagrantfile() throws Exception {
        DockerDaemon daemon = DockerDaemon.shared();
        Files.writeString(work.resolve("custom.rb"), "# {{ .Provider }} box of {{ .ArtifactId }} for {{ .BuildName }}\n");
        DockerBuilds.Built b = DockerBuilds.build(work, daemon, DockerBuilds.source("commit = true")
                + DockerBuilds.buildBlock("""
                  post-processors {
                    post-processor "docker-tag" {
                      repository = "pkrj-test/boxed"
                      tags       = ["v2"]
                    }
                    post-processor "vagrant" {
                      output               = "boxes/{{ .Provider }}-{{ .BuildName }}.box"
                      vagrantfile_template = "custom.rb"
                      compression_level    = 0
                    }
                  }
                """), new Cancellation());
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).contains("""
                ==> docker.c: Running post-processor:  (type vagrant)
                ==> docker.c (vagrant): Creating a dummy Vagrant box to ensure the host system can create one correctly
                ==> docker.c (vagrant): Creating Vagrant box for 'docker' provider
                    docker.c (vagrant): Using custom Vagrantfile: custom.rb
                    docker.c (vagrant): Compressing: Vagrantfile
                    docker.c (vagrant): Compressing: metadata.json
                """).contains("--> docker.c: 'docker' provider box: boxes/docker-c.box");
        Map<String, String> box = entries(Files.readAllBytes(work.resolve("boxes/docker-c.box")), false);
        assertThat(box).containsOnlyKeys("Vagrantfile", "metadata.json")
                .containsEntry("metadata.json", "{\"provider\":\"docker\"}\n");
        assertThat(box.get("Vagrantfile")).isEqualTo("""

                # The contents below were provided by the Packer Vagrant post-processor

                Vagrant.configure("2") do |config|
                \tconfig.vm.provider :docker do |docker, override|
                \t\tdocker.image = "pkrj-test/boxed:v2"
                \tend
                end


                # The contents below (if any) are custom contents provided by the
                # Packer template during image build.
                # docker box of pkrj-test/boxed:v2 for c

                """);
    }

    @Test
    void artifactsWithoutABoxProviderAreRefused() throws Exception {
        Files.writeString(work.resolve("t.pkr.hcl"), """
                source "file" "f" {
                  content = "x"
                  target  = "made.txt"
                }
                build {
                  sources = ["source.file.f"]
                  post-processor "vagrant" {}
                }
                """);
        String out = build();
        assertThat(out).contains("--> file.f: 1 error(s) occurred:\n\n* Post-processor failed: Unknown artifact type,"
                + " can't build box: packer.file\n").doesNotContain("dummy");

        Files.writeString(work.resolve("t.pkr.hcl"), """
                source "file" "f" {
                  content = "x"
                  target  = "made.txt"
                }
                build {
                  sources = ["source.file.f"]
                  post-processors {
                    post-processor "artifice" {
                      files = ["made.txt"]
                    }
                    post-processor "vagrant" {}
                  }
                }
                """);
        // As packer 1.6.6: artifice's artifacts name no provider (its "set provider_override" hint is unreachable).
        assertThat(build()).contains("* Post-processor failed: Unknown artifact type, can't build box:"
                + " packer.post-processor.artifice\n");
    }

    @Test
    void configureChecksTheTemplateAndTheProviderOverride() throws Exception {
        Files.writeString(work.resolve("t.pkr.hcl"), """
                source "file" "f" {
                  content = "x"
                  target  = "made.txt"
                }
                build {
                  sources = ["source.file.f"]
                  post-processor "vagrant" {
                    vagrantfile_template = "missing.rb"
                  }
                  post-processor "vagrant" {
                    provider_override = "vbox"
                  }
                }
                """);
        String out = build();
        assertThat(out).contains("vagrantfile_template 'missing.rb' does not exist")
                .contains("The given provider_override vbox is not valid. Please choose from one of aws,");
    }

    private String build() throws Exception {
        Files.createDirectories(work.resolve("tmp"));
        var load = new io.jenkins.plugins.packer.template.LoadRequest(work, "t.pkr.hcl", java.util.List.of(),
                Map.of(), Map.of("PATH", "/usr/bin:/bin", "TMPDIR", work.resolve("tmp").toString()),
                java.time.Clock.systemUTC());
        var out = new io.jenkins.plugins.packer.run.CollectedOutput();
        io.jenkins.plugins.packer.run.PackerBuild.run(new io.jenkins.plugins.packer.run.RunRequest(load,
                java.util.List.of(), java.util.List.of(), io.jenkins.plugins.packer.run.RunOptions.DEFAULT, out,
                new Cancellation(), java.util.List.of(), "vagrant-test"));
        return out.text();
    }
}
