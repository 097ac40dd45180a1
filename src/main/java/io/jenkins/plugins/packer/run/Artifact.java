package io.jenkins.plugins.packer.run;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What a builder or post-processor produced, as Packer's {@code Artifact}: the producer's id, the artifact's id
 * ({@code us-east-1:ami-…} for an AMI), the text the summary prints, its files, the values the builder generated
 * (for post-processors' {@code build.*}), and how to destroy it when no one keeps it.
 */
public record Artifact(String builderId, String id, String string, List<String> files,
                       Map<String, String> generatedData, Destroyer destroyer) {

    public Artifact {
        files = List.copyOf(files);
        generatedData = Map.copyOf(generatedData);
    }

    public void destroy() throws IOException {
        if (destroyer != null) {
            destroyer.destroy();
        }
    }

    /** Removes what an artifact stands for. */
    @FunctionalInterface
    public interface Destroyer {
        void destroy() throws IOException;
    }
}
