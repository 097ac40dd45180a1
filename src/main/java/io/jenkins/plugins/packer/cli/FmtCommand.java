package io.jenkins.plugins.packer.cli;

import io.jenkins.plugins.packer.ops.Fmt;
import io.jenkins.plugins.packer.ops.UnifiedDiff;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pkrj fmt}: rewrites HCL2 files to canonical format, as {@code packer fmt}. */
final class FmtCommand extends Declared {

    @Override
    String name() {
        return "fmt";
    }

    @Override
    void declare(CommandSpec spec) {
        flag(spec, "check", false);
        flag(spec, "diff", false);
        flag(spec, "write", true);
        flag(spec, "recursive", false);
        template(spec);
    }

    @Override
    String help() {
        return """
                Usage: pkrj fmt [options] [TEMPLATE]

                  Rewrites all Packer configuration files to a canonical format. Both
                  configuration files (.pkr.hcl) and variable files (.pkrvars.hcl) are updated.
                  JSON files (.json) are not modified.

                  If TEMPLATE is "." the current directory will be used. If TEMPLATE is "-",
                  the content is read from standard input and written to standard output.
                  The given content must be in Packer's HCL2 configuration language; JSON is
                  not supported.

                Options:
                  -check        Check if the input is formatted. Exit status will be 0 if all
                                 input is properly formatted and non-zero otherwise.

                  -diff         Display diffs of formatting change

                  -write=false  Don't write to source files
                                (always disabled if using -check)

                  -recursive    Also process files in subdirectories. By default, only the
                                given directory (or current directory) is processed.""";
    }

    @Override
    public Integer call() throws java.io.IOException {
        boolean check = flag("check");
        boolean diff = flag("diff");
        boolean write = flag("write");
        boolean recursive = flag("recursive");
        String path = template();
        if (path.equals("-")) {
            byte[][] output = new byte[1][];
            Fmt.Result r = Fmt.stdin(io.in().readAllBytes(), write && !check, output);
            io.out().write(output[0], 0, output[0].length);
            io.out().flush();
            if (Diags.write(io, Map.of(), r.diags()) != 0) {
                return 1;
            }
            return check && r.anyChanged() ? 3 : 0;
        }
        Fmt.Result r = Fmt.run(io.workDir(), path, write && !check, recursive);
        for (Fmt.Changed c : r.changed()) {
            io.out().println(c.displayName());
            if (diff) {
                io.out().print(UnifiedDiff.diff(c.before(), c.after(), "old/" + c.displayName(),
                        "new/" + c.displayName()));
            }
        }
        if (Diags.write(io, Map.of(), r.diags()) != 0) {
            return 1;
        }
        return check && r.anyChanged() ? 3 : 0;
    }
}
