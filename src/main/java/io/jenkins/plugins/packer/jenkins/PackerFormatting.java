package io.jenkins.plugins.packer.jenkins;

import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.DiagnosticWriter;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.ops.Fmt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code packerFmt}'s work on the agent, without Jenkins types: {@code packer fmt} over a path in the workspace. The
 * engine only reports; the files are written here, after each is checked to be inside the workspace, so a linked
 * directory met while recursing cannot make the step rewrite files elsewhere on the agent.
 */
final class PackerFormatting {

    private PackerFormatting() {
    }

    static FmtOutcome format(Path workspace, FmtRequest req) throws IOException {
        Diagnostics diags = new Diagnostics();
        try {
            WorkspacePaths.confine(workspace, workspace, "path", req.path());
        } catch (IllegalArgumentException e) {
            diags.add(Diagnostic.error(e.getMessage(), null, null));
            return new FmtOutcome(req, List.of(), render(diags));
        }
        Fmt.Result r = Fmt.run(workspace, req.path(), false, req.recursive());
        diags.addAll(r.diags());
        List<String> files = new ArrayList<>();
        for (Fmt.Changed c : r.changed()) {
            try {
                WorkspacePaths.confine(workspace, workspace, "each file formatted", c.displayName());
            } catch (IllegalArgumentException e) {
                diags.add(Diagnostic.error("encountered an error while formatting " + c.displayName(),
                        e.getMessage(), null));
                continue;
            }
            files.add(c.displayName());
            if (!req.check()) {
                write(c, diags);
            }
        }
        return new FmtOutcome(req, files, render(diags));
    }

    /** Writes the canonical form as packer fmt does; an existing file keeps its mode. */
    private static void write(Fmt.Changed c, Diagnostics diags) {
        try {
            Files.write(c.path(), c.after());
        } catch (IOException e) {
            diags.add(Diagnostic.error("encountered an error while formatting " + c.displayName(), e.getMessage(),
                    null));
        }
    }

    private static String render(Diagnostics diags) {
        return new DiagnosticWriter(Map.of(), 80).write(diags);
    }
}
