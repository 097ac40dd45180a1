package io.jenkins.plugins.packer.cli;

import io.jenkins.plugins.packer.ops.Validate;
import io.jenkins.plugins.packer.run.PackerUi;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.time.Clock;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pkrj validate}: checks that a template is valid, as {@code packer validate}. */
final class ValidateCommand extends Declared {

    @Override
    String name() {
        return "validate";
    }

    @Override
    void declare(CommandSpec spec) {
        flag(spec, "syntax-only", false);
        repeated(spec, "only", true);
        repeated(spec, "except", true);
        flag(spec, "machine-readable", false);
        template(spec);
        repeated(spec, "var", false);
        repeated(spec, "var-file", false);
    }

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
        java.util.Map<String, String> vars = vars();
        if (vars == null) {
            io.out().println(help());
            return 1;
        }
        Validate.Result r = Validate.run(new LoadRequest(io.workDir(), template(), values("var-file"), vars,
                io.env(), Clock.systemUTC()), flag("syntax-only"), values("only"), values("except"));
        if (!flag("machine-readable")) {
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
