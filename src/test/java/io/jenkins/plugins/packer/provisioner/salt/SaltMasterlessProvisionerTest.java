package io.jenkins.plugins.packer.provisioner.salt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.packer.communicator.ssh.OpenSshServer;
import io.jenkins.plugins.packer.provisioner.ansible.AnsibleTestBed;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.CollectedOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The salt-masterless provisioner against a real sshd whose machine (this one) has Salt 3006 in the project's
 * {@code .venv-salt} (.ci/run installs it): states and pillar reaching {@code salt-call --local}, a tree replaced on
 * the next run, a failing state, {@code no_exit_on_failure}, a cancellation and secrets. The trees go to folders of
 * the test's own ({@code remote_state_tree}, {@code remote_pillar_roots}), without sudo, without the bootstrap.
 */
class SaltMasterlessProvisionerTest {

    static final Path SALT_BIN = Path.of(".venv-salt/bin").toAbsolutePath();

    @TempDir
    static Path shared;

    static OpenSshServer server;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        assumeSalt();
        server = OpenSshServer.prepare(shared.resolve("sshd")).start();
    }

    /** Skips outside CI when the project's Salt virtualenv is missing; fails in CI, which makes it. */
    static void assumeSalt() {
        if (!Files.isExecutable(SALT_BIN.resolve("salt-call"))) {
            if ("true".equals(System.getenv("CI"))) {
                fail("Salt is not installed in .venv-salt (.ci/run installs it)");
            }
            assumeTrue(false, "no .venv-salt: skipped outside CI");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private String provisioner(String extra) {
        return AnsibleTestBed.keySource(server, "") + AnsibleTestBed.buildBlock("""
                  provisioner "salt-masterless" {
                    local_state_tree    = "states"
                    local_pillar_roots  = "pillar"
                    remote_state_tree   = "%1$s/srv-salt"
                    remote_pillar_roots = "%1$s/srv-pillar"
                    temp_config_dir     = "%1$s/salt-tmp"
                    skip_bootstrap      = true
                    disable_sudo        = true
                    salt_bin_dir        = "%2$s"
                    %3$s
                  }
                """.formatted(work, SALT_BIN, extra));
    }

    private void states(String sls) throws Exception {
        Files.createDirectories(work.resolve("states"));
        Files.writeString(work.resolve("states/top.sls"), "base:\n  '*':\n    - main\n");
        Files.writeString(work.resolve("states/main.sls"), sls);
        Files.createDirectories(work.resolve("pillar"));
        Files.writeString(work.resolve("pillar/top.sls"), "base:\n  '*':\n    - common\n");
        Files.writeString(work.resolve("pillar/common.sls"), "greeting: hello from pillar\n");
    }

    @Test
    void statesAndPillarReachSaltCallAndTheNextRunReplacesTheTrees() throws Exception {
        Path out = work.resolve("made.txt");
        states("""
                %s:
                  file.managed:
                    - contents: "{{ pillar['greeting'] }}"
                """.formatted(out));
        AnsibleTestBed.Built b = AnsibleTestBed.build(work, provisioner(""));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(out).hasContent("hello from pillar");
        assertThat(b.output()).contains("""
                ==> null.s: Provisioning with Salt...
                    null.s: Creating remote temporary directory: %1$s/salt-tmp
                    null.s: Creating directory: %1$s/salt-tmp
                    null.s: Uploading local state tree: states
                    null.s: Moving states to %1$s/salt-tmp/states
                    null.s: Verifying Path: %1$s/srv-salt
                """.formatted(work)).contains("""
                    null.s: Running: salt-call --local  state.highstate --file-root=%1$s/srv-salt \
                --pillar-root=%1$s/srv-pillar --retcode-passthrough -l info
                """.formatted(work)).contains("Succeeded: 1");
        // A second run replaces the trees rather than moving the new ones into the old.
        Files.writeString(work.resolve("pillar/common.sls"), "greeting: hello again\n");
        AnsibleTestBed.Built again = AnsibleTestBed.build(work, provisioner(""));
        assertThat(again.result().exitCode()).as(again.output()).isZero();
        assertThat(out).hasContent("hello again");
        assertThat(work.resolve("srv-salt/states")).doesNotExist();
        assertThat(work.resolve("srv-salt/top.sls")).exists();
    }

    @Test
    void aFailingStateFailsUnlessNoExitOnFailure() throws Exception {
        states("""
                refuse:
                  test.fail_without_changes:
                    - comment: the state says no
                """);
        AnsibleTestBed.Built failed = AnsibleTestBed.build(work, provisioner(""));
        assertThat(failed.result().exitCode()).isEqualTo(1);
        assertThat(failed.output()).contains("the state says no")
                .contains("--> null.s: Error executing salt-call: Bad exit status: 2\n");
        AnsibleTestBed.Built tolerated = AnsibleTestBed.build(work, provisioner("no_exit_on_failure = true"));
        assertThat(tolerated.result().exitCode()).as(tolerated.output()).isZero();
        assertThat(tolerated.output()).contains("Running: salt-call --local  state.highstate")
                .doesNotContain("--retcode-passthrough");
    }

    @Test
    void cancellingStopsSaltCallAndWhatItRuns() throws Exception {
        String unique = "5" + (System.nanoTime() % 100000) + ".5";
        states("""
                wait:
                  cmd.run:
                    - name: sleep %s
                """.formatted(unique));
        Cancellation cancellation = new Cancellation();
        CollectedOutput out = new CollectedOutput();
        AnsibleTestBed.Built[] built = new AnsibleTestBed.Built[1];
        Thread t = new Thread(() -> built[0] = AnsibleTestBed.build(work, provisioner(""), Map.of(), cancellation,
                out));
        t.start();
        boolean sleeping = false;
        for (int i = 0; i < 600 && !sleeping; i++) {
            sleeping = AnsibleTestBed.pgrep("^sleep " + unique + "$") == 0;
            Thread.sleep(100);
        }
        assertThat(sleeping).as(out.text()).isTrue();
        cancellation.cancel();
        t.join(30_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(built[0].result().cancelled()).isTrue();
        int sleep = 0;
        int call = 0;
        for (int i = 0; i < 100 && (sleep != 1 || call != 1); i++) {
            sleep = AnsibleTestBed.pgrep("^sleep " + unique + "$");
            call = AnsibleTestBed.pgrep("salt-call --local .*" + work);
            Thread.sleep(100);
        }
        assertThat(sleep).as("pgrep of the state's sleep (1: none)").isEqualTo(1);
        assertThat(call).as("pgrep of salt-call (1: none)").isEqualTo(1);
    }

    @Test
    void secretsInSaltCallArgumentsAreMasked() throws Exception {
        states("""
                show:
                  test.show_notification:
                    - text: "token {{ pillar['token'] }}"
                """);
        AnsibleTestBed.Built b = AnsibleTestBed.build(work, """
                variable "token" {
                  type      = string
                  default   = "s4lt-Secret-2291"
                  sensitive = true
                }
                """ + provisioner("salt_call_args = \"pillar='{\\\"token\\\": \\\"${var.token}\\\"}'\""));
        assertThat(b.result().exitCode()).as(b.output()).isZero();
        assertThat(b.output()).doesNotContain("s4lt-Secret-2291").contains("token <sensitive>")
                .contains("\"token\": \"<sensitive>\"");
    }

    @Test
    void prepareChecksTheTreesAndFiles() throws Exception {
        Files.writeString(work.resolve("a-file"), "");
        AnsibleTestBed.Built b = AnsibleTestBed.build(work, AnsibleTestBed.keySource(server, "")
                + AnsibleTestBed.buildBlock("""
                  provisioner "salt-masterless" {
                    local_state_tree   = "a-file"
                    local_pillar_roots = "missing"
                    minion_config      = "."
                    remote_state_tree  = "/srv/other"
                    formulas           = ["https://example.com/formula"]
                  }
                """));
        assertThat(b.result().exitCode()).isEqualTo(1);
        assertThat(b.output()).contains("local_state_tree: path 'a-file' must point to a directory")
                .contains("Invalid formula URL. Please verify the git URLs also contain a '//' subdir")
                .contains("local_pillar_roots: path 'missing' is invalid: stat missing: no such file or\ndirectory")
                .contains("minion_config: path '.' must point to a file")
                .contains("remote_state_tree and remote_pillar_roots only apply when minion_config is not\nused");
    }
}
