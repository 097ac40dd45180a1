package io.jenkins.plugins.packer.template;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a configuration is read with: the template path (file or directory) relative to the working directory, the
 * {@code -var-file} files and {@code -var} values in command-line order, the environment (for {@code PKR_VAR_*} and
 * {@code env()}), the clock, and the workspace that template file functions are confined to when the engine runs in
 * Jenkins (null: no confinement, as on the command line). Nothing is read from the process itself.
 */
public record LoadRequest(Path workDir, String target, List<String> varFiles, Map<String, String> vars,
                          Map<String, String> env, Clock clock, Path workspaceRoot) {

    public LoadRequest {
        varFiles = List.copyOf(varFiles);
        vars = new LinkedHashMap<>(vars);
        env = Map.copyOf(env);
    }

    /** A request without confinement, as the command line reads templates. */
    public LoadRequest(Path workDir, String target, List<String> varFiles, Map<String, String> vars,
                       Map<String, String> env, Clock clock) {
        this(workDir, target, varFiles, vars, env, clock, null);
    }

    public static LoadRequest of(Path workDir, String target, Map<String, String> env) {
        return new LoadRequest(workDir, target, List.of(), Map.of(), env, Clock.systemUTC());
    }
}
