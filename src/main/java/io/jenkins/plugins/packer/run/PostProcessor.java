package io.jenkins.plugins.packer.run;

import io.jenkins.plugins.packer.component.ComponentConfig;

/** A post-processor that can run, found with {@link java.util.ServiceLoader}. */
public interface PostProcessor {

    String type();

    /**
     * Processes {@code input} and returns the new artifact (null to stop the chain), whether the input is kept, and
     * whether that choice overrides {@code keep_input_artifact}.
     */
    Result postProcess(BuildContext ctx, ComponentConfig config, Artifact input) throws BuildFailure;

    record Result(Artifact artifact, boolean keep, boolean forceOverride) {}
}
