package io.jenkins.plugins.packer.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where pkrj keeps the journals of its runs (see {@code ResourceJournal}): {@code PKRJ_STATE_DIR}, else
 * {@code $XDG_STATE_HOME/pkrj}, else {@code ~/.local/state/pkrj}; none without a home.
 */
final class StateDir {

    private StateDir() {
    }

    static Path of(Map<String, String> env) {
        String dir = env.getOrDefault("PKRJ_STATE_DIR", "");
        if (!dir.isEmpty()) {
            return Path.of(dir);
        }
        String xdg = env.getOrDefault("XDG_STATE_HOME", "");
        if (!xdg.isEmpty()) {
            return Path.of(xdg, "pkrj");
        }
        String home = env.getOrDefault("HOME", "");
        return home.isEmpty() ? null : Path.of(home, ".local", "state", "pkrj");
    }
}
