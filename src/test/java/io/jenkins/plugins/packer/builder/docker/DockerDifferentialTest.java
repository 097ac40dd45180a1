package io.jenkins.plugins.packer.builder.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.command.InspectImageResponse;
import io.jenkins.plugins.packer.docker.DockerDaemon;
import io.jenkins.plugins.packer.docker.DockerEngine;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.PackerBuild;
import io.jenkins.plugins.packer.run.RunOptions;
import io.jenkins.plugins.packer.run.RunRequest;
import io.jenkins.plugins.packer.run.RunResult;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same docker templates built by the real packer 1.6.6 (which runs the {@code docker} command line) and by the
 * engine (the Engine API) against the same daemon: equal exit codes, equal console output once container and image
 * ids, temporary names and durations are normalised, and equal images (configuration, tags and files). Writes the
 * table of cases to {@code target/docker-differential.md}.
 */
@Tag("differential")
class DockerDifferentialTest {

    private static final List<String> ROWS = new ArrayList<>();

    @TempDir
    Path dir;

    static DockerDaemon daemon;
    static Path packer;

    @BeforeAll
    static void start() throws Exception {
        packer = Stream.of("/usr/bin/packer", "/usr/local/bin/packer").map(Path::of).filter(Files::isExecutable)
                .findFirst().orElse(null);
        boolean cli = Files.isExecutable(Path.of("/usr/bin/docker"));
        if (packer == null || !cli) {
            String why = "the real packer and the docker command line it runs are not installed"
                    + " (apt-get install packer docker.io)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            assumeTrue(false, why + ": skipped outside CI");
        }
        daemon = DockerDaemon.shared();
    }

