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
