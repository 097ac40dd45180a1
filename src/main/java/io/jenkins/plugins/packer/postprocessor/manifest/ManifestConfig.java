package io.jenkins.plugins.packer.postprocessor.manifest;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;

/**
 * The manifest post-processor's Configure: every option has a default ({@code output} is
 * {@code packer-manifest.json}), so a configuration that decodes is valid. See
 * <a href="https://developer.hashicorp.com/packer/docs/post-processors/manifest">the manifest post-processor</a>.
 */
public final class ManifestConfig implements Preparer {

    @Override
    public String kind() {
        return "post-processor";
    }

    @Override
    public String type() {
        return "manifest";
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        return Prepared.OK;
    }
}