    @AfterAll
    static void writeTable() throws IOException {
        if (ROWS.isEmpty()) {
            return;
        }
        StringBuilder md = new StringBuilder("""
                # docker builds: packer 1.6.6 beside the engine, same daemon

                | case | exit (packer / engine) | output | images and files | wall packer | wall engine |
                | --- | --- | --- | --- | --- | --- |
                """);
        ROWS.forEach(r -> md.append(r).append('\n'));
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("docker-differential.md"), md.toString());
    }

    /** What one tool did: its output (with {@code rc=N}), wall time, and the images it left, by role. */
    record Run(String output, long millis, Map<String, String> effects) {}

    private static final String SOURCE = """
            variable "who" {
              type = string
            }

            source "docker" "c" {
              image       = "%s"
              pull        = false
              run_command = %s
              %%s
            }
            """.formatted(DockerDaemon.BUSYBOX, DockerDaemon.RUN_COMMAND);

    private static String template(String options, String build) {
        return SOURCE.formatted(options) + "build {\n  sources = [\"source.docker.c\"]\n" + build + "\n}\n";
    }

    @Test
    void commitWithShellUploadsDownloadAndChanges() throws Exception {
        same("commit, shell, file up/down, changes", template("""
                  commit  = true
                  author  = "diff@example.com"
                  message = "differential"
                  changes = ["ENV FOO bar", "LABEL who=${var.who}", "WORKDIR /srv", "ENTRYPOINT [\\"/bin/sh\\"]"]
                """, """
                  provisioner "shell" {
                    inline = ["echo hello from shell", "id -u", "mkdir -p /srv", "echo made > /srv/made.txt"]
                  }
                  provisioner "file" {
                    source      = "up.txt"
                    destination = "/srv/up.txt"
                  }
                  provisioner "file" {
                    source      = "tree"
                    destination = "/srv/tree"
                  }
                  provisioner "file" {
                    source      = "/srv/made.txt"
                    destination = "down.txt"
                    direction   = "download"
                  }
                """), List.of("/srv/made.txt", "/srv/up.txt", "/srv/tree/a.txt", "/srv/tree/sub/b.txt"));
    }

    @Test
    void exportToATarball() throws Exception {
        same("export_path", template("export_path = \"out/image.tar\"", """
                  provisioner "shell" {
                    inline = ["echo exported > /root/marker"]
                  }
                """), List.of());
    }

    @Test
    void discard() throws Exception {
        same("discard", template("discard = true", """
                  provisioner "shell" {
                    inline = ["echo discarded"]
                  }
                """), List.of());
    }

    @Test
    void failingProvisioner() throws Exception {
        same("failing provisioner", template("commit = true", """
                  provisioner "shell" {
                    inline = ["echo before-fail", "exit 1"]
                  }
                """), List.of());
    }

    @Test
    void missingImageWithoutPull() throws Exception {
        same("missing image, pull = false", """
                variable "who" {
                  type = string
                }

                source "docker" "c" {
                  image       = "pkrj-test/does-not-exist:9"
                  pull        = false
                  commit      = true
                  run_command = %s
                }

                build {
                  sources = ["source.docker.c"]
                }
                """.formatted(DockerDaemon.RUN_COMMAND), List.of());
    }

    @Test
    void commitTagAndSave() throws Exception {
        same("commit → docker-tag → docker-save", template("commit = true", """
                  provisioner "shell" {
                    inline = ["touch /tagged"]
                  }
                  post-processors {
                    post-processor "docker-tag" {
                      repository = "pkrj-diff/${var.who}"
                      tags       = ["v1", "latest"]
                    }
                    post-processor "docker-save" {
                      path = "saved.tar"
                    }
                  }
                """), List.of("/tagged"));
    }

    @Test
    void exportImportWithChangesAndTag() throws Exception {
        same("export → docker-import → docker-tag", template("export_path = \"image.tar\"", """
                  provisioner "shell" {
                    inline = ["echo imported > /root/marker"]
                  }
                  post-processors {
                    post-processor "docker-import" {
                      repository = "pkrj-diff/${var.who}-imported"
                      tag        = "1.0"
                      changes    = ["ENV STAGE=imported", "LABEL who=${var.who}"]
                    }
                    post-processor "docker-tag" {
                      repository = "pkrj-diff/${var.who}-imported"
                      tags       = ["2.0"]
                    }
                  }
                """), List.of("/root/marker"));
    }

    /** Builds {@code template} with both, then compares what they printed and made. */
    private void same(String name, String template, List<String> files) throws Exception {
        removeLeftovers();
        Run theirs = run("packer", template, files);
        Run ours = run("engine", template, files);
        String theirOut = normalize(theirs.output, "packer");
        String ourOut = normalize(ours.output, "engine");
        boolean outputSame = theirOut.equals(ourOut);
        boolean effectsSame = theirs.effects.equals(ours.effects);
        // The images carry the template's "who" (a label, a repository name): the same once it is normalised.
        ROWS.add("| " + name + " | " + rc(theirs.output) + " / " + rc(ours.output) + " | "
                + (outputSame ? "same" : "DIFFERENT") + " | " + (effectsSame ? "same" : "DIFFERENT") + " | "
                + theirs.millis + " ms | " + ours.millis + " ms |");
        assertThat(ourOut).isEqualTo(theirOut);
        assertThat(ours.effects).isEqualTo(theirs.effects);
        try (DockerEngine engine = daemon.engine()) {
            assertThat(engine.client().listContainersCmd().withShowAll(true).exec()).isEmpty();
        }
    }

    private static String rc(String output) {
        return output.substring(output.lastIndexOf("rc=") + 3).strip();
    }

    private Run run(String who, String template, List<String> files) throws Exception {
        Path ws = Files.createDirectories(dir.resolve(who));
        Files.writeString(ws.resolve("t.pkr.hcl"), template);
        Files.writeString(ws.resolve("up.txt"), "uploaded\n");
        Files.createDirectories(ws.resolve("tree/sub"));
        Files.writeString(ws.resolve("tree/a.txt"), "a\n");
        Files.writeString(ws.resolve("tree/sub/b.txt"), "b\n");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("HOME", ws.toString());
        env.put("TMPDIR", Files.createDirectories(ws.resolve("tmp")).toString());
        env.put("PACKER_TMP_DIR", Files.createDirectories(ws.resolve("packer-tmp")).toString());
        env.put("DOCKER_HOST", daemon.host());
        long start = System.nanoTime();
        String out = who.equals("packer") ? runPacker(ws, env) : runEngine(ws, env);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Map<String, String> effects = new TreeMap<>();
        effects(ws, out, who, files).forEach((k, v) -> effects.put(k, v.replace("pkrj-diff/" + who,
                "pkrj-diff/<WHO>").replace("who=" + who, "who=<WHO>")));
        return new Run(out, millis, effects);
    }

    private static String runPacker(Path ws, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(packer.toString(), "build", "-color=false", "-var", "who=packer",
                "t.pkr.hcl").directory(ws.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("packer did not finish in 120 s");
        }
        return new String(out, StandardCharsets.UTF_8) + "rc=" + p.exitValue() + "\n";
    }

    private static String runEngine(Path ws, Map<String, String> env) {
        StringBuilder out = new StringBuilder();
        LoadRequest load = new LoadRequest(ws, "t.pkr.hcl", List.of(), Map.of("who", "engine"), env,
                Clock.systemUTC());
        RunResult r = PackerBuild.run(new RunRequest(load, List.of(), List.of(), RunOptions.DEFAULT, t -> {
            synchronized (out) {
                out.append(t);
            }
        }, new Cancellation(), List.of(), UUID.randomUUID().toString()));
        return out + "rc=" + r.exitCode() + "\n";
    }

    private static final Pattern IMAGE = Pattern.compile("Image ID: (sha256:[0-9a-f]{64})");

    /**
     * What a run left: each committed or imported image's configuration and the listed files in it, the tags of its
     * repositories, the exported and saved tarballs' entries and the downloaded files; the images are removed.
     */
    private Map<String, String> effects(Path ws, String out, String who, List<String> files) throws IOException {
        Map<String, String> e = new TreeMap<>();
        try (DockerEngine engine = daemon.engine()) {
            List<String> images = new ArrayList<>();
            Matcher m = IMAGE.matcher(out);
            while (m.find()) {
                images.add(m.group(1));
            }
            engine.client().listImagesCmd().exec().forEach(i -> {
                for (String t : i.getRepoTags() == null ? new String[0] : i.getRepoTags()) {
                    if (t.startsWith("pkrj-diff/" + who)) {
                        e.put("tag " + t.replace(who, "<WHO>"), images.contains(i.getId()) ? "the committed image"
                                : "an image");
                        if (!images.contains(i.getId())) {
                            images.add(i.getId());
                        }
                    }
                }
            });
            for (int k = 0; k < images.size(); k++) {
                String image = images.get(k);
                InspectImageResponse inspected = engine.client().inspectImageCmd(image).exec();
                var c = inspected.getConfig();
                e.put("image " + k + " config", String.valueOf(c.getEnv() == null ? null : List.of(c.getEnv()))
                        + " " + c.getLabels() + " " + (c.getEntrypoint() == null ? null : List.of(c.getEntrypoint()))
                        + " " + (c.getCmd() == null ? null : List.of(c.getCmd())) + " " + c.getWorkingDir() + " "
                        + inspected.getAuthor() + " " + inspected.getComment());
                String container = engine.client().createContainerCmd(image).withCmd("true").exec().getId();
                try {
                    for (String f : files) {
                        try (InputStream in = engine.client().copyArchiveFromContainerCmd(container, f).exec();
                             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                            tar.getNextEntry();
                            e.put("image " + k + " " + f, new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                } finally {
                    engine.client().removeContainerCmd(container).withForce(true).exec();
                }
            }
            for (String tarball : List.of("out/image.tar", "image.tar", "saved.tar")) {
                Path t = ws.resolve(tarball);
                e.put("file " + tarball, Files.exists(t) ? entries(t) : "(none)");
            }
            Path down = ws.resolve("down.txt");
            e.put("file down.txt", Files.exists(down) ? Files.readString(down) : "(none)");
            engine.client().listImagesCmd().exec().forEach(i -> {
                boolean ours = images.contains(i.getId()) || i.getRepoTags() != null
                        && Stream.of(i.getRepoTags()).anyMatch(t -> t.startsWith("pkrj-diff/" + who));
                if (ours) {
                    engine.client().removeImageCmd(i.getId()).withForce(true).exec();
                }
            });
        }
        return e;
    }

    /** Removes the images an earlier failed case left (every name under pkrj-diff/). */
    private static void removeLeftovers() throws IOException {
        try (DockerEngine engine = daemon.engine()) {
            engine.client().listImagesCmd().exec().stream()
                    .filter(i -> i.getRepoTags() != null && Stream.of(i.getRepoTags()).anyMatch(t ->
                            t.startsWith("pkrj-diff/")))
                    .forEach(i -> engine.client().removeImageCmd(i.getId()).withForce(true).exec());
        }
    }

    /** The names of a tarball's entries (a saved image's manifest names its tags), sorted. */
    private static String entries(Path tar) throws IOException {
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
            for (TarArchiveEntry en = in.getNextEntry(); en != null; en = in.getNextEntry()) {
                if (en.getName().equals("manifest.json")) {
                    names.add("manifest.json " + new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .replaceAll("[0-9a-f]{64}", "<SHA>").replace("packer", "<WHO>")
                            .replace("engine", "<WHO>"));
                } else if (!en.getName().matches("[0-9a-f]{64}.*|blobs/.*")) {
                    names.add(en.getName());
                }
            }
        }
        names.sort(null);
        return String.join(",", names);
    }

    private static String normalize(String out, String who) {
        return out.replaceAll("[0-9a-f]{64}", "<ID>")
                .replace("/" + who + "/", "/<WS>/")
                .replaceAll("/tmp/junit-?\\d+/<WS>/", "<WS>/")
                .replaceAll("packer-tmp/tmp\\d+", "packer-tmp/tmp<N>")
                .replaceAll("packer-shell\\d+", "packer-shell<N>")
                .replaceAll("pkrj-diff/" + who, "pkrj-diff/<WHO>")
                .replaceAll("after \\d+ [a-z]+( \\d+ [a-z]+)?", "after <duration>");
    }
}
