package io.jenkins.plugins.packer.run;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What a builder or post-processor produced, as Packer's {@code Artifact}: the producer's id, the artifact's id
 * ({@code us-east-1:ami-…} for an AMI), the text the summary prints, its files, the values the builder generated
 * (for post-processors' {@code build.*}), how to destroy it when no one keeps it, and what else its producer tells
 * the next post-processor (Packer's {@code Artifact.State}: the tags docker-tag gave an image).
 */
public record Artifact(String builderId, String id, String string, List<String> files,
                       Map<String, String> generatedData, Destroyer destroyer, Map<String, List<String>> state) {

    public Artifact {
        files = List.copyOf(files);
        generatedData = Map.copyOf(generatedData);
        state = Map.copyOf(state);
    }

    public Artifact(String builderId, String id, String string, List<String> files, Map<String, String> generatedData,
                    Destroyer destroyer) {
        this(builderId, id, string, files, generatedData, destroyer, Map.of());
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
