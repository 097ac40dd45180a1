package io.jenkins.plugins.packer.jenkins;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code packer fmt} did on the agent: the files that were not in canonical form (rewritten unless checking),
 * and the rendered errors (a file that does not parse, one that cannot be written, one outside the workspace).
 */
record FmtOutcome(FmtRequest request, List<String> files, String errors) implements Serializable {

    private static final long serialVersionUID = 1L;

    FmtOutcome {
        files = new ArrayList<>(files);
    }

    /** Whether the step fails: on any error, and when checking, on any file not in canonical form. */
    boolean failed() {
        return !errors.isEmpty() || request.check() && !files.isEmpty();
    }

    /**
     * The build log's text: each file rewritten, or a line saying none needed it. Nothing when the step fails without
     * having rewritten anything, since its error says it all.
     */
    String logText() {
        if (request.check() && !files.isEmpty() || files.isEmpty() && !errors.isEmpty()) {
            return "";
        }
        if (files.isEmpty()) {
            return "All Packer files under " + request.path() + " are in canonical format.\n";
        }
        StringBuilder sb = new StringBuilder();
        for (String f : files) {
            sb.append("Formatted ").append(f).append('\n');
        }
        return sb.toString();
    }

    /** The step's error: the errors Packer printed, then the files a check found, with what would fix them. */
    String failureMessage() {
        StringBuilder sb = new StringBuilder();
        if (!errors.isEmpty()) {
            sb.append(errors.stripTrailing());
        }
        if (request.check() && !files.isEmpty()) {
            if (!sb.isEmpty()) {
                sb.append("\n\n");
            }
            sb.append(files.size() == 1 ? "1 file is" : files.size() + " files are")
                    .append(" not in canonical format (run packerFmt without check, or pkrj fmt, to rewrite ")
                    .append(files.size() == 1 ? "it" : "them").append("):");
            for (String f : files) {
                sb.append("\n  ").append(f);
            }
        }
        return sb.toString();
    }

    /** The step's result: the files not in canonical form, as a list Groovy can keep. */
    ArrayList<String> result() {
        return new ArrayList<>(files);
    }
}
