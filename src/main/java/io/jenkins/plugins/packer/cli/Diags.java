package io.jenkins.plugins.packer.cli;

import io.jenkins.plugins.packer.hcl.DiagnosticWriter;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.ast.File;
import io.jenkins.plugins.packer.template.HclConfig;
import java.util.HashMap;
import java.util.Map;

/** Prints diagnostics as packer's commands do: errors and warnings at width 80, then the exit code they imply. */
final class Diags {

    private Diags() {
    }

    /** Writes the diagnostics (packer's Ui adds a newline after the block) and returns 1 when any is an error. */
    static int write(Main.Io io, Map<String, DiagnosticWriter.SourceFile> files, Diagnostics diags) {
        byte[] text = new DiagnosticWriter(files, 80).writeBytes(diags);
        if (text.length == 0) {
            return 0;
        }
        io.out().write(text, 0, text.length);
        io.out().println();
        return diags.hasErrors() ? 1 : 0;
    }
}
