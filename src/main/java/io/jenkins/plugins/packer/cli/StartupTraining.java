package io.jenkins.plugins.packer.cli;

import io.jenkins.plugins.packer.run.training.TrainingBake;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The run the {@code pkrj} launcher records for the JVM's start-up cache (the class-data archive, or Java 25's AOT
 * cache): the commands users run most ({@code validate}, {@code validate -syntax-only}, {@code fmt -check},
 * {@code inspect}, {@code console}) on a representative template of amazon-ebs and docker sources, with functions,
 * variables and provisioners, then the training bake ({@link TrainingBake}) twice, against an SSH server with an ECDSA
 * and with an Ed25519 host key; its output is discarded. It reaches no network and writes only temporary folders.
 * {@code commands} runs the commands alone, {@code build} the bakes alone: the launcher keeps a cache for each, since
 * a cache loads every class it holds when the JVM starts.
 */
public final class StartupTraining {

    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        Main.quickStart();
        String part = args.length == 0 ? "all" : args[0];
        if (!part.equals("build")) {
            Path dir = Files.createTempDirectory("pkrj-training");
            try (InputStream template = StartupTraining.class.getResourceAsStream("startup-training.pkr.hcl")) {
                Files.copy(template, dir.resolve("app.pkr.hcl"));
                PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
                run(dir, sink, "", "validate", ".");
                run(dir, sink, "", "validate", "-syntax-only", ".");
                run(dir, sink, "", "fmt", "-check", ".");
                run(dir, sink, "", "inspect", ".");
                run(dir, sink, "local.packages\nupper(var.region)\n", "console", "app.pkr.hcl");
            } finally {
                TrainingBake.deleteTree(dir);
            }
        }
        if (!part.equals("commands")) {
            // PKRJ_TRAINING_OUTPUT=1 shows the training build's output (to see that it ran to its end).
            PrintStream out = "1".equals(System.getenv("PKRJ_TRAINING_OUTPUT")) ? System.out
                    : new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            TrainingBake.Build build = (folder, env) -> Main.run(new Main.Io(InputStream.nullInputStream(), out, env,
                    folder), "build", "-color=false", "build.pkr.hcl");
            // Then again against an SSH server with an Ed25519 host key: the client checks its signature with
            // classes of their own.
            TrainingBake.run(build, false);
            TrainingBake.run(build, true);
        }
    }

    private static void run(Path dir, PrintStream sink, String input, String... args) {
        Main.run(new Main.Io(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), sink, System.getenv(),
                dir), args);
    }
}
