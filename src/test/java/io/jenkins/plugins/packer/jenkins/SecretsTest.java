package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.run.Cancellation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credentials' secrets, in every form a build prints them, appear nowhere: not in the log, not in the map the
 * step returns, not in its failure message.
 */
class SecretsTest {

    private static final String KEY_ID = "AKIASECRETKEYID00042";
    private static final String SECRET = "s3cr3t/with'quote+and$dollar";
    private static final String TOKEN = "session-token-0123456789";

    @TempDir
    Path ws;

    @AfterEach
    void removeWorkspaceTmp() throws Exception {
        WorkspaceTmp.delete(ws);
    }

    @Test
    void everyFormOfEverySecretIsMaskedInTheLogTheResultAndTheFailure() throws Exception {
        Files.writeString(ws.resolve("leak.pkr.hcl"), """
                variable "secret" {
                  type    = string
                  default = env("AWS_SECRET_ACCESS_KEY")
                }
                source "null" "n" {
                  communicator = "none"
                }
                source "file" "f" {
                  source = "${var.secret}/missing/file"
                  target = "out.txt"
                }
                build {
                  sources = ["source.null.n", "source.file.f"]
                  provisioner "shell-local" {
                    only   = ["null.n"]
                    inline = [
                      "echo id=$AWS_ACCESS_KEY_ID secret=$AWS_SECRET_ACCESS_KEY token=$AWS_SESSION_TOKEN",
                      "printf %s \\"$AWS_SECRET_ACCESS_KEY\\" | base64 -w0; echo",
                      "printf %s \\"$AWS_ACCESS_KEY_ID\\" | base64 -w0; echo",
                      "set | grep '^AWS_'",
                    ]
                  }
                }
                """);
        BuildRequest req = new BuildRequest("masking", "leak.pkr.hcl", Map.of(), List.of(), List.of(), List.of(),
                "cleanup", 0, false, false, false, Map.of("PATH", "/usr/bin:/bin"), null,
                new BuildRequest.AwsKeys(KEY_ID, SECRET, TOKEN));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        BuildOutcome o = PackerBuilding.build(ws, req, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new Cancellation(), Clock.systemUTC());

        String log = bytes.toString(StandardCharsets.UTF_8);
        String everything = log + "\n" + o.result() + "\n" + o.failureMessage();
        assertThat(o.succeeded()).isFalse();
        assertThat(log).contains("id=<sensitive> secret=<sensitive> token=<sensitive>");
        assertThat(o.failureMessage()).contains("file.f").contains("<sensitive>/missing/file");
        for (String secret : List.of(KEY_ID, SECRET, TOKEN)) {
            for (String form : List.of(secret, Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)),
                    "'" + secret.replace("'", "'\\''") + "'")) {
                assertThat(everything).as("a form of a secret").doesNotContain(form);
            }
        }
    }

    @Test
    void aShortSecretIsMaskedAsItIsOnly() {
        assertThat(Secrets.forms("abc")).containsExactly("abc");
        assertThat(Secrets.forms("")).isEmpty();
        assertThat(Secrets.forms("long enough")).contains("long enough", "bG9uZyBlbm91Z2g=", "'long enough'");
    }
}
