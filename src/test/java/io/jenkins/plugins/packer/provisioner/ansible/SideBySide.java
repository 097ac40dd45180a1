package io.jenkins.plugins.packer.provisioner.ansible;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.PackerBuild;
import io.jenkins.plugins.packer.run.RunOptions;
import io.jenkins.plugins.packer.run.RunRequest;
import io.jenkins.plugins.packer.run.RunResult;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The provisioner differentials' runs: the real packer 1.6.6 and the engine on the same template, each in a workspace
 * of its own (its HOME and TMPDIR inside), their whole output ending with {@code rc=N}.
 */
public final class SideBySide {

    private SideBySide() {
    }

    /** The real packer; the test is skipped outside CI without it, and fails in CI. */
    public static Path packer() {
        Path packer = Stream.of("/usr/bin/packer", "/usr/local/bin/packer").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        if (packer == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("the real packer is not installed (apt-get install packer)");
            }
            assumeTrue(false, "no packer: skipped outside CI");
        }
        return packer;
    }

    static Map<String, String> env(Path ws) {
        return Map.of("PATH", "/usr/bin:/bin", "CHECKPOINT_DISABLE", "1", "HOME", ws.toString(),
                "TMPDIR", ws.resolve("tmp").toString());
    }

    /** {@code packer build -color=false} of {@code t.pkr.hcl} in {@code ws} with {@code vars}. */
    public static String runPacker(Path packer, Path ws, Map<String, String> vars) throws Exception {
        Files.createDirectories(ws.resolve("tmp"));
        List<String> cmd = new ArrayList<>(List.of(packer.toString(), "build", "-color=false"));
        new TreeMap<>(vars).forEach((k, v) -> cmd.addAll(List.of("-var", k + "=" + v)));
        cmd.add("t.pkr.hcl");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ws.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env(ws));
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("packer did not finish in 300 s");
        }
        return new String(out, StandardCharsets.UTF_8) + "rc=" + p.exitValue() + "\n";
    }

    /** The engine's build of the same. */
    public static String runEngine(Path ws, Map<String, String> vars) throws IOException {
        Files.createDirectories(ws.resolve("tmp"));
        StringBuilder out = new StringBuilder();
        LoadRequest load = new LoadRequest(ws, "t.pkr.hcl", List.of(), vars, env(ws), Clock.systemUTC());
        RunResult r = PackerBuild.run(new RunRequest(load, List.of(), List.of(), RunOptions.DEFAULT,
                t -> {
                    synchronized (out) {
                        out.append(t);
                    }
                }, new Cancellation(), List.of(), UUID.randomUUID().toString()));
        return out + "rc=" + r.exitCode() + "\n";
    }

    /** The exit code an output ends with. */
    public static String exit(String out) {
        return out.substring(out.lastIndexOf("rc=") + 3).trim();
    }

    /** The files under {@code root} and their text, temporary names ({@code NAME1234}) made {@code NAME<N>}. */
    public static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p).toString().replaceAll("(?<=[a-z])\\d{6,}$", "<N>"), Files.readString(p));
            }
        }
        return m;
    }

    /** {@link #tree(Path)} of {@code ws/remote}, with the workspace's path in the files made {@code $WS}. */
    public static Map<String, String> remoteTree(Path ws) throws IOException {
        Map<String, String> m = new TreeMap<>();
        tree(ws.resolve("remote")).forEach((k, v) -> m.put(k, v.replace(ws.toString(), "$WS")));
        return m;
    }

    /** Durations and the workspace made alike. */
    public static String normalize(String out, Path ws) {
        return out.replace(ws.toString(), "$WS")
                .replaceAll("after \\d+ [a-z]+( \\d+ [a-z]+)?", "after <duration>");
    }
}
