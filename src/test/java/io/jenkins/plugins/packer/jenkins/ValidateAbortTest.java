package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An aborted {@code packerValidate} interrupts the agent's thread that runs the callable (remoting cancels the call):
 * the evaluation of the template on its deep-stack thread stops too, rather than going on, unwatched, on the agent.
 */
class ValidateAbortTest {

    @TempDir
    Path workspace;

    @Test
    void anAbortStopsTheEvaluationOnTheAgent() throws Exception {
        Files.writeString(workspace.resolve("t.pkr.hcl"), """
                locals {
                  n = length([for a in range(1024): length([for b in range(1024): length([for c in range(1024): c])])])
                }
                source "null" "a" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.a"]
                }
                """);
        ValidateRequest req = new ValidateRequest("t.pkr.hcl", Map.of(), List.of(), List.of(), List.of(), false,
                Map.of());
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread call = new Thread(() -> {
            try {
                outcome.set(new ValidateCallable(req).invoke(workspace.toFile(), null));
            } catch (IOException | RuntimeException e) {
                outcome.set(e);
            }
        }, "validate-abort-test");
        call.start();
        Thread.sleep(300);
        call.interrupt();
        call.join(5_000);

        assertThat(call.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(IOException.class);
        assertThat(evaluating()).as("the evaluation stopped within 5 s").isEmpty();
    }

    private static List<Thread> evaluating() throws InterruptedException {
        List<Thread> left = List.of();
        for (int i = 0; i < 50; i++) {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("validate-abort-test (deep stack)") && t.isAlive()).toList();
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        return left;
    }
}
