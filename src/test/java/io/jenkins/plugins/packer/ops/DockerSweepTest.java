package io.jenkins.plugins.packer.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import io.jenkins.plugins.packer.docker.DockerDaemon;
import io.jenkins.plugins.packer.docker.DockerEngine;
import io.jenkins.plugins.packer.docker.DockerSweeper;
import io.jenkins.plugins.packer.run.journal.ResourceJournal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A docker build killed (SIGKILL) before its cleanup leaves its container running; {@code pkrj sweep} removes it,
 * by the id the journal holds, or by the name the journal gave it when the build died before the daemon's answer.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DockerSweepTest {

    @TempDir
    Path work;

    DockerDaemon daemon;
    DockerEngine engine;

    @BeforeEach
    void connect() throws Exception {
        daemon = DockerDaemon.shared();
        engine = daemon.engine();
    }

    @AfterEach
    void close() throws IOException {
        engine.close();
    }

    private Path stateDir() {
        return work.resolve("state");
    }

    private List<Container> containers() {
        return engine.client().listContainersCmd().withShowAll(true).exec();
    }

    private List<Path> journals() throws IOException {
        Path runs = stateDir().resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.toList();
        }
    }

    private String sweep() throws IOException {
        List<String> out = new ArrayList<>();
        int code = Sweep.run(new Sweep.Request(stateDir(), Map.of("PATH", "/usr/bin:/bin"), false, null, null,
                List.of(), Clock.systemUTC(), out::add));
        return code + "\n" + String.join("\n", out);
    }

    @Test
    void aKilledDockerBuildsContainerIsSwept() throws Exception {
        Files.writeString(work.resolve("t.pkr.hcl"), """
                source "docker" "c" {
                  image       = "%s"
                  pull        = false
                  discard     = true
                  run_command = %s
                }
                build {
                  sources = ["source.docker.c"]
                  provisioner "shell" {
                    inline = ["echo provisioning-started", "sleep 120"]
                  }
                }
                """.formatted(DockerDaemon.BUSYBOX, DockerDaemon.RUN_COMMAND));
        Files.createDirectories(work.resolve("home"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.jenkins.plugins.packer.cli.Main", "build", "-color=false", "t.pkr.hcl")
                .directory(work.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "HOME", work.resolve("home").toString(),
                "PKRJ_STATE_DIR", stateDir().toString(), "DOCKER_HOST", daemon.host(),
                "TMPDIR", System.getProperty("java.io.tmpdir")));
        Process p = pb.start();
        CountDownLatch started = new CountDownLatch(1);
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.contains("provisioning-started")) {
                        started.countDown();
                    }
                }
            } catch (IOException e) {
                // killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            assertThat(started.await(120, TimeUnit.SECONDS)).as("%s", output).isTrue();
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(containers()).as("what the killed build left").hasSize(1);
        String id = containers().get(0).getId();

        String swept = sweep();

        assertThat(swept).startsWith("0\n").contains("==> sweep: Removing docker container " + id + " in "
                + daemon.host() + " (run ");
        assertThat(containers()).isEmpty();
        assertThat(journals()).as("the journal of a run swept clean is gone").isEmpty();
    }

    @Test
    void aContainerWhoseCreateCallNeverAnsweredIsFoundByItsName() throws Exception {
        // The journal of a build killed between the create call and its answer: the intent with the container's
        // name, and no id.
        ResourceJournal journal = ResourceJournal.open(stateDir(), "run-killed-at-create", Clock.systemUTC());
        journal.intent("docker.c", DockerSweeper.CONTAINER_KIND, daemon.host(), "packer-steps-killed-at-create", "");
        engine.client().createContainerCmd(DockerDaemon.BUSYBOX).withName("packer-steps-killed-at-create")
                .withCmd("sleep", "120").exec();
        journal.close();
        assertThat(containers()).hasSize(1);

        String swept = sweep();

        assertThat(swept).startsWith("0\n").contains("Removing docker container packer-steps-killed-at-create");
        assertThat(containers()).isEmpty();
        assertThat(journals()).isEmpty();
    }
}
