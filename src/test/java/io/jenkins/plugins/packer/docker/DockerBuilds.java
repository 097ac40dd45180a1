package io.jenkins.plugins.packer.docker;

import io.jenkins.plugins.packer.run.Artifact;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.CollectedOutput;
import io.jenkins.plugins.packer.run.PackerBuild;
import io.jenkins.plugins.packer.run.RunOptions;
import io.jenkins.plugins.packer.run.RunRequest;
import io.jenkins.plugins.packer.run.RunResult;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Runs docker templates through the engine against a {@link DockerDaemon}, as the docker tests do. */
public final class DockerBuilds {

    private DockerBuilds() {
    }

    /** A finished run and its whole output. */
    public record Built(RunResult result, String output) {
        public List<Artifact> artifacts() {
            return result.builds().get(0).artifacts();
        }
    }

    /**
     * Builds {@code template} (written to {@code work/t.pkr.hcl}) with the daemon's {@code DOCKER_HOST}; the shared
     * temporary folders go to {@code work/packer-tmp}.
     */
    public static Built build(Path work, DockerDaemon daemon, String template, Cancellation cancellation) {
        return build(work, daemon.env(), template, cancellation);
    }

    /** The same, reaching the daemon as {@code daemonEnv} says ({@code DOCKER_HOST}, TLS). */
    public static Built build(Path work, Map<String, String> daemonEnv, String template, Cancellation cancellation) {
        try {
            Files.writeString(work.resolve("t.pkr.hcl"), template);
            Map<String, String> env = new HashMap<>(daemonEnv);
            env.put("PACKER_TMP_DIR", Files.createDirectories(work.resolve("packer-tmp")).toString());
            env.put("TMPDIR", Files.createDirectories(work.resolve("tmp")).toString());
            LoadRequest load = new LoadRequest(work, "t.pkr.hcl", List.of(), Map.of(), env, Clock.systemUTC());
            CollectedOutput out = new CollectedOutput();
            RunResult r = PackerBuild.run(new RunRequest(load, List.of(), List.of(), RunOptions.DEFAULT, out,
                    cancellation, List.of(), UUID.randomUUID().toString()));
            return new Built(r, out.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A docker source {@code c} from the test image, with no network and no pull, and {@code extra} options. */
    public static String source(String extra) {
        return """
                source "docker" "c" {
                  image       = "%s"
                  pull        = false
                  run_command = %s
                  %s
                }
                """.formatted(DockerDaemon.BUSYBOX, DockerDaemon.RUN_COMMAND, extra);
    }

    /** The build block of source {@code c} with {@code body} (provisioners, post-processors). */
    public static String buildBlock(String body) {
        return "build {\n  sources = [\"source.docker.c\"]\n" + body + "\n}\n";
    }
}
