package io.jenkins.plugins.packer.jenkins;

import java.io.Serializable;

/** What {@code packerFmt} sends to the agent: the path to format (relative to the workspace) and how. */
record FmtRequest(String path, boolean check, boolean recursive) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Checks the step's arguments; a missing path means the workspace itself, as {@code packer fmt .}.
     *
     * @throws IllegalArgumentException when the path is not inside the workspace
     */
    static FmtRequest of(String path, boolean check, boolean recursive) {
        String p = path == null || path.isBlank() ? "." : path;
        String problem = WorkspacePaths.problem("path", p);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new FmtRequest(p, check, recursive);
    }
}
