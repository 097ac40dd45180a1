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
    public Integer call() {
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
