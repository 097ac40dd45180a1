package io.jenkins.plugins.packer.function;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What functions may see of the outside world, passed in rather than read from the process: the directory relative
 * paths resolve against ({@code path.root}), the workspace that file access is confined to when the engine runs in
 * Jenkins (null: no confinement), the environment (for {@code pathexpand}'s home directory) and the clock.
 */
public record FunctionContext(Path baseDir, Path workspaceRoot, Map<String, String> env, Clock clock) {

    public FunctionContext {
        env = Map.copyOf(env);
    }
}
