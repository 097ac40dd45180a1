package io.jenkins.plugins.packer.component;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a component's Prepare checks may look at besides its configuration: the directory relative paths are resolved
 * against (Packer stats scripts and sources relative to its working directory), the environment (for {@code ~}) and
 * the build's name and builder type, which Packer injects as {@code packer_build_name} and
 * {@code packer_builder_type}.
 */
public record PrepareContext(Path workDir, Map<String, String> env, String buildName, String builderType) {

    public PrepareContext {
        env = Map.copyOf(env);
    }
}
