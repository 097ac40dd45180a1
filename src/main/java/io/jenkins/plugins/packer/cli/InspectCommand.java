package io.jenkins.plugins.packer.cli;

import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.ops.Inspect;
import io.jenkins.plugins.packer.ops.Validate;
import io.jenkins.plugins.packer.run.PackerUi;
import io.jenkins.plugins.packer.template.HclConfig;
import io.jenkins.plugins.packer.template.LoadRequest;
import io.jenkins.plugins.packer.template.json.JsonValidate;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pkrj inspect}: the components of a template, as {@code packer inspect} lists them. */
@Command(name = "inspect", description = "see components of a template")
final class InspectCommand extends Main.IoCommand {

    @Parameters(arity = "1", paramLabel = "TEMPLATE")
    String template;

    @picocli.CommandLine.Mixin
    VarOptions vars = new VarOptions();

    @Option(names = {"-machine-readable", "--machine-readable"}, arity = "0..1", fallbackValue = "true",
            description = "Machine-readable output.")
    boolean machineReadable;

    /** Packer's machine-readable lines of inspect: each say as {@code ui,say}, and its {@code template-*} facts. */
    private final class Machine implements Inspect.Sink {
        private final long now = Clock.systemUTC().instant().getEpochSecond();

        @Override
        public void say(String text) {
            io.out().print(PackerUi.machineLine(now, "", "ui", "say", text));
        }

        @Override
        public void machine(String type, String... args) {
            io.out().print(PackerUi.machineLine(now, "", type, args));
        }
    }

    @Option(names = {"-var-file", "--var-file"}, paramLabel = "path",
            description = "JSON or HCL2 file containing user variables.")
    java.util.List<String> varFiles = new java.util.ArrayList<>();

    @Override
    String help() {
        return """
                Usage: pkrj inspect TEMPLATE

                  Inspects a template, parsing and outputting the components a template
                  defines. This does not validate the contents of a template (other than
                  basic syntax by necessity).

                Options:

                  -machine-readable  Machine-readable output
                  -var 'key=value'   Variable for templates, can be used multiple times.
                  -var-file=path     JSON or HCL2 file containing user variables.""";
    }

    @Override
    public Integer call() {
        if (!Validate.isHcl2(io.workDir(), template)) {
            return json();
        }
        Diagnostics diags = new Diagnostics();
        HclConfig cfg = HclConfig.load(new LoadRequest(io.workDir(), template, varFiles, vars.values(), io.env(),
                Clock.systemUTC()), diags);
        if (Diags.write(io, cfg.sourceFiles(), diags) != 0) {
            return 1;
        }
        // Like packer, inspect shows what it could read even when some of it does not evaluate.
        cfg.initialize(new Diagnostics());
        if (machineReadable) {
            Inspect.hcl(cfg, new Machine());
        } else {
            io.out().print(Inspect.hcl(cfg));
        }
        return 0;
    }

    /** A legacy JSON template: packer lists it as parsed, whatever its builds would make of it. */
    private int json() {
        JsonValidate.Loaded loaded = JsonValidate.load(io.workDir(), template, varFiles);
        if (loaded.failure() != null) {
            String text = loaded.failure().output();
            if (machineReadable) {
                // The error as one ui,error line: packer's message without the line end its terminal adds.
                io.out().print(PackerUi.machineLine(
                        Clock.systemUTC().instant().getEpochSecond(), "", "ui", "error",
                        text.endsWith("\n") ? text.substring(0, text.length() - 1) : text));
            } else {
                io.out().print(text);
            }
            return loaded.failure().exitCode();
        }
        if (machineReadable) {
            Inspect.json(loaded.template(), new Machine());
        } else {
            io.out().print(Inspect.json(loaded.template()));
        }
        return 0;
    }
}
