package io.jenkins.plugins.packer.communicator.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.CollectedOutput;
import io.jenkins.plugins.packer.run.PackerBuild;
import io.jenkins.plugins.packer.run.RunOptions;
import io.jenkins.plugins.packer.run.RunRequest;
import io.jenkins.plugins.packer.run.RunResult;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Null builds over SSH against a real OpenSSH sshd on 127.0.0.1: key authentication with ed25519 and rsa keys, the
 * shell provisioner's output and exit codes, file uploads and downloads with scp and sftp, a wrong key, a server
 * that never answers, one that comes up late, and a connection dropped during a command.
 */
class SshBuildTest {

    @TempDir
    static Path shared;

    static OpenSshServer server;

    @TempDir
    Path work;

    @BeforeAll
    static void startServer() throws Exception {
        server = OpenSshServer.prepare(shared.resolve("sshd")).start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }


    record Built(RunResult result, String output) {}

    private Built build(String template) {
        try {
            Files.writeString(work.resolve("t.pkr.hcl"), template);
            Path tmp = Files.createDirectories(work.resolve("tmp"));
            Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "TMPDIR", tmp.toString());
            LoadRequest load = new LoadRequest(work, "t.pkr.hcl", List.of(), Map.of(), env, Clock.systemUTC());
            CollectedOutput out = new CollectedOutput();
            RunResult r = PackerBuild.run(new RunRequest(load, List.of(), List.of(), RunOptions.DEFAULT, out,
                    new Cancellation(), List.of(), UUID.randomUUID().toString()));
            return new Built(r, out.text());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String source(int port, Path key, String extra) {
        return """
                source "null" "s" {
                  ssh_host             = "127.0.0.1"
                  ssh_port             = %d
                  ssh_username         = "%s"
                  ssh_private_key_file = "%s"
                  %s
                }
                """.formatted(port, OpenSshServer.user(), key, extra);
    }

    /**
     * The build block; shell scripts go to a folder of the test's own, any user may write to: a failed or
     * cancelled script stays behind as in Packer, and {@code /tmp} outlives the test run.
     */
    private String buildBlock(String provisioners) {
        Path scripts = work.resolve("remote-tmp");
        try {
            Files.createDirectories(scripts);
            Files.setPosixFilePermissions(scripts, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
            work.toFile().setExecutable(true, false);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String placed = provisioners.replace("provisioner \"shell\" {\n",
                "provisioner \"shell\" {\n    remote_folder = \"" + scripts + "\"\n");
        return "build {\n  sources = [\"source.null.s\"]\n" + placed + "\n}\n";
    }

    @Test
    void shellOverEd25519KeyStreamsOutputAndChecksExitCodes() {
        Path remote = work.resolve("remote");
        Built b = build(source(server.port, server.ed25519Key, "") + buildBlock("""
                  provisioner "shell" {
                    environment_vars = ["GREETING=it's me"]
                    inline = ["echo \\"$GREETING on $PACKER_BUILDER_TYPE\\"", "echo oops >&2", "mkdir -p %s",
                              "echo ran > %s/marker"]
                  }
                  provisioner "shell" {
                    inline           = ["exit 3"]
                    valid_exit_codes = [0, 3]
                  }
                """.formatted(remote, remote)));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).startsWith("""
                ==> null.s: Using ssh communicator to connect: 127.0.0.1
                ==> null.s: Waiting for SSH to become available...
                ==> null.s: Connected to SSH!
                ==> null.s: Provisioning with shell script: """)
                .contains("\n    null.s: it's me on null\n")
                .contains("\n==> null.s: oops\n")
                .contains("Build 'null.s' finished after ");
        assertThat(remote.resolve("marker")).hasContent("ran");
        try (var scripts = Files.list(Path.of("/tmp"))) {
            assertThat(scripts.filter(p -> p.getFileName().toString().matches("script_\\d+\\.sh"))
                    .filter(p -> {
                        try {
                            return Files.readString(p).contains(remote.toString());
                        } catch (java.io.IOException e) {
                            return false;
                        }
                    }).toList()).as("the remote script was removed").isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aStatusOutsideValidExitCodesFailsTheBuild() {
        Built b = build(source(server.port, server.rsaKey, "") + buildBlock("""
                  provisioner "shell" {
                    inline = ["echo before", "exit 7"]
                  }
                """));
        assertThat(b.result().exitCode()).isEqualTo(1);
        assertThat(b.result().builds().get(0).error())
                .isEqualTo("Script exited with non-zero exit status: 7.Allowed exit codes are: [0]");
        assertThat(b.output()).contains("    null.s: before\n");
    }

    @Test
    void filesAndFoldersGoUpAndComeBackWithScp() throws Exception {
        assertTransfers("");
    }

    @Test
    void filesAndFoldersGoUpAndComeBackWithSftp() throws Exception {
        assertTransfers("ssh_file_transfer_method = \"sftp\"");
    }

    private void assertTransfers(String method) throws Exception {
        Files.writeString(work.resolve("up.txt"), "local file\n");
        Files.createDirectories(work.resolve("tree/sub"));
        Files.writeString(work.resolve("tree/a.txt"), "a\n");
        Files.writeString(work.resolve("tree/sub/b.txt"), "b\n");
        Path remote = work.resolve("remote");
        Files.createDirectories(remote.resolve("contents"));
        Built b = build(source(server.port, server.ed25519Key, method) + buildBlock("""
                  provisioner "file" {
                    source      = "up.txt"
                    destination = "%1$s/up.txt"
                  }
                  provisioner "file" {
                    source      = "up.txt"
                    destination = "%1$s/"
                  }
                  provisioner "file" {
                    source      = "tree"
                    destination = "%1$s"
                  }
                  provisioner "file" {
                    source      = "tree/"
                    destination = "%1$s/contents"
                  }
                  provisioner "file" {
                    content     = "made of content"
                    destination = "%1$s/content.txt"
                  }
                  provisioner "file" {
                    source      = "%1$s/content.txt"
                    destination = "down/content.txt"
                    direction   = "download"
                  }
                  provisioner "file" {
                    source      = "%1$s/tree/"
                    destination = "down/"
                    direction   = "download"
                  }
                """.formatted(remote)));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).contains("==> null.s: Uploading up.txt => " + remote + "/up.txt\n")
                .contains("==> null.s: Uploading tree => " + remote + "\n")
                .contains("==> null.s: Downloading " + remote + "/content.txt => down/content.txt\n");
        assertThat(remote.resolve("up.txt")).hasContent("local file");
        assertThat(remote.resolve("tree/a.txt")).hasContent("a");
        assertThat(remote.resolve("tree/sub/b.txt")).hasContent("b");
        assertThat(remote.resolve("contents/a.txt")).hasContent("a");
        assertThat(remote.resolve("contents/sub/b.txt")).hasContent("b");
        assertThat(work.resolve("down/content.txt")).hasContent("made of content");
        assertThat(work.resolve("down/tree/a.txt")).hasContent("a");
        assertThat(work.resolve("down/tree/sub/b.txt")).hasContent("b");
    }

    @Test
    void aWrongKeyFailsWithPackersAuthenticationError() throws Exception {
        Path wrong = work.resolve("wrong_key");
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", wrong.toString()).start().waitFor();
        Built b = build(source(server.port, wrong, "ssh_handshake_attempts = 1") + buildBlock("""
                  provisioner "shell" {
                    inline = ["echo never"]
                  }
                """));
        assertThat(b.result().exitCode()).isEqualTo(1);
        assertThat(b.result().builds().get(0).error()).startsWith("Packer experienced an authentication error when"
                + " trying to connect via SSH. This can happen if your username/password are wrong.");
        assertThat(b.output()).contains("==> null.s: Error waiting for SSH: Packer experienced an authentication"
                + " error").doesNotContain("never");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        int closed = OpenSshServer.freePort();
        Built b = build(source(closed, server.ed25519Key, "ssh_timeout = \"2s\"") + buildBlock("""
                  provisioner "shell" {
                    inline = ["echo never"]
                  }
                """));
        assertThat(b.result().exitCode()).isEqualTo(1);
        assertThat(b.result().builds().get(0).error()).isEqualTo("Timeout waiting for SSH.");
        assertThat(b.output()).contains("==> null.s: Timeout waiting for SSH.\n");
    }

    @Test
    void aServerThatComesUpLateIsWaitedFor() throws Exception {
        try (OpenSshServer late = OpenSshServer.prepare(work.resolve("late-sshd"))) {
            Thread starter = new Thread(() -> {
                try {
                    Thread.sleep(2500);
                    late.start();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            starter.start();
            Built b = build(source(late.port, late.ed25519Key, "ssh_timeout = \"60s\"") + buildBlock("""
                      provisioner "shell" {
                        inline = ["echo finally"]
                      }
                    """));
            starter.join();
            assertThat(b.result().exitCode()).as(b.output()).isZero();
            assertThat(b.output()).contains("==> null.s: Connected to SSH!\n").contains("    null.s: finally\n");
        }
    }

    @Test
    void aConnectionDroppedDuringACommandFailsUnlessExpected() {
        // The script kills the sshd process serving its session: the connection drops without an exit status.
        String killSession = "kill -9 $(ps -o ppid= -p $$)";
        Built unexpected = build(source(server.port, server.ed25519Key, "") + buildBlock("""
                  provisioner "shell" {
                    inline = ["%s"]
                  }
                """.formatted(killSession)));
        assertThat(unexpected.result().exitCode()).isEqualTo(1);
        assertThat(unexpected.result().builds().get(0).error()).startsWith("Script disconnected unexpectedly.");

        Built expected = build(source(server.port, server.ed25519Key, "") + buildBlock("""
                  provisioner "shell" {
                    inline            = ["%s"]
                    expect_disconnect = true
                  }
                  provisioner "shell" {
                    inline = ["echo reconnected"]
                  }
                """.formatted(killSession)));
        assertThat(expected.result().exitCode()).as(expected.output()).isZero();
        assertThat(expected.output()).contains("    null.s: reconnected\n");
    }

    /** The user .ci/run creates for password logins. */
    static final String PASSWORD_USER = "pkrj-ssh";
    static final String PASSWORD = "pkrj-ssh-password-1";

    @Test
    void passwordAuthenticationLogsInAndThePasswordNeverReachesTheLog() throws Exception {
        assumePasswordUser();
        Built b = build(passwordSource() + buildBlock("""
                  provisioner "shell" {
                    inline = ["echo logged in as $(whoami) with ${build.Password}"]
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).contains("    null.s: logged in as " + PASSWORD_USER + " with <sensitive>\n")
                .doesNotContain(PASSWORD);
    }

    @Test
    void anUploadTheServerRefusesFailsTheProvisionerInsteadOfRunningWhatIsThere() throws Exception {
        assumePasswordUser();
        // A file the login user may not replace: root's, in a folder only root writes to.
        Path folder = Files.createDirectories(work.resolve("not-yours"));
        Path taken = Files.writeString(folder.resolve("script.sh"), "#!/bin/sh\necho stale script ran\n");
        taken.toFile().setExecutable(true, false);
        folder.toFile().setReadable(true, false);
        folder.toFile().setExecutable(true, false);
        work.toFile().setExecutable(true, false);
        Built b = build(passwordSource() + buildBlock("""
                  provisioner "shell" {
                    inline              = ["echo fresh script ran"]
                    remote_path         = "%s"
                    start_retry_timeout = "1s"
                  }
                """.formatted(taken)));
        assertThat(b.result().exitCode()).as(b.output()).isEqualTo(1);
        assertThat(b.output()).doesNotContain("script ran")
                .contains("--> null.s: Error uploading script: scp: " + taken + ": Permission denied\n");
    }

    private static void assumePasswordUser() throws Exception {
        boolean exists = new ProcessBuilder("id", PASSWORD_USER).start().waitFor() == 0;
        if (!exists && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("the user " + PASSWORD_USER + " of .ci/run is missing");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(exists, "no user " + PASSWORD_USER + ": skipped outside CI");
    }

    private static String passwordSource() {
        return """
                source "null" "s" {
                  ssh_host     = "127.0.0.1"
                  ssh_port     = %d
                  ssh_username = "%s"
                  ssh_password = "%s"
                }
                """.formatted(server.port, PASSWORD_USER, PASSWORD);
    }

    @Test
    void aBastionHostCarriesTheConnection() throws Exception {
        try (OpenSshServer bastion = OpenSshServer.prepare(work.resolve("bastion-sshd"), "LogLevel VERBOSE")) {
            bastion.start();
            // The bastion trusts the same user key as the target: copy its authorized keys.
            Files.writeString(bastion.dir.resolve("authorized_keys"),
                    Files.readString(server.dir.resolve("authorized_keys")));
            Built b = build(source(server.port, server.ed25519Key, """
                      ssh_bastion_host             = "127.0.0.1"
                      ssh_bastion_port             = %d
                      ssh_bastion_username         = "%s"
                      ssh_bastion_private_key_file = "%s"
                    """.formatted(bastion.port, OpenSshServer.user(), server.ed25519Key)) + buildBlock("""
                      provisioner "shell" {
                        inline = ["echo through the bastion"]
                      }
                    """));
            assertThat(b.result().exitCode()).as(b.output()).isZero();
            assertThat(b.output()).contains("    null.s: through the bastion\n");
            assertThat(Files.readString(bastion.dir.resolve("sshd.log"))).contains("Accepted publickey for "
                    + OpenSshServer.user());
        }
    }

    @Test
    void aBastionLogsInWithTheAgentsKey() throws Exception {
        Path socket = work.resolve("bastion-agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true)
                .start();
        try (OpenSshServer bastion = OpenSshServer.prepare(work.resolve("bastion-sshd"))) {
            bastion.start();
            for (int i = 0; i < 50 && !Files.exists(socket); i++) {
                Thread.sleep(100);
            }
            // Only the agent holds the bastion's key.
            ProcessBuilder add = new ProcessBuilder("ssh-add", bastion.rsaKey.toString()).redirectErrorStream(true);
            add.environment().put("SSH_AUTH_SOCK", socket.toString());
            Process p = add.start();
            assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
            Files.writeString(work.resolve("t.pkr.hcl"), source(server.port, server.ed25519Key, """
                      ssh_bastion_host       = "127.0.0.1"
                      ssh_bastion_port       = %d
                      ssh_bastion_username   = "%s"
                      ssh_bastion_agent_auth = true
                    """.formatted(bastion.port, OpenSshServer.user())) + buildBlock("""
                      provisioner "shell" {
                        inline = ["echo through the bastion with the agent"]
                      }
                    """));
            Path tmp = Files.createDirectories(work.resolve("tmp"));
            LoadRequest load = new LoadRequest(work, "t.pkr.hcl", List.of(), Map.of(), Map.of("PATH",
                    "/usr/bin:/bin", "TMPDIR", tmp.toString(), "SSH_AUTH_SOCK", socket.toString()), Clock.systemUTC());
            CollectedOutput out = new CollectedOutput();
            RunResult r = PackerBuild.run(new RunRequest(load, List.of(), List.of(), RunOptions.DEFAULT, out,
                    new Cancellation(), List.of(), UUID.randomUUID().toString()));
            assertThat(r.exitCode()).as(out.text()).isZero();
            assertThat(out.text()).contains("    null.s: through the bastion with the agent\n");
            assertThat(Files.readString(bastion.dir.resolve("sshd.log"))).contains("Accepted publickey for "
                    + OpenSshServer.user()).contains("RSA");
        } finally {
            agent.destroyForcibly();
            agent.waitFor();
        }
    }

    @Test
    void sshPtyGivesCommandsATerminal() {
        Built b = build(source(server.port, server.ed25519Key, "ssh_pty = true") + buildBlock("""
                  provisioner "shell" {
                    inline = ["tty"]
                  }
                """));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).contains("    null.s: /dev/pts/");
    }

    @Test
    void aCancelledRemoteCommandAndItsChildrenGetTerm() throws Exception {
        // OpenSSH delivers "signal" requests to a session's process group when privilege separation runs the session
        // as the user: a login other than root, as on an image's build user.
        assumePasswordUser();
        buildBlock("");
        // The folder every user may write to that buildBlock makes for the scripts.
        Path marker = work.resolve("remote-tmp").resolve("terminated");
        String unique = "9" + (System.nanoTime() % 100000) + ".5";
        Files.writeString(work.resolve("t.pkr.hcl"), passwordSource() + buildBlock("""
                  provisioner "shell" {
                    inline = ["trap 'echo TERM > %s; exit 1' TERM", "echo started", "sleep %s & wait"]
                  }
                """.formatted(marker, unique)));
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        LoadRequest load = new LoadRequest(work, "t.pkr.hcl", List.of(), Map.of(),
                Map.of("PATH", "/usr/bin:/bin", "TMPDIR", tmp.toString()), Clock.systemUTC());
        CollectedOutput out = new CollectedOutput();
        Cancellation cancellation = new Cancellation();
        Thread t = new Thread(() -> PackerBuild.run(new RunRequest(load, List.of(), List.of(), RunOptions.DEFAULT,
                out, cancellation, List.of(), UUID.randomUUID().toString())));
        t.start();
        for (int i = 0; i < 300 && !out.text().contains("null.s: started"); i++) {
            Thread.sleep(100);
        }
        cancellation.cancel();
        t.join(30_000);
        for (int i = 0; i < 50 && !Files.exists(marker); i++) {
            Thread.sleep(100);
        }
        assertThat(marker).as(out.text()).hasContent("TERM");
        // The script's child went with it: no "sleep" of this test is left running (given a moment to be reaped).
        int status = 0;
        for (int i = 0; i < 100 && status != 1; i++) {
            status = new ProcessBuilder("pgrep", "-f", "^sleep " + unique + "$").start().waitFor();
            if (status != 1) {
                Thread.sleep(100);
            }
        }
        assertThat(status).as("pgrep exit status (1: no process)").isEqualTo(1);
    }

    @Test
    void cancellingDuringARemoteCommandEndsTheBuildPromptly() throws Exception {
        Files.writeString(work.resolve("t.pkr.hcl"), source(server.port, server.ed25519Key, "") + buildBlock("""
                  provisioner "shell" {
                    inline = ["echo started", "sleep 91.5", "echo never printed"]
                  }
                """));
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        LoadRequest load = new LoadRequest(work, "t.pkr.hcl", List.of(), Map.of(),
                Map.of("PATH", "/usr/bin:/bin", "TMPDIR", tmp.toString()), Clock.systemUTC());
        CollectedOutput out = new CollectedOutput();
        Cancellation cancellation = new Cancellation();
        RunResult[] result = new RunResult[1];
        Thread t = new Thread(() -> result[0] = PackerBuild.run(new RunRequest(load, List.of(), List.of(),
                RunOptions.DEFAULT, out, cancellation, List.of(), UUID.randomUUID().toString())));
        t.start();
        for (int i = 0; i < 300 && !out.text().contains("null.s: started"); i++) {
            Thread.sleep(100);
        }
        assertThat(out.text()).contains("    null.s: started\n");
        cancellation.cancel();
        t.join(30_000);
        assertThat(t.isAlive()).as("the build ended after the cancellation").isFalse();
        assertThat(result[0].cancelled()).isTrue();
        assertThat(out.text()).endsWith("Cleanly cancelled builds after being interrupted.\n")
                .doesNotContain("never printed");
    }

    @Test
    void aLoginGivenToTheRunServesSourcesThatNameNone() throws Exception {
        Files.writeString(work.resolve("t.pkr.hcl"), """
                source "null" "s" {
                  ssh_host = "127.0.0.1"
                  ssh_port = %d
                }
                """.formatted(server.port) + buildBlock("""
                  provisioner "shell" {
                    inline = ["echo logged in as $(whoami)"]
                  }
                """));
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        LoadRequest load = new LoadRequest(work, "t.pkr.hcl", List.of(), Map.of(),
                Map.of("PATH", "/usr/bin:/bin", "TMPDIR", tmp.toString()), Clock.systemUTC());
        CollectedOutput out = new CollectedOutput();
        RunResult r = PackerBuild.run(new RunRequest(load, List.of(), List.of(), RunOptions.DEFAULT, out,
                new Cancellation(), List.of(), UUID.randomUUID().toString(),
                new io.jenkins.plugins.packer.component.SshLogin(OpenSshServer.user(),
                        Files.readString(server.ed25519Key))));
        assertThat(r.exitCode()).as(out.text()).isZero();
        assertThat(out.text()).contains("    null.s: logged in as " + OpenSshServer.user() + "\n");
    }

    @Test
    void localAndRemoteTunnelsCarryConnections() throws Exception {
        int local = OpenSshServer.freePort();
        int remote = OpenSshServer.freePort();
        // Both tunnels lead to the sshd itself, whose greeting proves the connection went through.
        String read = "bash -c 'exec 3<>/dev/tcp/127.0.0.1/%d; head -c 7 <&3; echo'";
        Built b = build(source(server.port, server.ed25519Key, """
                  ssh_local_tunnels  = ["%d:127.0.0.1:%d"]
                  ssh_remote_tunnels = ["%d:127.0.0.1:%d"]
                """.formatted(local, server.port, remote, server.port)) + buildBlock("""
                  provisioner "shell-local" {
                    inline = ["%s"]
                  }
                  provisioner "shell" {
                    inline = ["%s"]
                  }
                """.formatted(read.formatted(local), read.formatted(remote))));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output().split("    null.s: SSH-2.0\n", -1)).as(b.output()).hasSize(3);
    }

    @Test
    void aCertificateSignedByTheServersTrustedCaLogsIn() throws Exception {
        Path certs = Files.createDirectories(work.resolve("certs"));
        Path ca = certs.resolve("ca");
        Path key = certs.resolve("user");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", ca.toString());
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        run("ssh-keygen", "-q", "-s", ca.toString(), "-I", "build", "-n", OpenSshServer.user(), key + ".pub");
        try (OpenSshServer certified = OpenSshServer.prepare(work.resolve("ca-sshd"),
                "TrustedUserCAKeys " + ca + ".pub")) {
            certified.start();
            String template = source(certified.port, key, "ssh_certificate_file = \"" + key + "-cert.pub\"")
                    + buildBlock("""
                      provisioner "shell" {
                        inline = ["echo certified"]
                      }
                    """);
            Built b = build(template);
            assertThat(b.result().exitCode()).as(b.output()).isZero();
            assertThat(b.output()).contains("    null.s: certified\n");
            // The key alone is not in authorized_keys: without its certificate it is refused.
            Built refused = build(source(certified.port, key, "ssh_handshake_attempts = 1") + buildBlock("""
                      provisioner "shell" {
                        inline = ["echo never"]
                      }
                    """));
            assertThat(refused.result().exitCode()).isEqualTo(1);
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + new String(p.getInputStream().readAllBytes()))
                .isZero();
    }

    @Test
    void anSshAgentsKeyLogsInWithSshAgentAuth() throws Exception {
        Path socket = work.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true)
                .start();
        try {
            for (int i = 0; i < 50 && !Files.exists(socket); i++) {
                Thread.sleep(100);
            }
            ProcessBuilder add = new ProcessBuilder("ssh-add", server.rsaKey.toString()).redirectErrorStream(true);
            add.environment().put("SSH_AUTH_SOCK", socket.toString());
            Process p = add.start();
            assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
            Files.writeString(work.resolve("t.pkr.hcl"), """
                    source "null" "s" {
                      ssh_host       = "127.0.0.1"
                      ssh_port       = %d
                      ssh_username   = "%s"
                      ssh_agent_auth = true
                      ssh_timeout    = "20s"
                    }
                    """.formatted(server.port, OpenSshServer.user()) + buildBlock("""
                      provisioner "shell" {
                        inline = ["echo signed by the agent", "echo forwarded keys: $(ssh-add -l | wc -l)"]
                      }
                    """));
            Path tmp = Files.createDirectories(work.resolve("tmp"));
            LoadRequest load = new LoadRequest(work, "t.pkr.hcl", List.of(), Map.of(), Map.of("PATH",
                    "/usr/bin:/bin", "TMPDIR", tmp.toString(), "SSH_AUTH_SOCK", socket.toString()), Clock.systemUTC());
            CollectedOutput out = new CollectedOutput();
            RunResult r = PackerBuild.run(new RunRequest(load, List.of(), List.of(), RunOptions.DEFAULT, out,
                    new Cancellation(), List.of(), UUID.randomUUID().toString()));
            assertThat(r.exitCode()).as(out.text()).isZero();
            assertThat(out.text()).contains("    null.s: signed by the agent\n")
                    .contains("    null.s: forwarded keys: 1\n");
            // ssh_disable_agent_forwarding: the commands see no agent.
            Files.writeString(work.resolve("t.pkr.hcl"), Files.readString(work.resolve("t.pkr.hcl"))
                    .replace("ssh_agent_auth = true", "ssh_agent_auth = true\n  ssh_disable_agent_forwarding = true")
                    .replace("$(ssh-add -l | wc -l)", "$${SSH_AUTH_SOCK:-none}"));
            CollectedOutput off = new CollectedOutput();
            RunResult r2 = PackerBuild.run(new RunRequest(load, List.of(), List.of(), RunOptions.DEFAULT, off,
                    new Cancellation(), List.of(), UUID.randomUUID().toString()));
            assertThat(r2.exitCode()).as(off.text()).isZero();
            assertThat(off.text()).contains("    null.s: forwarded keys: none\n");
        } finally {
            agent.destroyForcibly();
            agent.waitFor();
        }
    }

    @Test
    void sshCiphersAndKeyExchangeAlgorithmsAreTheOnlyOnesOffered() throws Exception {
        try (OpenSshServer logged = OpenSshServer.prepare(work.resolve("debug-sshd"), "LogLevel DEBUG1")) {
            logged.start();
            Built b = build(source(logged.port, logged.ed25519Key, """
                      ssh_ciphers                 = ["aes192-ctr"]
                      ssh_key_exchange_algorithms = ["ecdh-sha2-nistp384"]
                    """) + buildBlock("""
                      provisioner "shell" {
                        inline = ["echo negotiated"]
                      }
                    """));
            assertThat(b.result().exitCode()).as(b.output()).isZero();
            assertThat(b.output()).contains("    null.s: negotiated\n");
            assertThat(Files.readString(logged.dir.resolve("sshd.log")))
                    .contains("kex: algorithm: ecdh-sha2-nistp384")
                    .contains("kex: client->server cipher: aes192-ctr");
        }
    }

    @Test
    void byDefaultCurve25519IsNegotiatedAsPackersClientDoesAndSntrupStaysOnRequest() throws Exception {
        try (OpenSshServer logged = OpenSshServer.prepare(work.resolve("kex-sshd"), "LogLevel DEBUG1")) {
            logged.start();
            Built plain = build(source(logged.port, logged.ed25519Key, "") + buildBlock("""
                      provisioner "shell" {
                        inline = ["echo curve"]
                      }
                    """));
            assertThat(plain.result().exitCode()).as(plain.output()).isZero();
            assertThat(Files.readString(logged.dir.resolve("sshd.log")))
                    .containsPattern("kex: algorithm: curve25519-sha256[ \n]")
                    .doesNotContain("kex: algorithm: sntrup");
            Built pq = build(source(logged.port, logged.ed25519Key,
                    "ssh_key_exchange_algorithms = [\"sntrup761x25519-sha512@openssh.com\"]") + buildBlock(""));
            assertThat(pq.result().exitCode()).as(pq.output()).isZero();
            assertThat(Files.readString(logged.dir.resolve("sshd.log")))
                    .contains("kex: algorithm: sntrup761x25519-sha512@openssh.com");
        }
    }

    @Test
    void anUnknownCipherIsAValidationError() {
        Built b = build(source(server.port, server.ed25519Key, "ssh_ciphers = [\"rot13\"]") + buildBlock(""));
        assertThat(b.result().exitCode()).isEqualTo(1);
        assertThat(b.output()).contains("ssh_ciphers: unknown cipher \"rot13\", known ciphers: ")
                .contains("aes256-ctr");
    }

    /** A build on the test server, with these extra source options, that echoes {@code message}. */
    private Built echoThroughTheServer(String options, String message) {
        return build(source(server.port, server.ed25519Key, options) + buildBlock("""
                  provisioner "shell" {
                    inline = ["echo %s"]
                  }
                """.formatted(message)));
    }

    @Test
    void aSocksProxyCarriesTheConnection() throws Exception {
        // OpenSSH's own client is the SOCKS5 proxy: dynamic forwarding (ssh -D) through the test server.
        int socksPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socksPort = free.getLocalPort();
        }
        Path log = work.resolve("socks.log");
        Process socks = new ProcessBuilder("ssh", "-v", "-N", "-D", "127.0.0.1:" + socksPort, "-p",
                Integer.toString(server.port), "-i", server.ed25519Key.toString(), "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                OpenSshServer.user() + "@127.0.0.1").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            for (int i = 0; i < 100 && !Files.readString(log).contains("Local forwarding listening on"); i++) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(log)).contains("Local forwarding listening on");
            Built b = echoThroughTheServer("""
                      ssh_proxy_host = "127.0.0.1"
                      ssh_proxy_port = %d
                    """.formatted(socksPort), "proxied");
            assertThat(b.result().exitCode()).as(b.output()).isZero();
            assertThat(b.output()).contains("    null.s: proxied\n");
            assertThat(Files.readString(log)).contains("dynamic-tcpip");
        } finally {
            socks.destroy();
            socks.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /**
     * A SOCKS5 server on 127.0.0.1 that wants a user name and password (RFC 1929), as OpenSSH's dynamic forwarding
     * does not: it records the credentials it was given and relays CONNECT requests to IPv4 addresses.
     */
    private static java.net.ServerSocket passwordSocks(List<String> credentials) throws Exception {
        java.net.ServerSocket server = new java.net.ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    java.net.Socket client = server.accept();
                    java.io.DataInputStream in = new java.io.DataInputStream(client.getInputStream());
                    java.io.OutputStream out = client.getOutputStream();
                    in.readUnsignedByte();
                    byte[] methods = new byte[in.readUnsignedByte()];
                    in.readFully(methods);
                    out.write(new byte[] {5, 2});
                    in.readUnsignedByte();
                    byte[] user = new byte[in.readUnsignedByte()];
                    in.readFully(user);
                    byte[] password = new byte[in.readUnsignedByte()];
                    in.readFully(password);
                    credentials.add(new String(user) + ":" + new String(password));
                    out.write(new byte[] {1, 0});
                    byte[] request = new byte[4];
                    in.readFully(request);
                    byte[] address = new byte[4];
                    in.readFully(address);
                    int port = in.readUnsignedShort();
                    java.net.Socket target = new java.net.Socket(java.net.InetAddress.getByAddress(address), port);
                    out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
                    Thread up = new Thread(() -> {
                        try (target) {
                            in.transferTo(target.getOutputStream());
                        } catch (java.io.IOException e) {
                            // closed
                        }
                    });
                    up.setDaemon(true);
                    up.start();
                    Thread down = new Thread(() -> {
                        try (client) {
                            target.getInputStream().transferTo(out);
                        } catch (java.io.IOException e) {
                            // closed
                        }
                    });
                    down.setDaemon(true);
                    down.start();
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        accept.setDaemon(true);
        accept.start();
        return server;
    }

    @Test
    void aSocksProxyGetsItsUserNameAndPassword() throws Exception {
        List<String> credentials = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (java.net.ServerSocket socks = passwordSocks(credentials)) {
            Built b = echoThroughTheServer("""
                      ssh_proxy_host     = "127.0.0.1"
                      ssh_proxy_port     = %d
                      ssh_proxy_username = "builder"
                      ssh_proxy_password = "proxy-secret-1"
                    """.formatted(socks.getLocalPort()), "authenticated proxy");
            assertThat(b.result().exitCode()).as(b.output()).isZero();
            assertThat(b.output()).contains("    null.s: authenticated proxy\n").doesNotContain("proxy-secret-1");
            assertThat(credentials).isNotEmpty().allMatch("builder:proxy-secret-1"::equals);
        }
    }

    @Test
    void anInteractiveBastionIsAnsweredWithItsPassword() throws Exception {
        assumePasswordUser();
        try (OpenSshServer bastion = OpenSshServer.prepare(work.resolve("kbd-bastion-sshd"), "LogLevel VERBOSE",
                "AuthenticationMethods keyboard-interactive")) {
            // Keyboard-interactive only, its prompts from PAM.
            Path config = bastion.dir.resolve("sshd_config");
            Files.writeString(config, Files.readString(config).replace("UsePAM no", "UsePAM yes")
                    .replace("KbdInteractiveAuthentication no", "KbdInteractiveAuthentication yes"));
            bastion.start();
            Built b = build(source(server.port, server.ed25519Key, """
                      ssh_bastion_host        = "127.0.0.1"
                      ssh_bastion_port        = %d
                      ssh_bastion_username    = "%s"
                      ssh_bastion_password    = "%s"
                      ssh_bastion_interactive = true
                    """.formatted(bastion.port, PASSWORD_USER, PASSWORD)) + buildBlock("""
                      provisioner "shell" {
                        inline = ["echo through the interactive bastion"]
                      }
                    """));
            assertThat(b.result().exitCode()).as(b.output()).isZero();
            assertThat(b.output()).contains("    null.s: through the interactive bastion\n").doesNotContain(PASSWORD);
            assertThat(Files.readString(bastion.dir.resolve("sshd.log")))
                    .contains("Accepted keyboard-interactive/pam for " + PASSWORD_USER);
        }
    }

    @Test
    void anEnvVarFileServesEveryScriptAndIsRemovedAfterTheLast() throws Exception {
        Files.writeString(work.resolve("one.sh"), "#!/bin/sh\necho \"one: $NAME\"\n");
        Files.writeString(work.resolve("two.sh"), "#!/bin/sh\necho \"two: $NAME\"\n");
        Path folder = work.resolve("remote-tmp");
        Built b = build(source(server.port, server.ed25519Key, "") + buildBlock("""
                  provisioner "shell" {
                    use_env_var_file = true
                    environment_vars = ["NAME=it's me"]
                    scripts          = ["%s", "%s"]
                  }
                """.formatted(work.resolve("one.sh"), work.resolve("two.sh"))));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).contains("    null.s: one: it's me\n").contains("    null.s: two: it's me\n");
        try (java.util.stream.Stream<Path> left = Files.list(folder)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("varfile_"));
        }
    }
}
