package io.jenkins.plugins.packer.jenkins;

import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.training.TrainingBake;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine's warm-up in an agent's JVM, so that its first {@code packerBuild} does not pay what the second does
 * not: {@code packerBuild}'s own path ({@link PackerBuilding#build}) runs the start-up training's bake, an amazon-ebs
 * bake with a shell provisioner against an EC2 endpoint and an SSH server of its own on 127.0.0.1
 * ({@link TrainingBake}). The engine's classes, the AWS SDK's and the SSH library's are loaded (over the
 * channel, into the agent's jar cache), initialised and compiled once; nothing leaves the machine, and the temporary
 * folder is removed. Runs once per class loader of the plugin (once per agent JVM, again if the agent reconnects and
 * loads the plugin anew), on a daemon thread of the lowest priority.
 */
public final class AgentWarmUp {

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final CompletableFuture<Integer> DONE = new CompletableFuture<>();

    private AgentWarmUp() {
    }

    /** Starts the warm-up in the background; false when it started already. */
    static boolean start() {
        if (!STARTED.compareAndSet(false, true)) {
            return false;
        }
        Thread thread = new Thread(() -> {
            try {
                DONE.complete(run());
            } catch (IOException | RuntimeException | Error e) {
                DONE.completeExceptionally(e);
            }
        }, "Packer Steps warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        // The plugin's class loader, as a callable runs with on an agent, wherever the caller's thread came from.
        thread.setContextClassLoader(AgentWarmUp.class.getClassLoader());
        thread.start();
        return true;
    }

    /** The background warm-up's exit code once it ended (0 when the training bake made its AMI). */
    static CompletableFuture<Integer> done() {
        return DONE;
    }

    /** Runs the warm-up on this thread and returns the training bake's exit code. */
    public static int run() throws IOException {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        return TrainingBake.run((folder, env) -> PackerBuilding.build(folder, new BuildRequest("warm-up",
                "build.pkr.hcl", Map.of(), List.of(), List.of(), List.of(), "cleanup", 0, false, false, false, env,
                null), discard, new Cancellation(), Clock.systemDefaultZone()).exitCode(), false);
    }
}
