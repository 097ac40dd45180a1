package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.packer.run.Artifact;
import io.jenkins.plugins.packer.run.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code packerBuild} driven through its execution, with a test double of the step context. */
class PackerBuildStepTest {

    private static final String LOCAL = """
            variable "greeting" {
              type = string
            }
            source "null" "one" {
              communicator = "none"
            }
            build {
              name    = "demo"
              sources = ["source.null.one"]
              provisioner "shell-local" {
                inline = ["echo ${var.greeting} from $PACKER_BUILD_NAME"]
              }
              post-processor "manifest" {
                output = "out/packer-manifest.json"
              }
            }
            """;

    @TempDir
    Path ws;

    @org.junit.jupiter.api.AfterEach
    void removeWorkspaceTmp() throws Exception {
        WorkspaceTmp.delete(ws);
    }

    private PackerBuildStep.Execution start(PackerBuildStep step, RecordingStepContext ctx) throws Exception {
        PackerBuildStep.Execution e = (PackerBuildStep.Execution) step.start(ctx);
        assertThat(e.start()).as("the step runs asynchronously").isFalse();
        return e;
    }

    private static Object await(RecordingStepContext ctx) throws Exception {
        return ctx.outcome.get(60, TimeUnit.SECONDS);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSuccessfulBuildReturnsEachBuildsArtifactsAndTheManifestAndLogsPackersOutput() throws Exception {
        Files.writeString(ws.resolve("local.pkr.hcl"), LOCAL);
        RecordingStepContext ctx = new RecordingStepContext(ws, Map.of("PATH", "/usr/bin:/bin"));
        PackerBuildStep step = new PackerBuildStep("local.pkr.hcl");
        step.setVars(Map.of("greeting", "hello"));
        start(step, ctx);
        Map<String, Object> result = (Map<String, Object>) await(ctx);
        assertThat(result).containsEntry("exitCode", 0)
                .containsEntry("manifests", List.of("out/packer-manifest.json"))
                .containsEntry("archived", List.of());
        Map<String, Object> build = (Map<String, Object>) ((Map<String, Object>) result.get("builds"))
                .get("demo.null.one");
        assertThat(build).containsEntry("status", "succeeded").containsEntry("error", null);
        assertThat((List<Map<String, Object>>) build.get("artifacts")).hasSize(2).first()
                .satisfies(a -> assertThat(a).containsEntry("builderId", "fnoeding.null").containsEntry("id", "Null")
                        .containsEntry("description", "Did not export anything. This is the null builder"));
        assertThat(ctx.log()).startsWith("==> demo.null.one: Running local shell script: ")
                .contains("\n    demo.null.one: hello from one\n")
                .contains("==> demo.null.one: Running post-processor:  (type manifest)\n")
                .contains("\n==> Builds finished. The artifacts of successful builds are:\n"
                        + "--> demo.null.one: Did not export anything. This is the null builder\n")
                .doesNotContain("\033[");
        assertThat(ws.resolve("out/packer-manifest.json")).exists();
        assertThat(ctx.reports).hasValue(1);
    }

    @Test
    void debugLogWritesPackersLogInTheWorkspaceForTheRunToArchive() throws Exception {
        Files.writeString(ws.resolve("local.pkr.hcl"), """
                variable "secret" {
                  type      = string
                  default   = "st3p-Secret-8840"
                  sensitive = true
                }
                """ + LOCAL.replace("echo ${var.greeting} from $PACKER_BUILD_NAME",
                "echo ${var.greeting} with ${var.secret}"));
        RecordingStepContext ctx = new RecordingStepContext(ws, Map.of("PATH", "/usr/bin:/bin"));
        PackerBuildStep step = new PackerBuildStep("local.pkr.hcl");
        step.setVars(Map.of("greeting", "hello"));
        step.setDebugLog(true);
        start(step, ctx);
        await(ctx);
        Path log;
        try (var files = Files.list(ws)) {
            log = files.filter(p -> p.getFileName().toString().matches("packer-debug-[A-Za-z0-9-]+\\.log"))
                    .findFirst().orElseThrow();
        }
        assertThat(ctx.log()).startsWith("Packer debug log (PACKER_LOG): " + log.getFileName() + "\n")
                .contains("hello with <sensitive>");
        assertThat(Files.readString(log)).contains("[INFO] Template: ")
                .contains("[INFO] demo.null.one: running provisioner shell-local")
                .contains("ui:     demo.null.one: hello with <sensitive>")
                .doesNotContain("st3p-Secret-8840");

        // PACKER_LOG and PACKER_LOG_PATH in the step's environment do the same, where the path says.
        RecordingStepContext withEnv = new RecordingStepContext(ws, Map.of("PATH", "/usr/bin:/bin",
                "PACKER_LOG", "1", "PACKER_LOG_PATH", "logs-here.txt"));
        PackerBuildStep plain = new PackerBuildStep("local.pkr.hcl");
        plain.setVars(Map.of("greeting", "hi"));
        start(plain, withEnv);
        await(withEnv);
        assertThat(ws.resolve("logs-here.txt")).content().contains("ui:     demo.null.one: hi with <sensitive>");
        assertThat(BuildRequest.of("id-1", plain, Map.of()).env()).doesNotContainKey("PACKER_LOG");
        plain.setDebugLog(true);
        assertThat(BuildRequest.of("id-1", plain, Map.of()).env()).containsEntry("PACKER_LOG", "1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutPropagateAFailedBuildReturnsTheResultWithEachBuildsStatus() throws Exception {
        Files.writeString(ws.resolve("partial.pkr.hcl"), """
                source "null" "good" {
                  communicator = "none"
                }
                source "null" "bad" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.good", "source.null.bad"]
                  provisioner "shell-local" {
                    only   = ["null.bad"]
                    inline = ["exit 4"]
                  }
                }
                """);
        RecordingStepContext ctx = new RecordingStepContext(ws, Map.of("PATH", "/usr/bin:/bin"));
        PackerBuildStep step = new PackerBuildStep("partial.pkr.hcl");
        step.setPropagate(false);
        start(step, ctx);

        Map<String, Object> result = (Map<String, Object>) await(ctx);

        assertThat(result).containsEntry("exitCode", 1);
        Map<String, Map<String, Object>> builds = (Map<String, Map<String, Object>>) result.get("builds");
        assertThat(builds.get("null.good")).containsEntry("status", "succeeded");
        assertThat(builds.get("null.bad")).containsEntry("status", "failed");
        assertThat((String) builds.get("null.bad").get("error")).contains("non-zero exit status: 4");
    }

    @Test
    void aFailedBuildFailsTheStepWithEachBuildsError() throws Exception {
        Files.writeString(ws.resolve("fail.pkr.hcl"), """
                source "null" "x" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.x"]
                  provisioner "shell-local" {
                    inline = ["exit 3"]
                  }
                }
                """);
        RecordingStepContext ctx = new RecordingStepContext(ws, Map.of("PATH", "/usr/bin:/bin"));
        start(new PackerBuildStep("fail.pkr.hcl"), ctx);
        assertThatThrownBy(() -> await(ctx)).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(AbortException.class)
                .hasMessage("packer build of fail.pkr.hcl failed:\nnull.x: Script exited with non-zero exit status:"
                        + " 3.Allowed exit codes are: [0]");
        assertThat(ctx.log()).contains("--> null.x: Script exited with non-zero exit status: 3.");
    }

    @Test
    void argumentsAreCheckedBeforeAnythingRuns() {
        RecordingStepContext ctx = new RecordingStepContext(ws, Map.of());
        PackerBuildStep step = new PackerBuildStep("/outside.pkr.hcl");
        step.setOnError("ask");
        step.setParallelBuilds(-1);
        assertThatThrownBy(() -> step.start(ctx).start()).isInstanceOf(AbortException.class)
                .hasMessageContaining("template")
                .hasMessageContaining("onError must be one of cleanup, abort, run-cleanup-provisioner, but is ask (a"
                        + " Jenkins build has no terminal to ask on)")
                .hasMessageContaining("parallelBuilds must be 0 (no limit) or more, but is -1");
        assertThat(ctx.reports).hasValue(0);
    }

    @Test
    void anAbortRightAfterTheStartIsNotLostAndLeavesNoCommandRunning() throws Exception {
        Files.writeString(ws.resolve("early.pkr.hcl"), """
                source "null" "early" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.early"]
                  provisioner "shell-local" {
                    inline = ["sleep 94.5"]
                  }
                }
                """);
        RecordingStepContext ctx = new RecordingStepContext(ws, Map.of("PATH", "/usr/bin:/bin"));
        PackerBuildStep.Execution e = start(new PackerBuildStep("early.pkr.hcl"), ctx);
        Exception cause = new InterruptedException("aborted at once");

        e.stop(cause);

        assertThatThrownBy(() -> await(ctx)).isInstanceOf(ExecutionException.class).cause().isSameAs(cause);
        assertThat(e.awaitEnd(Duration.ofSeconds(30))).isTrue();
        Thread.sleep(500);
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("sleep 94.5"))
                .filter(ProcessHandle::isAlive).toList()).isEmpty();
        assertThat(ctx.reports).hasValue(1);
    }

