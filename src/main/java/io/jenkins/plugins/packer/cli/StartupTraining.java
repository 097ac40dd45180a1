package io.jenkins.plugins.packer.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The run the {@code pkrj} launcher records for the JVM's start-up cache (the class-data archive, or Java 25's AOT
 * cache): the commands users run most ({@code validate}, {@code validate -syntax-only}, {@code fmt -check},
 * {@code inspect}, {@code console}) on a representative template of amazon-ebs and docker sources, with functions,
 * variables and provisioners, then a build's first steps; its output is discarded. It reaches no network and writes
 * only a temporary folder. {@code commands} runs the commands alone, {@code build} the build alone: the launcher
 * keeps a cache for each, since a cache loads every class it holds when the JVM starts.
 */
public final class StartupTraining {

    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("pkrj-training");
        try (InputStream template = StartupTraining.class.getResourceAsStream("startup-training.pkr.hcl")) {
            Files.copy(template, dir.resolve("app.pkr.hcl"));
        }
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        String part = args.length == 0 ? "all" : args[0];
        try {
            if (!part.equals("build")) {
                run(dir, sink, "", "validate", ".");
                run(dir, sink, "", "validate", "-syntax-only", ".");
                run(dir, sink, "", "fmt", "-check", ".");
                run(dir, sink, "", "inspect", ".");
                run(dir, sink, "local.packages\nupper(var.region)\n", "console", "app.pkr.hcl");
            }
            if (part.equals("commands")) {
                return;
            }
            // A build's first steps: an amazon-ebs build whose EC2 is a closed port on 127.0.0.1 (the AWS SDK's
            // client, credentials, signing and HTTP, refused at once, one attempt) and an SSH build refused the same
            // way (the SSH library's client).
            Path build = Files.createDirectories(dir.resolve("build"));
            try (InputStream template = StartupTraining.class.getResourceAsStream("startup-training-build.pkr.hcl")) {
                Files.copy(template, build.resolve("build.pkr.hcl"));
            }
            java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
            env.put("AWS_ACCESS_KEY_ID", "AKIASTARTUPTRAINING1");
            env.put("AWS_SECRET_ACCESS_KEY", "startup-training-not-a-secret");
            env.put("AWS_MAX_ATTEMPTS", "1");
            env.put("PKRJ_STATE_DIR", dir.resolve("state").toString());
            env.put("HOME", dir.toString());
            Main.run(new Main.Io(InputStream.nullInputStream(), sink, env, build), "build", "-color=false",
                    "build.pkr.hcl");
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    private static void run(Path dir, PrintStream sink, String input, String... args) {
        Main.run(new Main.Io(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), sink, System.getenv(),
                dir), args);
    }
}
