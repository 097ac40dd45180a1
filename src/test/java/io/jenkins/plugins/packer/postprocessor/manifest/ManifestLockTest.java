package io.jenkins.plugins.packer.postprocessor.manifest;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest is locked while a build appends to it: a process that holds it makes the build wait, a process killed
 * while holding it (or a {@code .lock} file left behind) blocks nothing, and sixteen builds of one run all land.
 */
class ManifestLockTest {

    @TempDir
    Path dir;

    private static final String SIXTEEN;

    static {
        StringBuilder sb = new StringBuilder();
        StringBuilder refs = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append("source \"null\" \"s").append(i).append("\" {\n  communicator = \"none\"\n}\n");
            refs.append(i == 0 ? "" : ", ").append("\"source.null.s").append(i).append('"');
        }
        SIXTEEN = sb + "build {\n  sources = [" + refs + "]\n  post-processor \"manifest\" {}\n}\n";
    }

    private RunResult build(String template) throws Exception {
        Files.writeString(dir.resolve("t.pkr.hcl"), template);
        LoadRequest load = new LoadRequest(dir, "t.pkr.hcl", List.of(), Map.of(), Map.of("PATH", "/usr/bin:/bin"),
                Clock.systemUTC());
        CollectedOutput out = new CollectedOutput();
        RunResult r = PackerBuild.run(new RunRequest(load, List.of(), List.of(), RunOptions.DEFAULT, out,
                new Cancellation(), List.of(), UUID.randomUUID().toString()));
        assertThat(r.exitCode()).as(out.text()).isZero();
        return r;
    }

    @Test
    void sixteenBuildsOfOneRunAllLandAndALeftoverLockFileBlocksNothing() throws Exception {
        Files.writeString(dir.resolve("packer-manifest.json.lock"), "");

        build(SIXTEEN);

        String manifest = Files.readString(dir.resolve("packer-manifest.json"));
        for (int i = 0; i < 16; i++) {
            assertThat(manifest).contains("\"name\": \"s" + i + "\"");
        }
    }

    @Test
    void aBuildWaitsForTheProcessThatHoldsTheManifestAndGoesOnWhenItDies() throws Exception {
        Path manifest = dir.resolve("packer-manifest.json");
        Files.writeString(manifest, "");
        Path held = dir.resolve("held");
        Process holder = new ProcessBuilder("python3", "-c", """
                import fcntl, sys, time
                f = open(sys.argv[1], 'r+')
                fcntl.lockf(f, fcntl.LOCK_EX)
                open(sys.argv[2], 'w').close()
                time.sleep(2)
                """, manifest.toString(), held.toString()).start();
        for (int i = 0; i < 100 && !Files.exists(held); i++) {
            Thread.sleep(50);
        }
        assertThat(held).as("the other process holds the manifest").exists();

        build(SIXTEEN);

        assertThat(holder.waitFor(0, TimeUnit.SECONDS)).as("the build went on only once the holder was gone")
                .isTrue();
        assertThat(Files.readString(manifest)).contains("\"name\": \"s0\"");
    }
}
