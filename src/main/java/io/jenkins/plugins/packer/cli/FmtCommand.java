package io.jenkins.plugins.packer.cli;

import io.jenkins.plugins.packer.ops.Fmt;
import io.jenkins.plugins.packer.ops.UnifiedDiff;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pkrj fmt}: rewrites HCL2 files to canonical format, as {@code packer fmt}. */
@Command(name = "fmt", description = "Rewrites HCL2 config files to canonical format")
final class FmtCommand extends Main.IoCommand {

    @Option(names = {"-check", "--check"}, arity = "0..1", description = "Check if the input is formatted. Exit"
            + " status will be 0 if all input is properly formatted and non-zero otherwise.")
    boolean check;

    @Option(names = {"-diff", "--diff"}, arity = "0..1", description = "Display diffs of formatting change")
    boolean diff;

    @Option(names = {"-write", "--write"}, arity = "0..1", defaultValue = "true",
            description = "Don't write to source files (always disabled if using -check)")
    boolean write = true;

    @Option(names = {"-recursive", "--recursive"}, arity = "0..1",
            description = "Also process files in subdirectories.")
    boolean recursive;

    @Parameters(arity = "1", paramLabel = "TEMPLATE")
    String path;

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
