package io.jenkins.plugins.packer.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the system will not reserve a 1 GB stack (an agent or a CI container with a low {@code ulimit -v}), commands
 * and builds still run, on the largest stack it grants.
 */
class DeepStackTest {

    @TempDir
    Path dir;

    private Process underLimit(long kilobytes, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of("bash", "-c",
                "ulimit -v " + kilobytes + " && exec \"$@\"", "limited", java, "-Xmx128m",
                "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=128m", "-XX:CompressedClassSpaceSize=64m",
                "-XX:+UseSerialGC", "-Xshare:off", "-cp", System.getProperty("java.class.path"),
                "io.jenkins.plugins.packer.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    }

    @Test
    void aCommandRunsWhereA1GbStackIsRefused() throws Exception {
        Files.writeString(dir.resolve("t.pkr.hcl"), """
                locals {
                  nested = [[[[[[[[[[1]]]]]]]]]]
                }
                source "null" "n" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.n"]
                  provisioner "shell-local" {
                    inline = ["echo ${local.nested[0][0][0][0][0][0][0][0][0][0]}"]
                  }
                }
                """);
        for (String command : List.of("validate", "build")) {
            Process p = command.equals("build") ? underLimit(2_000_000, command, "-color=false", "t.pkr.hcl")
                    : underLimit(2_000_000, command, "t.pkr.hcl");
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out).as("the JVM was refused the 1 GB stack").contains("pthread_create failed")
                    .contains("stacksize: 1048576k");
            assertThat(p.exitValue()).as(out).isZero();
            String ours = out.lines().filter(l -> !l.contains("[os,thread]")).collect(
                    java.util.stream.Collectors.joining("\n"));
            if (command.equals("validate")) {
                assertThat(ours).as("a valid template: nothing to say, as packer 1.6.6").isEmpty();
            } else {
                assertThat(ours).contains("    null.n: 1\n").contains("Build 'null.n' finished after");
            }
        }
    }
}
