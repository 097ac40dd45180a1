package io.jenkins.plugins.packer.cli;

import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.template.HclConfig;
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

    @Parameters(arity = "1", paramLabel = "TEMPLATE")
    String template;

    @Override
    public Integer call() {
        Diagnostics diags = new Diagnostics();
        HclConfig cfg = HclConfig.load(io.workDir(), template, io.env(), Clock.systemUTC(), diags);
        if (Diags.write(io, Diags.sources(cfg), diags) != 0) {
            return 1;
        }
        if (syntaxOnly) {
            io.out().println("Syntax-only check passed. Everything looks okay.");
        }
        return 0;
    }
}
