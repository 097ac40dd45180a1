package io.jenkins.plugins.packer.postprocessor.docker;

import io.jenkins.plugins.packer.builder.docker.DockerBuilder;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.docker.DockerEngine;
import io.jenkins.plugins.packer.run.Artifact;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.PostProcessor;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code docker-tag} post-processor: tags the image of a committed or imported artifact as
 * {@code repository:tag} for each tag (or {@code repository}, which docker tags {@code latest}). See
 * <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/docker/latest/components/post-processor/docker-tag">
 * docker-tag</a>.
 */
public final class DockerTagPostProcessor implements PostProcessor {

    static final String BUILDER_ID = "packer.post-processor.docker-tag";

    @Override
    public String type() {
        return "docker-tag";
    }

    @Override
    public Result postProcess(BuildContext ctx, ComponentConfig c, Artifact input) throws BuildFailure {
        DockerArtifacts.require(input, "Can only tag from Docker builder artifacts.", BUILDER_ID,
                DockerBuilder.IMPORT_ID);
        if (c.isSet("tag") && !c.stringList("tag").isEmpty()) {
            ctx.ui().say("Deprecation warning: \"tag\" option has been replaced with \"tags\". In future versions of"
                    + " Packer, this configuration may not work. Please call `packer fix` on your template to"
                    + " update.");
        }
        List<String> tags = new ArrayList<>(c.stringList("tags"));
        tags.addAll(c.stringList("tag"));
        String repository = c.string("repository");
        List<String> names = new ArrayList<>();
        if (tags.isEmpty()) {
            names.add(repository);
        } else {
            tags.forEach(t -> names.add(repository + ":" + t));
        }
        String last = null;
        try (DockerEngine engine = DockerEngine.connect(ctx.env())) {
            for (String name : names) {
                ctx.ui().message("Tagging image: " + input.id());
                ctx.ui().message("Repository: " + name);
                String tag = DockerEngine.tagOf(name);
                try {
                    engine.client().tagImageCmd(input.id(), DockerEngine.repositoryOf(name),
                            tag.isEmpty() ? "latest" : tag).withForce(true).exec();
                } catch (RuntimeException e) {
                    throw new BuildFailure("Error tagging image: exit status 1\nStderr: "
                            + engine.failure(e).getMessage() + "\n");
                }
                last = name;
            }
        } catch (java.io.IOException e) {
            throw new BuildFailure(e.getMessage());
        }
        Artifact out = DockerBuilder.importArtifact(ctx, BUILDER_ID, last, tags.isEmpty() ? List.of() : names,
                input.generatedData());
        // Packer keeps the tagged image whatever keep_input_artifact says.
        return new Result(out, true, true);
    }
}
