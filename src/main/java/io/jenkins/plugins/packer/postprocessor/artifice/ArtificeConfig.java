package io.jenkins.plugins.packer.postprocessor.artifice;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;

/**
 * The artifice post-processor's Configure: it needs the files that make the new artifact. See
 * <a href="https://developer.hashicorp.com/packer/docs/post-processors/artifice">the artifice post-processor</a>.
 */
public final class ArtificeConfig implements Preparer {

    @Override
    public String kind() {
        return "post-processor";
    }

    @Override
    public String type() {
        return "artifice";
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        return c.stringList("files").isEmpty() ? Prepared.error("No files specified in artifice configuration")
                : Prepared.OK;
    }
}
