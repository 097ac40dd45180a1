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
    void nothingWhenNothingIsAsked() {
        List<String> skipped = new ArrayList<>();

        assertThat(Archiving.select(outcome(), new Archiving.Options(false, false, 0), skipped)).isEmpty();
        assertThat(Archiving.select(outcome(), new Archiving.Options(false, true, 0), skipped)).isEmpty();
        assertThat(skipped).containsExactly("out/image.tar.gz", "out/packer-manifest.json", "out/huge.qcow2",
                "out/small.txt");
    }
}
