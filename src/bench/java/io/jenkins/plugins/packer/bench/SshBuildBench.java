package io.jenkins.plugins.packer.bench;

import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.PackerBuild;
import io.jenkins.plugins.packer.run.RunOptions;
import io.jenkins.plugins.packer.run.RunRequest;
import io.jenkins.plugins.packer.run.RunResult;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A whole build in a warm JVM, as a Jenkins agent runs {@code packerBuild}: the template (a file provisioner's
 * upload over SSH) built again and again; each build connects, uploads and disconnects. Prints the median
 * milliseconds of the measured builds.
 *
 * <p>Arguments: templateFile warmups runs
 */
public final class SshBuildBench {

    private SshBuildBench() {
    }

    public static void main(String[] args) {
        Path template = Path.of(args[0]).toAbsolutePath();
        int warmups = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        long[] ms = new long[runs];
        Map<String, String> env = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        for (int i = 0; i < warmups + runs; i++) {
            LoadRequest load = new LoadRequest(template.getParent(), template.getFileName().toString(), List.of(),
                    Map.of(), env, Clock.systemUTC());
            long start = System.nanoTime();
            RunResult r = PackerBuild.run(new RunRequest(load, List.of(), List.of(), RunOptions.DEFAULT, t -> { },
                    new Cancellation(), List.of(), UUID.randomUUID().toString()));
            if (r.exitCode() != 0) {
                throw new IllegalStateException("the build failed: exit " + r.exitCode());
            }
            if (i >= warmups) {
                ms[i - warmups] = (System.nanoTime() - start) / 1_000_000;
            }
        }
        Arrays.sort(ms);
        System.out.println(ms[runs / 2]);
    }
}
