package org.jenkinsci.plugins.workflow;

import hudson.FilePath;
import java.io.File;

/**
 * Mirrors workflow-api {@code org.jenkinsci.plugins.workflow.FilePathUtils}: a workspace's node, and the workspace
 * found again from the node's name and its path (after a restart). Here every path is on the built-in node
 * ({@code ""}), as {@link FilePath} only has the controller-local form.
 */
public class FilePathUtils {

    private FilePathUtils() {
    }

    public static String getNodeName(FilePath f) {
        return "";
    }

    public static FilePath find(String node, String path) {
        return node.isEmpty() ? new FilePath(new File(path)) : null;
    }
}
