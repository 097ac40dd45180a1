package io.jenkins.plugins.packer.cli;

import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.ops.Console;
import io.jenkins.plugins.packer.template.HclConfig;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pkrj console}: with input piped in, evaluates every line and prints the last result, as packer does; from a
 * terminal, prompts and prints each result.
 */
final class ConsoleCommand extends Declared {

    @Override
    String name() {
        return "console";
    }

    @Override
    void declare(CommandSpec spec) {
        optionalTemplate(spec);
        repeated(spec, "var", false);
        repeated(spec, "var-file", false);
    }

    @Override
    String help() {
        return """
                Usage: pkrj console [options] [TEMPLATE]

                  Creates a console for testing variable interpolation.
                  If a template is provided, this command will load the template and any
                  variables defined therein into its context to be referenced during
                  interpolation.

                Options:
                  -var 'key=value'       Variable for templates, can be used multiple times.
                  -var-file=path         JSON or HCL2 file containing user variables.""";
    }

    @Override
    public Integer call() throws IOException {
        Map<String, String> vars = vars();
        if (vars == null) {
            io.out().println(help());
            return 1;
        }
        String template = template();
        Diagnostics loadDiags = new Diagnostics();
        HclConfig cfg = template == null ? HclConfig.empty(io.workDir(), io.env(), Clock.systemUTC())
                : HclConfig.load(new LoadRequest(io.workDir(), template, values("var-file"), vars, io.env(),
                        Clock.systemUTC()), loadDiags);
        if (!loadDiags.isEmpty()) {
            int rc = Diags.write(io, cfg.sourceFiles(), loadDiags);
            if (rc != 0) {
                return rc;
            }
        }
        cfg.executeDataSources(true).initialize(new Diagnostics());
        Console console = new Console(cfg);
        BufferedReader in = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
        boolean interactive = System.console() != null;
        int ret = 0;
        String last = "";
        String line;
        if (interactive) {
            io.out().print("> ");
            io.out().flush();
        }
        while ((line = in.readLine()) != null) {
            Console.Result r = console.evaluate(interactive ? line : line.strip());
            if (!r.diags().isEmpty()) {
                ret = Diags.write(io, Map.of(), r.diags());
            }
            if (interactive) {
                if (r.exit()) {
                    return ret;
                }
                io.out().println(r.output());
                io.out().print("> ");
                io.out().flush();
            }
            last = r.output();
        }
        if (!interactive) {
            io.out().println(last);
        }
        return ret;
    }
}