    @Test
    void anAbortCancelsTheBuildAndTheStepEndsAfterItsCleanupsWithTheAbortsCause() throws Exception {
        Files.writeString(ws.resolve("long.pkr.hcl"), """
                source "null" "long" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.long"]
                  provisioner "shell-local" {
                    inline = ["echo started", "sleep 93.5", "echo never printed"]
                  }
                }
                """);
        RecordingStepContext ctx = new RecordingStepContext(ws, Map.of("PATH", "/usr/bin:/bin"));
        PackerBuildStep.Execution e = start(new PackerBuildStep("long.pkr.hcl"), ctx);
        for (int i = 0; i < 300 && !ctx.log().contains("null.long: started"); i++) {
            Thread.sleep(100);
        }
        assertThat(ctx.log()).contains("null.long: started");
        Exception cause = new InterruptedException("aborted by the user");
        e.stop(cause);
        assertThatThrownBy(() -> await(ctx)).isInstanceOf(ExecutionException.class).cause().isSameAs(cause);
        assertThat(e.awaitEnd(Duration.ofSeconds(30))).isTrue();
        assertThat(ctx.log()).contains("Cancelling build after receiving interrupt\n")
                .endsWith("Cleanly cancelled builds after being interrupted.\n")
                .doesNotContain("never printed");
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("sleep 93.5"))
                .filter(ProcessHandle::isAlive).toList()).isEmpty();
        assertThat(ctx.reports).hasValue(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void amazonArtifactsListTheirAmisPerRegion() {
        Artifact ami = new Artifact("mitchellh.amazonebs", "eu-west-1:ami-0a1,us-east-1:ami-0b2",
                "AMIs were created:\neu-west-1: ami-0a1\nus-east-1: ami-0b2\n", List.of(), Map.of(), null);
        Map<String, Object> m = PackerBuilding.artifact(ami);
        assertThat((Map<String, String>) m.get("amis")).containsExactly(Map.entry("eu-west-1", "ami-0a1"),
                Map.entry("us-east-1", "ami-0b2"));
        assertThat(PackerBuilding.artifact(new Artifact("packer.file", "File", "Stored file: x", List.of("x"),
                Map.of(), null))).doesNotContainKey("amis");
    }

    @Test
    void onlyFilesInsideTheWorkspaceAreArchived() throws Exception {
        Files.writeString(ws.resolve("inside.txt"), "x");
        Path outside = Files.createTempFile("outside", ".txt");
        try {
            RunResult r = new RunResult(0, false, List.of(new RunResult.BuildResult("b", true, Duration.ZERO,
                    List.of(new Artifact("packer.file", "File", "s", List.of("inside.txt", outside.toString(),
                            "missing.txt", "../x.txt"), Map.of(), null)), null, List.of("inside.txt"))));
            BuildRequest req = new BuildRequest("id", "t.pkr.hcl", Map.of(), List.of(), List.of(), List.of(),
                    "cleanup", 0, false, false, false, Map.of(), null);
            BuildOutcome o = PackerBuilding.outcome(ws, req, r);
            assertThat(o.manifests()).containsExactly("inside.txt");
            assertThat(o.files()).containsExactly(Map.entry("inside.txt", 1L));
            assertThat(o.succeeded()).isTrue();
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void anSshKeyIsNeverWrittenToTheAgentsDisk() throws Exception {
        Files.writeString(ws.resolve("n.pkr.hcl"), """
                source "null" "n" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.n"]
                  provisioner "shell-local" {
                    inline = ["echo files with the key: $(grep -rl not-a-real''-key $TMPDIR %s | wc -l)"]
                  }
                }
                """.formatted(ws));
        Path tmp = Files.createDirectories(ws.resolve("tmp"));
        BuildRequest req = new BuildRequest("id", "n.pkr.hcl", Map.of(), List.of(), List.of(), List.of(), "cleanup",
                0, false, false, false, Map.of("PATH", "/usr/bin:/bin", "TMPDIR", tmp.toString()),
                new BuildRequest.SshKey("builder", "-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-real-key\n"));
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        BuildOutcome o = PackerBuilding.build(ws, req, new java.io.PrintStream(log, true,
                java.nio.charset.StandardCharsets.UTF_8), new io.jenkins.plugins.packer.run.Cancellation(),
                java.time.Clock.systemUTC());
        String text = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(o.succeeded()).as(text).isTrue();
        // The template itself (in the workspace) does not hold the key: no file anywhere the build can write does.
        assertThat(text).contains("    null.n: files with the key: 0\n");
    }

    @Test
    void awsKeysReachTheBuildsEnvironmentAndNeverItsLog() throws Exception {
        Files.writeString(ws.resolve("n.pkr.hcl"), """
                source "null" "n" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.n"]
                  provisioner "shell-local" {
                    inline = ["echo id=$AWS_ACCESS_KEY_ID secret=$AWS_SECRET_ACCESS_KEY token=$AWS_SESSION_TOKEN"]
                  }
                }
                """);
        BuildRequest req = new BuildRequest("id", "n.pkr.hcl", Map.of(), List.of(), List.of(), List.of(), "cleanup",
                0, false, false, false, Map.of("PATH", "/usr/bin:/bin", "AWS_ACCESS_KEY_ID", "AKIAFROMAGENT0000000"),
                null, new BuildRequest.AwsKeys("AKIAFROMJENKINS00000", "jenkins-held-secret", "jenkins-held-token"));
        assertThat(req.toString()).doesNotContain("jenkins-held-secret").doesNotContain("jenkins-held-token");
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        BuildOutcome o = PackerBuilding.build(ws, req, new java.io.PrintStream(log, true,
                java.nio.charset.StandardCharsets.UTF_8), new io.jenkins.plugins.packer.run.Cancellation(),
                java.time.Clock.systemUTC());
        String text = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(o.succeeded()).as(text).isTrue();
        assertThat(text).contains("    null.n: id=<sensitive> secret=<sensitive> token=<sensitive>\n")
                .doesNotContain("jenkins-held").doesNotContain("AKIAFROMJENKINS");
    }

    /** aws-credentials' keys as its resolveCredentials gives them. */
    private static com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials aws(
            software.amazon.awssdk.auth.credentials.AwsCredentials resolved) {
        return new com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials() {
            @Override
            public String getDisplayName() {
                return "test";
            }

            @Override
            public software.amazon.awssdk.auth.credentials.AwsCredentials resolveCredentials(String mfaToken) {
                return resolved;
            }

            @Override
            public software.amazon.awssdk.auth.credentials.AwsCredentials resolveCredentials() {
                if (resolved == null) {
                    return null;
                }
                if (resolved.accessKeyId().equals("fail")) {
                    throw software.amazon.awssdk.core.exception.SdkClientException.create("AssumeRole refused");
                }
                return resolved;
            }

            @Override
            public String getId() {
                return "aws-prod";
            }
        };
    }

    @Test
    void awsCredentialsGiveBasicOrSessionKeysOrLeaveItToTheAgent() throws Exception {
        BuildRequest.AwsKeys basic = AwsCredentialsLookup.keys("aws-prod", aws(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIA1", "s1")));
        assertThat(basic.environment()).containsExactly(Map.entry("AWS_ACCESS_KEY_ID", "AKIA1"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "s1"));
        BuildRequest.AwsKeys session = AwsCredentialsLookup.keys("aws-prod", aws(
                software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create("ASIA2", "s2", "t2")));
        assertThat(session.environment()).containsEntry("AWS_SESSION_TOKEN", "t2");
        assertThat(AwsCredentialsLookup.keys("aws-prod", aws(null))).isNull();
        assertThatThrownBy(() -> AwsCredentialsLookup.keys("aws-prod", aws(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("fail", "x"))))
                .isInstanceOf(hudson.AbortException.class)
                .hasMessage("credentialsId: the AWS credentials aws-prod could not be resolved: AssumeRole refused");
        assertThat(AwsCredentialsLookup.lookup(null, "")).isNull();
        assertThatThrownBy(() -> AwsCredentialsLookup.lookup(null, "aws-prod"))
                .isInstanceOf(hudson.AbortException.class)
                .hasMessage("credentialsId: no AWS credentials (or username with password) with the id aws-prod are"
                        + " available to this build");
        BuildRequest.AwsKeys fromUsernamePassword = AwsCredentialsLookup.keys(
                new com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials() {
                    @Override
                    public String getUsername() {
                        return "AKIA3";
                    }

                    @Override
                    public hudson.util.Secret getPassword() {
                        return hudson.util.Secret.fromString("s3");
                    }

                    @Override
                    public String getId() {
                        return "aws-as-password";
                    }
                });
        assertThat(fromUsernamePassword.environment()).containsExactly(Map.entry("AWS_ACCESS_KEY_ID", "AKIA3"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "s3"));
    }

    @Test
    void aKeyWithAPassphraseIsUnlockedForTheBuild() throws Exception {
        Path key = ws.resolve("locked");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "s3cret-phrase", "-f",
                key.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        String unlocked = PackerBuilding.unlocked(Files.readString(key), "s3cret-phrase");
        assertThat(unlocked).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        Files.writeString(ws.resolve("unlocked"), unlocked);
        Files.setPosixFilePermissions(ws.resolve("unlocked"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Process derive = new ProcessBuilder("ssh-keygen", "-y", "-P", "", "-f", ws.resolve("unlocked").toString())
                .redirectErrorStream(true).start();
        String derived = new String(derive.getInputStream().readAllBytes()).strip();
        assertThat(derive.waitFor()).as(derived).isZero();
        assertThat(derived.split(" ")[1]).isEqualTo(Files.readString(ws.resolve("locked.pub")).split(" ")[1]);
        assertThatThrownBy(() -> PackerBuilding.unlocked(Files.readString(key), "wrong"))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageStartingWith("the SSH key of sshCredentialsId could not be unlocked with its passphrase");
    }
}
