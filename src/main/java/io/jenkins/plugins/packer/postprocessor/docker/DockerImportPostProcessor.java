package io.jenkins.plugins.packer.postprocessor.docker;

import io.jenkins.plugins.packer.builder.docker.DockerBuilder;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.docker.DockerEngine;
import io.jenkins.plugins.packer.run.Artifact;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.PostProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * The {@code docker-import} post-processor: imports the tarball of an export artifact (the docker builder's
 * {@code export_path}, or artifice's files) as an image {@code repository[:tag]}, with the Dockerfile instructions of
 * {@code changes}. See
 * <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/docker/latest/components/post-processor/docker-import">
 * docker-import</a>.
 */
public final class DockerImportPostProcessor implements PostProcessor {

    @Override
    public String type() {
        return "docker-import";
    }

    @Override
    public Result postProcess(BuildContext ctx, ComponentConfig c, Artifact input) throws BuildFailure {
        DockerArtifacts.require(input, "Can only import from Docker builder and Artifice post-processor artifacts."
                + " If you are getting this error after having run the docker builder, it may be because you set"
                + " commit: true in your Docker builder, so the image is already imported. ", DockerBuilder.BUILDER_ID,
                "packer.post-processor.artifice");
        String repository = c.string("repository");
        String tag = c.string("tag");
        String importRepo = repository + (tag.isEmpty() ? "" : ":" + tag);
        ctx.ui().message("Importing image: " + input.id());
        ctx.ui().message("Repository: " + importRepo);
        if (input.files().isEmpty() || input.files().get(0).isEmpty()) {
            throw new BuildFailure("Error importing container: the artifact has no file to import");
        }
        String id;
        try (DockerEngine engine = DockerEngine.connect(ctx.env());
             InputStream tar = Files.newInputStream(ctx.resolve(input.files().get(0)))) {
            id = engine.importImage(tar, repository, tag, c.stringList("changes"), c.string("platform"));
        } catch (IOException e) {
            throw new BuildFailure("Error importing container: exit status 1\n\nStderr: " + e.getMessage() + "\n");
        }
        ctx.ui().message("Imported ID: " + id);
        // As Packer's: the new artifact is known by its repository, and carries no generated data.
        return new Result(DockerBuilder.importArtifact(ctx, DockerBuilder.IMPORT_ID, importRepo, List.of(), Map.of()),
                false, false);
    }
}
