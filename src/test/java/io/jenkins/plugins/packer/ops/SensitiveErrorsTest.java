package io.jenkins.plugins.packer.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.template.LoadRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sensitive value that makes a function fail never reaches the output through the function's message: every
 * function below quotes what it could not use, and {@code validate} prints {@code <sensitive>} there, as packer does.
 */
class SensitiveErrorsTest {

    private static final String SECRET = "S3CR3T-VALUE-42";

    @TempDir
    Path dir;

    private String validate(String local, String extra) throws Exception {
        return validate(local, extra, true);
    }

    private String validate(String local, String extra, boolean sensitive) throws Exception {
        Files.writeString(dir.resolve("t.pkr.hcl"), """
                variable "secret" {
                  type      = string
                  default   = "%s"
                  sensitive = %s
                }
                locals {
                  a = %s
                }
                source "null" "n" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.n"]
                %s}
                """.formatted(SECRET, sensitive, local, extra));
        LoadRequest load = new LoadRequest(dir, "t.pkr.hcl", List.of(), Map.of(), Map.of(), Clock.systemUTC());
        Validate.Result r = Validate.run(load, false, List.of(), List.of());
        assertThat(r.exitCode()).as(r.text()).isOne();
        return r.text();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "timeadd(\"2020-01-01T00:00:00Z\", var.secret)",
        "formatdate(var.secret, \"2020-01-01T00:00:00Z\")",
        "formatdate(\"YYYY\", var.secret)",
        "parseint(var.secret, 10)",
        "cidrhost(var.secret, 1)",
        "cidrsubnet(var.secret, 1, 1)",
        "cidrnetmask(var.secret)",
        "base64decode(var.secret)",
        "file(var.secret)",
        "filebase64(var.secret)",
        "templatefile(var.secret, {})",
        "uuidv5(var.secret, \"name\")",
        "tonumber(var.secret)",
        "jsondecode(var.secret)",
        "yamldecode(\"a: [\")  == var.secret ? 1 : 2",
        "regex(var.secret, \"x\")",
        "tobool(var.secret)",
        "formatdate(upper(var.secret), \"2020-01-01T00:00:00Z\")",
        "timeadd(\"2020-01-01T00:00:00Z\", [var.secret][0])",
    })
    void aFailingFunctionDoesNotPrintItsSensitiveArgument(String call) throws Exception {
        String out = validate(call, "");

        assertThat(out).doesNotContain(SECRET).contains("Error");
    }

    @org.junit.jupiter.api.Test
    void theMessagesDoQuoteTheirArgumentWhenItIsNotSensitive() throws Exception {
        assertThat(validate("timeadd(\"2020-01-01T00:00:00Z\", var.secret)", "", false))
                .contains("time: invalid duration \"" + SECRET + "\"");
        assertThat(validate("timeadd(\"2020-01-01T00:00:00Z\", var.secret)", ""))
                .contains("time: invalid duration \"<sensitive>\"");
    }

    @org.junit.jupiter.api.Test
    void aProvisionerTimeoutFromASecretDoesNotPrintIt() throws Exception {
        String out = validate("1", """
                  provisioner "shell-local" {
                    inline  = ["true"]
                    timeout = var.secret
                  }
                """);

        assertThat(out).doesNotContain(SECRET).contains("timeout");
    }
}
