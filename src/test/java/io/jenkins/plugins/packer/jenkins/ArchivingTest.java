package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a build's archiving takes: the manifests by default, the artifacts' files when asked, up to a limit. */
class ArchivingTest {

    private static final long MB = 1024 * 1024;

    private static BuildOutcome outcome() {
        LinkedHashMap<String, Long> files = new LinkedHashMap<>();
        files.put("out/image.tar.gz", 60 * MB);
        files.put("out/packer-manifest.json", 1L);
        files.put("out/huge.qcow2", 3000 * MB);
        files.put("out/small.txt", 10L);
        return new BuildOutcome(0, false, new LinkedHashMap<>(), List.of("out/packer-manifest.json"), files, null);
    }

    /** The archived files are fingerprinted (MD5 computed where they are) and listed on the run. */
    @Test
    void theArchivedFilesAreFingerprinted(@org.junit.jupiter.api.io.TempDir java.nio.file.Path ws) throws Exception {
        java.nio.file.Files.writeString(ws.resolve("packer-manifest.json"), "{}\n");
        java.nio.file.Files.createDirectories(ws.resolve("out"));
        java.nio.file.Files.writeString(ws.resolve("out/image.tar.gz"), "image");
        hudson.model.Run<?, ?> run = new PackerBuildAmazonTest.RecordingRun();
        List<String> stored = new java.util.ArrayList<>();
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8);
        hudson.FilePath workspace = new hudson.FilePath(ws.toFile());

        Archiving.fingerprint(run, workspace, List.of("packer-manifest.json"), out,
                (r, name, md5) -> stored.add(name + " " + md5));
        Archiving.fingerprint(run, workspace, List.of("out/image.tar.gz", "missing.json"), out,
                (r, name, md5) -> stored.add(name + " " + md5));

        assertThat(stored).containsExactly("packer-manifest.json 8a80554c91d9fca8acb82f023de02f11",
                "image.tar.gz 78805a221a988e79ef3f42d7c5bfd418");
        assertThat(run.getAction(hudson.tasks.Fingerprinter.FingerprintAction.class).getRecords())
                .containsOnly(Map.entry("packer-manifest.json", "8a80554c91d9fca8acb82f023de02f11"),
                        Map.entry("out/image.tar.gz", "78805a221a988e79ef3f42d7c5bfd418"));
        assertThat(log.toString(java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("WARNING: missing.json could not be fingerprinted: ");
    }

    @Test
    void theManifestsOnlyByDefault() {
        List<String> skipped = new ArrayList<>();

        Map<String, String> chosen = Archiving.select(outcome(), new Archiving.Options(true, false, 100 * MB), skipped);

        assertThat(chosen).containsExactly(Map.entry("out/packer-manifest.json", "out/packer-manifest.json"));
        assertThat(skipped).isEmpty();
    }

    @Test
    void theArtifactsFilesWhenAskedUpToTheLimitInTheirOrder() {
        List<String> skipped = new ArrayList<>();

        Map<String, String> chosen = Archiving.select(outcome(), new Archiving.Options(true, true, 100 * MB), skipped);

        assertThat(chosen.keySet()).containsExactly("out/packer-manifest.json", "out/image.tar.gz", "out/small.txt");
        assertThat(skipped).containsExactly("out/huge.qcow2");
    }

    @Test
    void aDebugLogIsArchivedWhateverElseIsAsked() {
        BuildOutcome o = outcome();
        BuildOutcome logged = new BuildOutcome(o.exitCode(), o.cancelled(), o.result(), o.manifests(), o.files(),
                null, "packer-debug-1.log");

        assertThat(Archiving.select(logged, new Archiving.Options(false, false, 0), new ArrayList<>()))
                .containsExactly(Map.entry("packer-debug-1.log", "packer-debug-1.log"));
        assertThat(Archiving.select(logged, new Archiving.Options(true, false, 0), new ArrayList<>()).keySet())
                .containsExactly("packer-debug-1.log", "out/packer-manifest.json");
    }

    @Test
    void nothingWhenNothingIsAsked() {
        List<String> skipped = new ArrayList<>();

        assertThat(Archiving.select(outcome(), new Archiving.Options(false, false, 0), skipped)).isEmpty();
        assertThat(Archiving.select(outcome(), new Archiving.Options(false, true, 0), skipped)).isEmpty();
        assertThat(skipped).containsExactly("out/image.tar.gz", "out/packer-manifest.json", "out/huge.qcow2",
                "out/small.txt");
    }
}
