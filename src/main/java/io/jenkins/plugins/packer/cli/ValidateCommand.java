package io.jenkins.plugins.packer.cli;

import io.jenkins.plugins.packer.ops.Validate;
import io.jenkins.plugins.packer.run.PackerUi;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pkrj validate}: checks that a template is valid, as {@code packer validate}. */
@Command(name = "validate", description = "check that a template is valid")
final class ValidateCommand extends Main.IoCommand {

    @Option(names = {"-syntax-only", "--syntax-only"}, arity = "0..1", description = "Only check syntax. Do not verify"
            + " config of the template.")
    boolean syntaxOnly;

    @Option(names = {"-only", "--only"}, split = ",", paramLabel = "foo,bar,baz",
            description = "Validate only these builds.")
    java.util.List<String> only = new java.util.ArrayList<>();

    @Option(names = {"-except", "--except"}, split = ",", paramLabel = "foo,bar,baz",
            description = "Validate all builds other than these.")
    java.util.List<String> except = new java.util.ArrayList<>();

    @Option(names = {"-machine-readable", "--machine-readable"}, arity = "0..1", fallbackValue = "true",
            description = "Produce machine-readable output.")
    boolean machineReadable;

    @Parameters(arity = "1", paramLabel = "TEMPLATE")
    String template;

    @picocli.CommandLine.Mixin
    VarOptions vars = new VarOptions();

    @Option(names = {"-var-file", "--var-file"}, paramLabel = "path",
            description = "JSON or HCL2 file containing user variables.")
    java.util.List<String> varFiles = new java.util.ArrayList<>();

    @Override
    String help() {
        return """
                Usage: pkrj validate [options] TEMPLATE

                  Checks the template is valid by parsing the template and also
                  checking the configuration with the various builders, provisioners, etc.

                  If it is not valid, the errors will be shown and the command will exit
                  with a non-zero exit status. If it is valid, it will exit with a zero
                  exit status.

                Options:

                  -syntax-only           Only check syntax. Do not verify config of the template.
                  -except=foo,bar,baz    Validate all builds other than these.
                  -machine-readable      Produce machine-readable output.
                  -only=foo,bar,baz      Validate only these builds.
                  -var 'key=value'       Variable for templates, can be used multiple times.
                  -var-file=path         JSON or HCL2 file containing user variables.""";
    }

    @Override
    public Integer call() {
        Validate.Result r = Validate.run(new LoadRequest(io.workDir(), template, varFiles, vars.values(), io.env(),
                Clock.systemUTC()), syntaxOnly, only, except);
        if (!machineReadable) {
            io.out().write(r.output(), 0, r.output().length);
            return r.exitCode();
        }
        // Packer says what validate prints as one machine-readable line: an error, or the syntax-only verdict.
        String text = r.text();
        if (!text.isEmpty()) {
            String message = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            io.out().print(PackerUi.machineLine(java.time.Instant.now().getEpochSecond(), "", "ui",
                    r.exitCode() == 0 ? "say" : "error", message));
            io.out().flush();
        }
        return r.exitCode();
    }
}
