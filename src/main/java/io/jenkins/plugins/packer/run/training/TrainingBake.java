package io.jenkins.plugins.packer.run.training;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A bake of amazon-ebs, with a shell provisioner, against an EC2 endpoint and an SSH server of its own on 127.0.0.1
 * ({@link TrainingMachine}), in a temporary folder removed at the end: the AWS SDK's requests and answers, an SSH
 * session, its uploads and commands. The command line's start-up cache is recorded from it, and agents run it to warm
 * the engine up before their first {@code packerBuild}.
 */
public final class TrainingBake {

    private TrainingBake() {
    }

    /** One build of the training's template: {@code build.pkr.hcl} in {@code folder}, with the environment given. */
    @FunctionalInterface
    public interface Build {
        /** Builds and returns the exit code. */
        int run(Path folder, Map<String, String> env) throws Exception;
    }

    /**
     * Runs the bake: {@code build} runs it (the command line's build, or {@code packerBuild}'s path on an agent) in an
     * environment of its own (the training's keys and {@code PATH}, nothing else of this process's: no proxy, profile
     * or debug log of the user's). The SSH server's host key is an Ed25519 one when {@code ed25519}, else an ECDSA one.
     * Returns the build's exit code.
     */
    public static int run(Build build, boolean ed25519) throws IOException {
        Path dir = Files.createTempDirectory("pkrj-training");
        try {
            Path folder = Files.createDirectories(dir.resolve("build"));
            Files.createDirectories(dir.resolve("machine/tmp"));
            try (TrainingMachine machine = TrainingMachine.start(dir.resolve("machine"), ed25519);
                 InputStream template = TrainingBake.class.getResourceAsStream("training-bake.pkr.hcl")) {
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
                throw new IOException("the training bake could not run: " + e, e);
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** Removes {@code dir} and everything in it. */
    public static void deleteTree(Path dir) throws IOException {
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
}
