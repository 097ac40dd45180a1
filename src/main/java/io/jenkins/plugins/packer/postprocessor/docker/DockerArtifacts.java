package io.jenkins.plugins.packer.postprocessor.docker;

import io.jenkins.plugins.packer.run.Artifact;
import io.jenkins.plugins.packer.run.BuildFailure;
import java.util.List;

/** The kinds of artifact each docker post-processor takes, refused in Packer's words. */
final class DockerArtifacts {

    private DockerArtifacts() {
    }

    /** Fails with {@code Unknown artifact type: ID\n<can>} unless {@code input} was made by one of {@code ids}. */
    static void require(Artifact input, String can, String... ids) throws BuildFailure {
        if (!List.of(ids).contains(input.builderId())) {
            throw new BuildFailure("Unknown artifact type: " + input.builderId() + "\n" + can);
        }
    }
}
