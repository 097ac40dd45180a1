package io.jenkins.plugins.packer.jenkins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Keeps the paths a step is given inside the workspace: first by their text, on the controller (no absolute paths),
 * then on the agent by where they really lead from the step's folder (the workspace, or a folder of it inside
 * {@code dir}), symbolic links followed, so that neither {@code ..} nor a link reaches the agent's other files. The
 * workspace is the node's ({@code WORKSPACE}), so {@code dir('packer') { … varFiles: ['../common.pkrvars.hcl'] }}
 * stays inside it.
 */
final class WorkspacePaths {

    private WorkspacePaths() {
    }

    /**
     * The problem with {@code path} as a path relative to the step's folder given as argument {@code name}, or null
     * when it is one. Both separators count, since the agent may run Windows.
     */
    static String problem(String name, String path) {
        if (path == null || path.isBlank()) {
            return name + " is required";
        }
        if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
            return name + " must be relative to the workspace, but is the absolute path " + path;
        }
        return null;
    }

    /**
     * The workspace the step's paths must stay in: the node's ({@code WORKSPACE} of the step's environment) when the
     * step's folder {@code cwd} is inside it, else the folder itself.
     */
    static Path root(Path cwd, Map<String, String> env) throws IOException {
        Path folder = cwd.toRealPath();
        String workspace = env == null ? null : env.get("WORKSPACE");
        if (workspace != null && !workspace.isBlank()) {
            Path ws = Path.of(workspace);
            if (Files.isDirectory(ws) && folder.startsWith(ws.toRealPath())) {
                return ws.toRealPath();
            }
        }
        return folder;
    }

    /**
     * Checks on the agent that {@code relative} (already accepted by {@link #problem}) leads, from {@code cwd}, to a
     * file inside {@code root} once {@code ..} and symbolic links are followed as far as the path exists.
     *
     * @throws IllegalArgumentException naming the argument when it leads out of the workspace
     */
    static void confine(Path root, Path cwd, String name, String relative) throws IOException {
        Path realRoot = root.toRealPath();
        Path real = realPath(cwd.resolve(relative).normalize());
        if (!real.startsWith(realRoot)) {
            throw new IllegalArgumentException(name + " must stay inside the workspace, but " + relative
                    + " leads to " + real);
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
