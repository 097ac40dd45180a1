package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@code packer build} and {@code pkrj build} the same way for the differential tests: a fresh copy of the
 * inputs each, the same reduced environment (a scratch {@code HOME} and {@code TMPDIR}), and output and files
 * normalized so that only real differences remain.
 */
final class BuildRuns {

    /** What one tool did: exit code, normalized output, and the files it left (relative path to content). */
    record Outcome(int rc, String out, Map<String, String> files) {}

    private final Path packer;
    private final Path scratch;

    BuildRuns(Path packer, Path scratch) throws IOException {
        this.packer = packer;
        this.scratch = scratch;
        Files.createDirectories(scratch.resolve("home"));
        Files.createDirectories(scratch.resolve("tmp"));
    }

    /** The real packer; under {@code CI=true} its absence fails the test, elsewhere it skips it. */
    static Path findPacker() {
        Path p = Stream.of("/usr/bin/packer", "/usr/local/bin/packer").map(Path::of).filter(Files::isExecutable)
                .findFirst().orElse(null);
        if (p == null) {
            String why = "the real packer is not installed (apt-get install packer); the differential test needs it";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            assumeTrue(false, why + ": skipped outside CI");
        }
        return p;
    }

    Outcome packer(Path dir, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(packer.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(environment());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out;
        try (InputStream o = p.getInputStream()) {
            out = o.readAllBytes();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("packer " + args + " did not finish in 60 s");
        }
        return new Outcome(p.exitValue(), normalize(new String(out, StandardCharsets.UTF_8), dir), files(dir));
    }

    Outcome pkrj(Path dir, List<String> args) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        Main.Io io = new Main.Io(new ByteArrayInputStream(new byte[0]), out, environment(), dir);
        int rc = Main.run(io, args.toArray(String[]::new));
        return new Outcome(rc, normalize(buf.toString(StandardCharsets.UTF_8), dir), files(dir));
    }

    Map<String, String> environment() {
        return Map.of("PATH", "/usr/bin:/bin", "CHECKPOINT_DISABLE", "1", "LANG", "C.UTF-8",
                "HOME", scratch.resolve("home").toString(), "TMPDIR", scratch.resolve("tmp").toString());
    }

    /** Removes what differs between any two runs: durations, ids, times, temporary names; sorts the summary. */
    String normalize(String s, Path dir) {
        String n = s.replace(dir.toString(), "$CASE").replace(scratch.resolve("tmp").toString(), "$TMPDIR")
                .replaceAll("packer-shell\\d+", "packer-shell<N>")
                .replaceAll("after \\d+ [a-z]+( \\d+ [a-z]+)?", "after <duration>")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>")
                .replaceAll("\\b1[6-9]\\d{8}\\b", "<unix-time>")
                .replaceAll("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d): ", "<time>: ")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "<rfc3339>");
        List<String> lines = new ArrayList<>(List.of(n.split("\n", -1)));
        // Machine-readable summaries interleave each build's artifact lines: packer's map order, sorted here.
        for (int k = 0; k < lines.size(); k++) {
            if (lines.get(k).startsWith("<unix-time>,,ui,say,\\n==> Builds finished. The artifacts")) {
                List<String> tail = new ArrayList<>(lines.subList(k + 1, lines.size()));
                tail.sort(null);
                for (int t = 0; t < tail.size(); t++) {
                    lines.set(k + 1 + t, tail.get(t));
                }
                break;
            }
        }
        int i = 0;
        while (i < lines.size()) {
            int j = i;
            while (j < lines.size() && lines.get(j).startsWith("--> ")) {
                j++;
            }
            if (j > i + 1) {
                List<String> block = new ArrayList<>(lines.subList(i, j));
                block.sort(null);
                for (int k = i; k < j; k++) {
                    lines.set(k, block.get(k - i));
                }
            }
            i = Math.max(j, i + 1);
        }
        return String.join("\n", lines);
    }

    Map<String, String> files(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(p).toString(), normalize(content(p), dir));
            }
        }
        return m;
    }

    /**
     * A file's content for comparison: archives and compressed files as what they hold (each tar or zip entry's name,
     * mode and content), since two compressors write different bytes for the same data.
     */
    static String content(Path p) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        return Archives.describe(bytes);
    }

    /** The files that differ between two runs, each with both contents; empty when they are the same. */
    static String fileDifferences(Map<String, String> ours, Map<String, String> theirs) {
        StringBuilder sb = new StringBuilder();
        java.util.TreeSet<String> names = new java.util.TreeSet<>(ours.keySet());
        names.addAll(theirs.keySet());
        for (String n : names) {
            String a = ours.get(n);
            String b = theirs.get(n);
            if (!java.util.Objects.equals(a, b)) {
                sb.append(n).append(":\n  packer: ").append(b).append("\n  pkrj:   ").append(a).append('\n');
            }
        }
        return sb.toString();
    }

    static Path copy(Path src, Path dst) throws IOException {
        Files.createDirectories(dst);
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.toList()) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                    if (Files.isExecutable(p)) {
                        t.toFile().setExecutable(true);
                    }
                }
            }
        }
        return dst;
    }
}
