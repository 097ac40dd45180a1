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
import java.util.HashMap;
import java.util.Map;
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
                delete(dir);
            }
        }
        if (!part.equals("commands")) {
            // PKRJ_TRAINING_OUTPUT=1 shows the training build's output (to see that it ran to its end).
            PrintStream out = "1".equals(System.getenv("PKRJ_TRAINING_OUTPUT")) ? System.out
                    : new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            Build build = (folder, env) -> Main.run(new Main.Io(InputStream.nullInputStream(), out, env, folder),
                    "build", "-color=false", "build.pkr.hcl");
            // Then again against an SSH server with an Ed25519 host key: the client checks its signature with
            // classes of their own.
            bake(build, false);
            bake(build, true);
        }
    }

    /** One build of the training's template: {@code build.pkr.hcl} in {@code folder}, with the environment given. */
    @FunctionalInterface
    public interface Build {
        /** Builds and returns the exit code. */
        int run(Path folder, Map<String, String> env) throws Exception;
    }

    /**
     * A bake of amazon-ebs, with a shell provisioner, against an EC2 endpoint and an SSH server of its own on 127.0.0.1
     * ({@link TrainingMachine}), in a temporary folder removed at the end: the AWS SDK's requests and answers, an SSH
     * session, its uploads and commands. {@code build} runs it (the command line's build, or {@code packerBuild}'s on
     * an agent) in an environment of its own: the training's keys, {@code PATH}, nothing else of this process's (no
     * proxy, profile or debug log of the user's). Returns the build's exit code.
     */
    public static int bake(Build build) throws IOException {
        return bake(build, false);
    }

    /** {@link #bake(Build)}, against an SSH server with an Ed25519 host key when {@code ed25519}. */
    static int bake(Build build, boolean ed25519) throws IOException {
        Path dir = Files.createTempDirectory("pkrj-training");
        try {
            Path folder = Files.createDirectories(dir.resolve("build"));
            Files.createDirectories(dir.resolve("machine/tmp"));
            try (TrainingMachine machine = TrainingMachine.start(dir.resolve("machine"), ed25519);
                 InputStream template = StartupTraining.class.getResourceAsStream("startup-training-build.pkr.hcl")) {
                Files.writeString(folder.resolve("build.pkr.hcl"), new String(template.readAllBytes(),
                        StandardCharsets.UTF_8).replace("@EC2@", machine.ec2Endpoint())
                        .replace("@SSH@", Integer.toString(machine.sshPort())));
                Map<String, String> env = new HashMap<>();
                String path = System.getenv("PATH");
                if (path != null) {
                    env.put("PATH", path);
                }
                env.put("AWS_ACCESS_KEY_ID", "AKIASTARTUPTRAINING1");
                env.put("AWS_SECRET_ACCESS_KEY", "startup-training-not-a-secret");
                env.put("AWS_MAX_ATTEMPTS", "1");
                env.put("PKRJ_STATE_DIR", dir.resolve("state").toString());
                env.put("HOME", dir.toString());
                return build.run(folder, env);
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("the start-up training's bake could not run: " + e, e);
            }
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void run(Path dir, PrintStream sink, String input, String... args) {
        Main.run(new Main.Io(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), sink, System.getenv(),
                dir), args);
    }
}
