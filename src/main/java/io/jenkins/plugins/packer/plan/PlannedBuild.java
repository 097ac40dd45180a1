package io.jenkins.plugins.packer.plan;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.template.BuildBlock;
import io.jenkins.plugins.packer.template.PostProcessorBlock;
import io.jenkins.plugins.packer.template.ProvisionerBlock;
import io.jenkins.plugins.packer.template.SourceUse;
import java.util.List;

/**
 * One build Packer would run: a source of a build block under its full name ({@code BUILD.TYPE.NAME} or
 * {@code TYPE.NAME}), or a legacy JSON builder under its name, with the name components know it by
 * ({@code packer_build_name}) and the builder's, provisioners' and post-processors' configurations decoded and
 * prepared. A JSON build has no build block and no source use (null).
 */
public record PlannedBuild(String name, String packerBuildName, BuildBlock build, SourceUse source, String builderType,
                           ComponentConfig builder, List<Provisioner> provisioners,
                           Provisioner errorCleanupProvisioner, List<List<PostProcessor>> postProcessorChains) {

    /** A provisioner of the build with its configuration for this source (overrides applied). */
    public record Provisioner(ProvisionerBlock block, ComponentConfig config) {}

    /** A post-processor of the build with its configuration. */
    public record PostProcessor(PostProcessorBlock block, ComponentConfig config) {}
}
