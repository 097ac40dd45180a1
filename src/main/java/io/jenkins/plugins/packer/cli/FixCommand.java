package io.jenkins.plugins.packer.cli;

import io.jenkins.plugins.packer.template.json.JsonFix;
import io.jenkins.plugins.packer.value.GoStrings;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pkrj fix}: rewrites a legacy JSON template with packer 1.6.6's fixers and prints it, as {@code packer fix}.
 */
final class FixCommand extends Declared {

    @Override
    String name() {
        return "fix";
    }

    /** No option: the arguments are read here as Go's flag package reads them. */
    @Override
    void declare(CommandSpec spec) {
        spec.parser().unmatchedArgumentsAllowed(true);
    }

    @Override
    String help() {
        return """
                Usage: pkrj fix [options] TEMPLATE

                  Reads the JSON template and attempts to fix known backwards
                  incompatibilities. The fixed template will be outputted to standard out.

                  If the template cannot be fixed due to an error, the command will exit
                  with a non-zero exit status. Error messages will appear on standard error.

                Fixes that are run (in order):

                """ + JsonFix.fixerList() + """

                Options:

                  -validate=true      If true (default), validates the fixed template.""";
    }

    @Override
    public Integer call() {
        List<String> args = parsed().unmatched();
        boolean validate = true;
        int i = 0;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-") || a.equals("-")) {
                break;
            }
            if (a.equals("--")) {
                i++;
                break;
            }
            String flag = a.substring(a.startsWith("--") ? 2 : 1);
            String name = flag.contains("=") ? flag.substring(0, flag.indexOf('=')) : flag;
            if (name.equals("h") || name.equals("help")) {
                io.out().println(help());
                return 0;
            }
            if (!name.equals("validate")) {
                io.out().println("flag provided but not defined: -" + name);
                io.out().println(help());
                return 1;
            }
            String value = flag.contains("=") ? flag.substring(flag.indexOf('=') + 1) : "true";
            Boolean parsed = GoStrings.parseBool(value);
            if (parsed == null) {
                io.out().println("invalid boolean value " + GoStrings.quote(value) + " for -validate: parse error");
                io.out().println(help());
                return 1;
            }
            validate = parsed;
        }
        List<String> templates = args.subList(i, args.size());
        if (templates.size() != 1) {
            io.out().println(help());
            return 1;
        }
        JsonFix.Result r = JsonFix.run(io.workDir(), templates.get(0), validate);
        io.out().print(r.output());
        io.out().flush();
        return r.exitCode();
    }
}
