package io.jenkins.plugins.packer.template;

import io.jenkins.plugins.packer.hcl.DiagnosticWriter;
import io.jenkins.plugins.packer.ops.Init;
import io.jenkins.plugins.packer.ops.Validate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One case of the template model's error paths, read from a text file of sections (like Go's txtar): comment lines
 * first (what the case reaches; {@code differs: docs/differences.md #N (why)} when packer 1.6.6 prints something else
 * on purpose; {@code unordered: why} when packer prints the same lines in an order that changes between runs), then
 * {@code -- cmd --} (the command line after {@code packer}, split at spaces), an optional {@code -- env --}
 * ({@code NAME=value} lines), the files ({@code -- NAME --}; a name ending in {@code /} is an empty directory),
 * {@code -- rc --} and {@code -- out --}: the exit code and every byte printed, to the end of the file.
 */
public record ModelErrorCase(String name, String differs, boolean unordered, List<String> args, Map<String, String> env,
                             Map<String, byte[]> files, int rc, byte[] out) {

    private static final Pattern SECTION = Pattern.compile("^-- (.+) --$", Pattern.MULTILINE);
    private static final Pattern DIFFERS = Pattern.compile("^differs: (.+)$", Pattern.MULTILINE);
    private static final Pattern UNORDERED = Pattern.compile("^unordered: ", Pattern.MULTILINE);

    /** The environment every run gets, as the oracle runs had it. */
    private static final Map<String, String> BASE_ENV = Map.of("PATH", "/usr/bin:/bin", "CHECKPOINT_DISABLE", "1",
            "LANG", "C.UTF-8");

    /** What a run printed (standard output and error together) and its exit code. */
    public record Outcome(int rc, byte[] out) {

        public String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    public static List<ModelErrorCase> all(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".txt")).sorted().map(ModelErrorCase::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ModelErrorCase read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // ISO-8859-1 maps bytes to chars one to one, so sections keep their exact bytes.
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        Matcher m = SECTION.matcher(text);
        Map<String, String> sections = new LinkedHashMap<>();
        String header = null;
        String section = null;
        int from = 0;
        while (m.find()) {
            if (section == null) {
                header = text.substring(0, m.start());
            } else {
                sections.put(section, text.substring(from, m.start()));
            }
            section = m.group(1);
            from = Math.min(text.length(), m.end() + 1);
        }
        if (section == null) {
            throw new IllegalArgumentException(file + ": no sections");
        }
        sections.put(section, text.substring(from));
        Matcher d = DIFFERS.matcher(header);
        String differs = d.find() ? d.group(1) : null;
        List<String> args = List.of(required(sections, "cmd", file).strip().split("\\s+"));
        Map<String, String> env = new LinkedHashMap<>(BASE_ENV);
        for (String line : sections.getOrDefault("env", "").split("\n")) {
            if (!line.isBlank()) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        sections.forEach((k, v) -> {
            if (!List.of("cmd", "env", "rc", "out").contains(k)) {
                files.put(k, v.getBytes(StandardCharsets.ISO_8859_1));
            }
        });
        String name = file.getFileName().toString().replaceFirst("\\.txt$", "");
        return new ModelErrorCase(name, differs, UNORDERED.matcher(header).find(), args, env, files,
                Integer.parseInt(required(sections, "rc", file).strip()),
                required(sections, "out", file).getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String required(Map<String, String> sections, String name, Path file) {
        String s = sections.get(name);
        if (s == null) {
            throw new IllegalArgumentException(file + ": no -- " + name + " -- section");
        }
        return s;
    }

    public String expectedText() {
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Whether packer's outcome is this case's: the same exit code and bytes (the same lines, when unordered). */
    public boolean sameAs(Outcome packer) {
        if (packer.rc() != rc) {
            return false;
        }
        if (!unordered) {
            return packer.text().equals(expectedText());
        }
        return packer.text().lines().sorted().toList().equals(expectedText().lines().sorted().toList());
    }

    /** Writes the case's files into {@code dir}. */
    public void writeFiles(Path dir) throws IOException {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            if (f.getKey().endsWith("/")) {
                Files.createDirectories(p);
            } else {
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
        }
    }

    /** Runs the command with the engine in {@code dir}, printing what {@code pkrj} prints. */
    public Outcome runEngine(Path dir) {
        String command = args.get(0);
        List<String> varFiles = new ArrayList<>();
        Map<String, String> vars = new LinkedHashMap<>();
        List<String> only = new ArrayList<>();
        List<String> except = new ArrayList<>();
        boolean syntaxOnly = false;
        String target = null;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-syntax-only")) {
                syntaxOnly = true;
            } else if (a.equals("-var")) {
                String kv = args.get(++i);
                vars.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            } else if (a.startsWith("-var-file=")) {
                varFiles.add(a.substring("-var-file=".length()));
            } else if (a.startsWith("-only=")) {
                only.addAll(Arrays.asList(a.substring("-only=".length()).split(",")));
            } else if (a.startsWith("-except=")) {
                except.addAll(Arrays.asList(a.substring("-except=".length()).split(",")));
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException(name + ": option " + a + " is not supported here");
            } else {
                target = a;
            }
        }
        LoadRequest req = new LoadRequest(dir, target, varFiles, vars, env, Clock.systemUTC());
        return switch (command) {
            case "validate" -> {
                Validate.Result r = Validate.run(req, syntaxOnly, only, except);
                yield new Outcome(r.exitCode(), r.output());
            }
            case "init" -> {
                // As pkrj init prints the problems it finds reading the requirements.
                Init.Result r = Init.run(req);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(new DiagnosticWriter(r.sources(), 80).writeBytes(r.diags()));
                if (out.size() > 0) {
                    out.write('\n');
                }
                yield new Outcome(r.diags().hasErrors() ? 1 : 0, out.toByteArray());
            }
            default -> throw new IllegalArgumentException(name + ": command " + command + " is not supported here");
        };
    }

    /** Runs the command with packer 1.6.6 in {@code dir}, as the handmade oracle was made. */
    public Outcome runPacker(Path packer, Path dir) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(packer.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        byte[] printed = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("packer did not finish");
        }
        return new Outcome(p.exitValue(), printed);
    }

    /** The engine's {@code validate} (or {@code init}) prints the case's text and exits with its code. */
    public void assertEngine(Path dir) throws IOException {
        writeFiles(dir);
        Outcome ours = runEngine(dir);
        org.assertj.core.api.Assertions.assertThat(ours.text()).isEqualTo(expectedText());
        org.assertj.core.api.Assertions.assertThat(ours.rc()).isEqualTo(rc());
    }

    /** The real packer prints the same, unless the case names a deliberate difference (then it must not). */
    public void assertPacker(Path packer, Path dir) throws IOException, InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(packer)
                || "true".equals(System.getenv("CI")), "packer is not installed");
        writeFiles(dir);
        Outcome theirs = runPacker(packer, dir);
        if (differs() == null) {
            org.assertj.core.api.Assertions.assertThat(sameAs(theirs))
                    .as("packer printed (rc %d):%n%s", theirs.rc(), theirs.text()).isTrue();
        } else {
            org.assertj.core.api.Assertions.assertThat(sameAs(theirs)).as("deliberate difference: %s", differs())
                    .isFalse();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
