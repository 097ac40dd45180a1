package io.jenkins.plugins.packer.postprocessor.compress;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;

/**
 * The compress post-processor's Configure: {@code output} and {@code compression_level} have defaults and an
 * out-of-range level is clamped, not rejected, so a configuration that decodes is valid. See
 * <a href="https://developer.hashicorp.com/packer/docs/post-processors/compress">the compress post-processor</a>.
 */
public final class CompressConfig implements Preparer {

    @Override
    public String kind() {
        return "post-processor";
    }

    @Override
    public String type() {
        return "compress";
    }

    @Override
    public java.util.List<String> renderExcluded() {
        return java.util.List.of("output");
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        return Prepared.OK;
    }
}
