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
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code docker-save} post-processor: writes the image of a committed, imported or tagged artifact to a tarball
 * ({@code docker save}) and passes the artifact on. See
 * <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/docker/latest/components/post-processor/docker-save">
 * docker-save</a>.
 */
public final class DockerSavePostProcessor implements PostProcessor {

    @Override
    public String type() {
        return "docker-save";
    }

    @Override
    public Result postProcess(BuildContext ctx, ComponentConfig c, Artifact input) throws BuildFailure {
        DockerArtifacts.require(input, "Can only save Docker builder artifacts.", DockerTagPostProcessor.BUILDER_ID,
                DockerBuilder.IMPORT_ID);
        String path = c.string("path");
        Path file = ctx.resolve(path);
        OutputStream out;
        try {
            if (path.isEmpty()) {
                throw new IOException("open : no such file or directory");
            }
            out = Files.newOutputStream(file);
        } catch (IOException e) {
            throw new BuildFailure("Error creating output file: " + e.getMessage());
        }
        ctx.ui().message("Saving image: " + input.id());
        try (DockerEngine engine = DockerEngine.connect(ctx.env()); out) {
            try (InputStream in = engine.client().saveImageCmd(input.id()).exec()) {
                in.transferTo(out);
            } catch (RuntimeException e) {
                throw new IOException(engine.failure(e).getMessage(), e);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // nothing more to do
            }
            throw new BuildFailure("Error exporting: exit status 1\nStderr: " + e.getMessage() + "\n");
        }
        ctx.ui().message("Saved to: " + path);
        return new Result(input, true, false);
    }
}
