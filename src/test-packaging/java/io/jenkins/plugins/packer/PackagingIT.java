package io.jenkins.plugins.packer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * What the packaged artifacts hold, read from the files the build made: the plugin (the jar of the default build, or
 * the .hpi of -Pjenkins) has its steps, views and Jenkins index but neither the Jenkins API stand-in nor a test class;
 * pkrj.jar runs and has no Jenkins in it.
 */
class PackagingIT {

    private static final Path ARTIFACT = Path.of(System.getProperty("packaged.artifact"));
    private static final Path TEST_CLASSES = Path.of(System.getProperty("test.classes.dir"));
    private static final Path STAND_IN = Path.of(System.getProperty("stand-in.sources"));
    private static final Path PKRJ = Path.of(System.getProperty("pkrj.jar"));
    private static final String PLUGIN_JAR = "WEB-INF/lib/packer-steps.jar";

    private static boolean isHpi() {
        return ARTIFACT.getFileName().toString().endsWith(".hpi");
    }

    /** The entries of the plugin's own jar: the artifact itself, or the jar inside the .hpi. */
    private static Set<String> pluginJarEntries() throws IOException {
        if (!isHpi()) {
            return entries(ARTIFACT);
        }
        try (ZipFile hpi = new ZipFile(ARTIFACT.toFile())) {
            ZipEntry jar = hpi.getEntry(PLUGIN_JAR);
            assertThat(jar).as("%s in %s", PLUGIN_JAR, ARTIFACT).isNotNull();
            Set<String> names = new TreeSet<>();
            try (ZipInputStream in = new ZipInputStream(hpi.getInputStream(jar))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    names.add(e.getName());
                }
            }
            return names;
        }
    }

    private static Set<String> entries(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return z.stream().map(ZipEntry::getName).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The class files of src/stand-in/java's top-level types (their nested classes share the prefix). */
    private static List<String> standInClassPrefixes() throws IOException {
        try (Stream<Path> files = Files.walk(STAND_IN)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> STAND_IN.relativize(p).toString().replace('\\', '/').replaceAll("\\.java$", ""))
                    .collect(Collectors.toList());
        }
    }

    /** Every file the test compilation wrote: classes and test resources. */
    private static Set<String> testOutputFiles() throws IOException {
        try (Stream<Path> files = Files.walk(TEST_CLASSES)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> TEST_CLASSES.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void assertHoldsNoStandInAndNoTestOutput(Set<String> names, String what) throws IOException {
        List<String> standIn = standInClassPrefixes();
        assertThat(standIn).as("stand-in sources").contains("hudson/model/TaskListener");
        assertThat(names).as("%s: stand-in classes", what)
                .noneMatch(n -> standIn.stream().anyMatch(s -> n.equals(s + ".class") || n.startsWith(s + "$")));
        Set<String> tests = testOutputFiles();
        assertThat(tests).as("test output").contains("io/jenkins/plugins/packer/PackagingIT.class");
        assertThat(names).as("%s: test classes and test resources", what).doesNotContainAnyElementsOf(tests);
    }

    @Test
    void thePluginHoldsItsStepsViewsAndIndex() throws IOException {
        Set<String> names = pluginJarEntries();

        assertThat(names).contains(
                "io/jenkins/plugins/packer/jenkins/PackerBuildStep.class",
                "io/jenkins/plugins/packer/jenkins/PackerValidateStep.class",
                "io/jenkins/plugins/packer/jenkins/PackerBuildBuilder.class",
                "io/jenkins/plugins/packer/jenkins/PackerBuildStep/config.jelly",
                "io/jenkins/plugins/packer/jenkins/PackerBuildBuilder/config.jelly",
                "index.jelly",
                "META-INF/annotations/hudson.Extension",
                "io/jenkins/plugins/packer/hcl/Parser.class",
                "io/jenkins/plugins/packer/builder/amazon/ebs/EbsBuilder.class",
                "META-INF/services/io.jenkins.plugins.packer.run.Builder");
    }

    @Test
    void thePluginHoldsNeitherTheStandInNorTests() throws IOException {
        Set<String> names = pluginJarEntries();

        assertThat(names).noneMatch(n -> n.matches("(hudson|jenkins|org/jenkinsci|org/kohsuke|com/cloudbees)/.*"));
        assertHoldsNoStandInAndNoTestOutput(names, ARTIFACT.getFileName().toString());
    }

    @Test
    void theHpiBundlesTheEngineWithoutTheCommandLine() throws IOException {
        if (!isHpi()) {
            return;
        }
        Set<String> libs = entries(ARTIFACT).stream().filter(n -> n.startsWith("WEB-INF/lib/"))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(libs).contains(PLUGIN_JAR)
                .anyMatch(n -> n.startsWith("WEB-INF/lib/url-connection-client-"))
                .anyMatch(n -> n.startsWith("WEB-INF/lib/java-diff-utils-"))
                .noneMatch(n -> n.matches(
                        "WEB-INF/lib/(jenkins-api|picocli|slf4j-nop|junit|assertj|archunit|jmh|jazzer).*"))
                .as("what Jenkins' library plugins provide (aws-java-sdk2, jackson2-api, snakeyaml-api,"
                        + " commons-compress-api, mina-sshd-api, eddsa-api) is theirs")
                .noneMatch(n -> n.matches("WEB-INF/lib/(ec2|sts|ssm|secretsmanager|iam|sdk-core|aws-core|regions|auth"
                        + "|jackson-databind|jackson-core|snakeyaml|commons-compress|sshd-.*|eddsa)-[0-9].*"));
        assertThat(pluginJarEntries()).noneMatch(n -> n.startsWith("io/jenkins/plugins/packer/cli/"));
    }

    @Test
    void pkrjJarHoldsTheEngineAndTheCommandLineOnly() throws IOException {
        if (isHpi()) {
            return;
        }
        Set<String> names = entries(PKRJ);

        assertThat(names).contains("io/jenkins/plugins/packer/cli/Main.class",
                        "io/jenkins/plugins/packer/hcl/Parser.class", "picocli/CommandLine.class")
                .noneMatch(n -> n.startsWith("io/jenkins/plugins/packer/jenkins/"))
                .doesNotContain("index.jelly", "META-INF/annotations/hudson.Extension");
        assertHoldsNoStandInAndNoTestOutput(names, "pkrj.jar");
        try (JarFile jar = new JarFile(PKRJ.toFile())) {
            Manifest manifest = jar.getManifest();
            assertThat(manifest.getMainAttributes().getValue("Main-Class")).isEqualTo("io.jenkins.plugins.packer.cli.Main");
        }
    }

    /**
     * Every class the engine and the command line refer to (each class file's constant pool) is in pkrj.jar or in
     * the JDK: a library left out of the jar (a "provided" scope that shading skips) fails here, not in a user's
     * build with a NoClassDefFoundError.
     */
    @Test
    void pkrjJarHoldsEveryClassItsOwnCodeRefersTo() throws IOException {
        if (isHpi()) {
            return;
        }
        Set<String> names = entries(PKRJ);
        Set<String> missing = new TreeSet<>();
        ClassLoader jdk = ClassLoader.getPlatformClassLoader();
        try (ZipFile zip = new ZipFile(PKRJ.toFile())) {
            for (String name : names) {
                if (!name.startsWith("io/jenkins/plugins/packer/") || !name.endsWith(".class")) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
                    bytes = in.readAllBytes();
                }
                for (String ref : classReferences(bytes)) {
                    if (!names.contains(ref + ".class") && jdk.getResource(ref + ".class") == null) {
                        missing.add(ref + " (from " + name + ")");
                    }
                }
            }
        }
        assertThat(missing).as("classes pkrj.jar's own code refers to but does not hold").isEmpty();
    }

    /** The class names (internal form, arrays unwrapped) of a class file's CONSTANT_Class entries. */
    static Set<String> classReferences(byte[] b) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(b);
        in.position(8);
        int count = in.getShort() & 0xffff;
        String[] utf8 = new String[count];
        List<Integer> classNameIndexes = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.get() & 0xff;
            switch (tag) {
                case 1 -> {
                    int len = in.getShort() & 0xffff;
                    byte[] text = new byte[len];
                    in.get(text);
                    utf8[i] = new String(text, StandardCharsets.UTF_8);
                }
                case 7 -> classNameIndexes.add(in.getShort() & 0xffff);
                case 8, 16, 19, 20 -> in.position(in.position() + 2);
                case 15 -> in.position(in.position() + 3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.position(in.position() + 4);
                case 5, 6 -> {
                    in.position(in.position() + 8);
                    i++;
                }
                default -> throw new IllegalStateException("constant pool tag " + tag);
            }
        }
        Set<String> out = new TreeSet<>();
        for (int idx : classNameIndexes) {
            String n = utf8[idx];
            if (n.startsWith("[")) {
                int l = n.indexOf('L');
                if (l < 0) {
                    continue;
                }
                n = n.substring(l + 1, n.length() - 1);
            }
            out.add(n);
        }
        return out;
    }

    @Test
    void pkrjJarRunsOnItsOwn() throws IOException, InterruptedException {
        if (isHpi()) {
            return;
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", PKRJ.toString(), "version"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("pkrj version finished").isTrue();

        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).startsWith("pkrj v" + System.getProperty("project.version") + " (Packer v");
    }

    /** A Java 25 or later (the class-file API the launcher's UpgradeClassFiles uses), or null. */
    private static Path java25() throws IOException {
        List<Path> homes = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> s = Files.list(jvms)) {
                s.sorted().forEach(homes::add);
            }
        }
        for (Path home : homes) {
            Path release = home.resolve("release");
            if (!Files.isReadable(release) || !Files.isExecutable(home.resolve("bin/java"))) {
                continue;
            }
            String version = Files.readAllLines(release).stream().filter(l -> l.startsWith("JAVA_VERSION="))
                    .findFirst().orElse("").replaceAll("JAVA_VERSION=\"(\\d+).*", "$1");
            if (version.matches("\\d+") && Integer.parseInt(version) >= 25) {
                return home.resolve("bin/java");
            }
        }
        return null;
    }

    private record Ran(int exitCode, String output) {}

    private static Ran run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new Ran(p.exitValue(), out);
    }

    /**
     * The launcher runs a copy of pkrj.jar whose Java 5 class files (picocli's) are rewritten as Java 8 ones, so that
     * Java 25's AOT cache can hold them: the copy has no class file older than Java 6 and answers as the jar does.
     */
    @Test
    void theLaunchersUpgradedJarAnswersAsTheJar() throws Exception {
        if (isHpi()) {
            return;
        }
        Path java25 = java25();
        org.junit.jupiter.api.Assumptions.assumeTrue(java25 != null, "no Java 25 or later here");
        Path dir = Files.createTempDirectory("pkrj-upgrade");
        Path upgraded = dir.resolve("pkrj-upgraded.jar");
        Ran upgrade = run(dir, java25.toString(), Path.of(System.getProperty("launcher.sources"))
                .resolve("UpgradeClassFiles.java").toString(), PKRJ.toString(), upgraded.toString());
        assertThat(upgrade.exitCode()).as(upgrade.output()).isZero();
        assertThat(upgrade.output()).matches("(?s)[1-9]\\d* class files upgraded\\s*");
        int old = 0;
        try (ZipFile zip = new ZipFile(upgraded.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (e.getName().endsWith(".class") && !e.getName().endsWith("module-info.class")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        byte[] head = in.readNBytes(8);
                        if (((head[6] & 0xff) << 8 | head[7] & 0xff) < 50) {
                            old++;
                        }
                    }
                }
            }
        }
        assertThat(old).as("class files older than Java 6 left").isZero();
        Files.writeString(dir.resolve("ok.pkr.hcl"), "source \"null\" \"a\" {\n  communicator = \"none\"\n}\n"
                + "build {\n  sources = [\"source.null.a\"]\n}\n");
        Files.writeString(dir.resolve("bad.pkr.hcl"), "source \"null\" \"a\" {\n communicator=\"none\"\n  x = \n}\n");
        List<List<String>> invocations = List.of(List.of("version"), List.of("fmt", "-check", "ok.pkr.hcl"),
                List.of("fmt", "-check", "-diff", "bad.pkr.hcl"), List.of("validate", "ok.pkr.hcl"),
                List.of("validate", "bad.pkr.hcl"), List.of("validate", "-bogus", "ok.pkr.hcl"),
                List.of("inspect", "ok.pkr.hcl"), List.of("nonsense"));
        for (List<String> args : invocations) {
            List<String> original = new ArrayList<>(List.of(java25.toString(), "-jar", PKRJ.toString()));
            original.addAll(args);
            List<String> copy = new ArrayList<>(List.of(java25.toString(), "-jar", upgraded.toString()));
            copy.addAll(args);
            assertThat(run(dir, copy.toArray(String[]::new))).as(String.join(" ", args))
                    .isEqualTo(run(dir, original.toArray(String[]::new)));
        }
    }
}
