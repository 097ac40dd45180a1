package io.jenkins.plugins.packer.component;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/** Local file checks worded as Go's {@code os.Stat} errors, which Packer's messages quote. */
public final class LocalFiles {

    private LocalFiles() {
    }

    /** The most the engine reads of one file (a template, a var-file, a file function's file). */
    public static final long MAX_READ_BYTES = 256L * 1024 * 1024;

    /** Why a file the engine would read is refused: outside the workspace, not a regular file, or too large. */
    public static final class Refused extends java.io.IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * The bytes of a file the engine reads on a template's behalf, checked when it is opened: a regular file (a FIFO
     * or a device would block or never end), at most {@link #MAX_READ_BYTES}, and, when {@code workspaceRoot} is set
     * (in Jenkins), inside it once symbolic links are followed, so that a link in the workspace reads nothing
     * outside it.
     */
    public static byte[] read(Path file, Path workspaceRoot) throws java.io.IOException {
        if (workspaceRoot != null) {
            Path real = file.toRealPath();
            if (!real.startsWith(workspaceRoot.toRealPath())) {
                throw new Refused("it leads outside the workspace, and only files inside the workspace are read when"
                        + " run by Jenkins");
            }
        }
        java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file,
                java.nio.file.attribute.BasicFileAttributes.class);
        if (!a.isRegularFile() && !a.isDirectory()) {
            throw new Refused("it is not a regular file");
        }
        if (a.size() > MAX_READ_BYTES) {
            throw new Refused("it is larger than " + MAX_READ_BYTES / (1024 * 1024) + " MiB");
        }
        return Files.readAllBytes(file);
    }

    /** Null when {@code path} exists (relative to the working directory), else Go's {@code stat PATH: …} error. */
    public static String statError(Path workDir, String path) {
        if (path.isEmpty()) {
            return "stat : no such file or directory";
        }
        try {
            Path p = workDir.resolve(path);
            if (Files.exists(p)) {
                return null;
            }
            Path parent = p.getParent();
            if (parent != null && Files.exists(parent, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(parent)) {
                return "stat " + path + ": not a directory";
            }
            return "stat " + path + ": no such file or directory";
        } catch (InvalidPathException e) {
            return "stat " + path + ": invalid argument";
        }
    }

    /**
     * The check the configuration-management provisioners make of an option naming a file: given, existing and not a
     * folder ({@code OPTION must be specified.}, {@code OPTION: NAME is invalid: stat …},
     * {@code OPTION: NAME must point to a file}); null when it holds.
     */
    public static String fileOptionError(Path workDir, String name, String option) {
        if (name.isEmpty()) {
            return option + " must be specified.";
        }
        String err = statError(workDir, name);
        if (err != null) {
            return option + ": " + name + " is invalid: " + err;
        }
        return Files.isDirectory(workDir.resolve(name)) ? option + ": " + name + " must point to a file" : null;
    }

    /** The same for an option naming a folder ({@code OPTION: NAME must point to a directory}); null when it holds. */
    public static String dirOptionError(Path workDir, String name, String option) {
        String err = statError(workDir, name);
        if (err != null) {
            return option + ": " + name + " is invalid: " + err;
        }
        return Files.isDirectory(workDir.resolve(name)) ? null : option + ": " + name + " must point to a directory";
    }

    /** The SDK's {@code pathing.ExpandUser}: a leading {@code ~/} is the user's home directory. */
    public static String expandUser(String path, Map<String, String> env) {
        if (!path.startsWith("~")) {
            return path;
        }
        String home = env.getOrDefault("HOME", "");
        return path.equals("~") ? home : path.startsWith("~/") ? home + path.substring(1) : path;
    }

    /** A file's permission bits as a number ({@code 0644}), as Go's {@code FileMode.Perm()}. */
    public static int mode(Path p) throws java.io.IOException {
        int m = 0;
        for (java.nio.file.attribute.PosixFilePermission perm : Files.getPosixFilePermissions(p,
                LinkOption.NOFOLLOW_LINKS)) {
            m |= 1 << (8 - perm.ordinal());
        }
        return m;
    }
}
