package io.jenkins.plugins.packer.jenkins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Keeps the paths a step is given inside the workspace: first by their text, on the controller (no absolute paths,
 * no {@code ..} that climbs out), then on the agent by where they really lead, so a symbolic link in the workspace
 * cannot reach the agent's other files.
 */
final class WorkspacePaths {

    private WorkspacePaths() {
    }

    /**
     * The problem with {@code path} as a workspace-relative path given as argument {@code name}, or null when it is
     * one. Both separators count, since the agent may run Windows.
     */
    static String problem(String name, String path) {
        if (path == null || path.isBlank()) {
            return name + " is required";
        }
        if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
            return name + " must be relative to the workspace, but is the absolute path " + path;
        }
        Deque<String> kept = new ArrayDeque<>();
        for (String segment : List.of(path.split("[/\\\\]"))) {
            if (segment.equals("..")) {
                if (kept.isEmpty()) {
                    return name + " must stay inside the workspace, but " + path + " leads out of it";
                }
                kept.removeLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                kept.addLast(segment);
            }
        }
        return null;
    }

    /**
     * Checks on the agent that {@code relative} (already accepted by {@link #problem}) leads to a file inside
     * {@code workspace} once symbolic links are followed as far as the path exists.
     *
     * @throws IllegalArgumentException naming the argument when it leads out of the workspace
     */
    static void confine(Path workspace, String name, String relative) throws IOException {
        Path root = workspace.toRealPath();
        Path real = realPath(workspace.resolve(relative).normalize());
        if (!real.startsWith(root)) {
            throw new IllegalArgumentException(name + " must stay inside the workspace, but " + relative
                    + " is a link to " + real);
        }
    }

    /** The path with links resolved up to its longest existing prefix; the rest is kept as written. */
    private static Path realPath(Path p) throws IOException {
        Path existing = p;
        Deque<Path> rest = new ArrayDeque<>();
        while (existing != null && !Files.exists(existing)) {
            rest.push(existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        Path real = existing.toRealPath();
        while (!rest.isEmpty()) {
            real = real.resolve(rest.pop());
        }
        return real.normalize();
    }
}
