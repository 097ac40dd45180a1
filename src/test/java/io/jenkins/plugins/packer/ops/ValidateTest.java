package io.jenkins.plugins.packer.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.template.LoadRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateTest {

    @TempDir
    Path dir;

    private Validate.Result validate(String hcl, List<String> only, List<String> except) throws IOException {
        Files.writeString(dir.resolve("t.pkr.hcl"), hcl);
        return Validate.hcl(LoadRequest.of(dir, "t.pkr.hcl", Map.of()), only, except);
    }

    private Validate.Result validate(String hcl) throws IOException {
        return validate(hcl, List.of(), List.of());
    }

    @Test
    void aValidConfigurationPrintsNothing() throws IOException {
        Validate.Result r = validate("""
                source "null" "a" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.a"]
                }
                """);
        assertThat(r.exitCode()).isZero();
        assertThat(r.text()).isEmpty();
    }

    @Test
    void aBuilderErrorIsTheSummaryAtTheSourceBlock() throws IOException {
        Validate.Result r = validate("""
                source "null" "a" {
                  ssh_username = "u"
                }
                build {
                  sources = ["source.null.a"]
                }
                """);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.text()).isEqualTo("""
                Error: 2 error(s) occurred:

                * a Host must be specified, please reference your communicator documentation
                * one authentication method must be specified, please reference your communicator documentation

                  on t.pkr.hcl line 1:
                  (source code not available)


                """);
    }

    @Test
    void aProvisionerErrorIsWrappedAtItsBlock() throws IOException {
        Validate.Result r = validate("""
                source "null" "a" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.a"]

                  provisioner "shell" {
                    name = "setup"
                  }
                }
                """);
        assertThat(r.text()).startsWith("""
                Error: Failed preparing provisioner-block "shell" "setup"

                  on t.pkr.hcl line 7:
                  (source code not available)

                1 error(s) occurred:

                * Either a script file or inline script must be specified.
                """);
    }

    @Test
    void aPostProcessorDecodeErrorIsFlattenedIntoTheDetail() throws IOException {
        Validate.Result r = validate("""
                source "null" "a" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.a"]
                  post-processor "compress" {
                    level = 3
                  }
                }
                """);
        assertThat(r.text()).contains("Error: Failed preparing post-processor-block \"compress\" \"\"\n\n"
                + "  on t.pkr.hcl line 6:")
                .contains("t.pkr.hcl:7,5-10: Unsupported argument; An argument named");
    }

    @Test
    void onlySelectsBuildsByGlob() throws IOException {
        String hcl = """
                source "null" "good" {
                  communicator = "none"
                }
                source "null" "bad" {
                }
                build {
                  name    = "b"
                  sources = ["source.null.good", "source.null.bad"]
                }
                """;
        assertThat(validate(hcl, List.of("b.*.good"), List.of()).exitCode()).isZero();
        assertThat(validate(hcl, List.of(), List.of("*.bad")).exitCode()).isZero();
        assertThat(validate(hcl, List.of("*"), List.of()).exitCode()).isEqualTo(1);
    }

    @Test
    void exceptAlsoDropsPostProcessorsByName() throws IOException {
        Validate.Result r = validate("""
                source "null" "a" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.a"]
                  post-processor "artifice" {
                    name = "art"
                  }
                }
                """, List.of(), List.of("art"));
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void aProvisionerOverrideAppliesToItsSourceOnly() throws IOException {
        Validate.Result r = validate("""
                source "null" "one" {
                  communicator = "none"
                }
                source "null" "two" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.one", "source.null.two"]
                  provisioner "shell-local" {
                    inline = ["true"]
                    override = {
                      two = { scripts = ["missing.sh"] }
                    }
                  }
                }
                """);
        assertThat(r.text()).containsOnlyOnce("Failed preparing provisioner-block")
                .contains("* Bad script 'missing.sh': stat missing.sh: no such file or directory");
    }

    @Test
    void anUnknownSourceIsReportedAtItsBuildWithTheKnownOnes() throws IOException {
        Validate.Result r = validate("""
                source "null" "real" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.typo"]
                }
                """);
        assertThat(r.text()).isEqualTo("""
                Error: Unknown source null.typo

                  on t.pkr.hcl line 4:
                  (source code not available)

                Known: [null.real]


                """);
    }

    @Test
    void aBuildLevelSourceMaySetOnlyWhatTheSourceDoesNot() throws IOException {
        Validate.Result r = validate("""
                source "file" "f" {
                  target = "a"
                }
                build {
                  source "source.file.f" {
                    target = "b"
                  }
                }
                """);
        assertThat(r.text()).startsWith("Error: Duplicate argument\n\n  on t.pkr.hcl line 6:")
                .contains("Argument \"target\" was already set at t.pkr.hcl:2,3-9");
    }

    @Test
    void builderWarningsAreShownAndDoNotFail() throws IOException {
        Validate.Result r = validate("""
                source "file" "f" {
                  target = "a"
                }
                build {
                  sources = ["source.file.f"]
                }
                """);
        assertThat(r.exitCode()).isZero();
        assertThat(r.text()).startsWith("Warning: Both source file and contents are blank; target will have no"
                + " content\n\n  on t.pkr.hcl line 1:");
    }

    @Test
    void anUnsetVariableStopsValidationBeforeTheBuilds() throws IOException {
        Validate.Result r = validate("""
                variable "v" {
                  type = string
                }
                source "null" "a" {
                }
                build {
                  sources = ["source.null.a"]
                }
                """);
        assertThat(r.text()).isEqualTo("""
                Error: Unset variable "v"

                A used variable must be set or have a default value; see
                https://packer.io/docs/configuration/from-1.5/syntax for details.


                """);
    }

    @Test
    void aFailedValidationRuleQuotesItsMessageAndItsPlace() throws IOException {
        Validate.Result r = validate("""
                variable "n" {
                  default = 10
                  validation {
                    condition     = var.n < 5
                    error_message = "Too big."
                  }
                }
                """);
        assertThat(r.text()).isEqualTo("""
                Error: Invalid value for default variable

                  on t.pkr.hcl line 2:
                  (source code not available)

                Too big.

                This was checked by the validation rule at t.pkr.hcl:3,3-13.


                """);
    }
}
