package io.jenkins.plugins.packer.cli;

import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.ops.Inspect;
import io.jenkins.plugins.packer.ops.Validate;
import io.jenkins.plugins.packer.run.PackerUi;
import io.jenkins.plugins.packer.template.HclConfig;
import io.jenkins.plugins.packer.template.LoadRequest;
import io.jenkins.plugins.packer.template.json.JsonValidate;
import java.time.Clock;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pkrj inspect}: the components of a template, as {@code packer inspect} lists them. */
final class InspectCommand extends Declared {

    @Override
    String name() {
        return "inspect";
    }

    @Override
    void declare(CommandSpec spec) {
        template(spec);
        repeated(spec, "var", false);
        flag(spec, "machine-readable", false);
        repeated(spec, "var-file", false);
    }

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
        java.util.Map<String, String> vars = vars();
        if (vars == null) {
            io.out().println(help());
            return 1;
        }
        if (!Validate.isHcl2(io.workDir(), template())) {
            return json();
        }
        Diagnostics diags = new Diagnostics();
        HclConfig cfg = HclConfig.load(new LoadRequest(io.workDir(), template(), values("var-file"), vars,
                io.env(), Clock.systemUTC()), diags);
        if (Diags.write(io, cfg.sourceFiles(), diags) != 0) {
            return 1;
        }
        // Like packer, inspect shows what it could read even when some of it does not evaluate.
        cfg.initialize(new Diagnostics());
        if (flag("machine-readable")) {
            Inspect.hcl(cfg, new Machine());
        } else {
            io.out().print(Inspect.hcl(cfg));
        }
        return 0;
    }

    /** A legacy JSON template: packer lists it as parsed, whatever its builds would make of it. */
    private int json() {
        JsonValidate.Loaded loaded = JsonValidate.load(io.workDir(), template(), values("var-file"));
        boolean machineReadable = flag("machine-readable");
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
