package io.jenkins.plugins.packer.postprocessor.artifice;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.run.Artifact;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.PostProcessor;
import java.nio.file.Files;
import java.util.List;

/**
 * The {@code artifice} post-processor: replaces the artifact's files with the listed ones that exist. See
 * <a href="https://developer.hashicorp.com/packer/docs/post-processors/artifice">artifice</a>.
 */
public final class ArtificePostProcessor implements PostProcessor {

    static final String BUILDER_ID = "packer.post-processor.artifice";

    @Override
    public String type() {
        return "artifice";
    }

    @Override
    public Result postProcess(BuildContext ctx, ComponentConfig config, Artifact input) throws BuildFailure {
        if (!input.files().isEmpty()) {
            ctx.ui().say("Discarding files from artifact: " + String.join(", ", input.files()));
        }
        // Packer leaves out the listed files that do not exist.
        List<String> files = config.stringList("files").stream().filter(f -> Files.exists(ctx.resolve(f))).toList();
        ctx.ui().say("Using these artifact files: " + String.join(", ", files));
        Artifact a = new Artifact(BUILDER_ID, "", "Created artifact from files: " + String.join(", ", files), files,
                input.generatedData(), () -> {
                    for (String f : files) {
                        Files.deleteIfExists(ctx.resolve(f));
                    }
                });
        return new Result(a, true, false);
    }
}
