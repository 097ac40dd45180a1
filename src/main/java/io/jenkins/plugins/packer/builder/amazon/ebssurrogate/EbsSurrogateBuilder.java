package io.jenkins.plugins.packer.builder.amazon.ebssurrogate;

import io.jenkins.plugins.packer.builder.amazon.common.ImageSteps;
import io.jenkins.plugins.packer.builder.amazon.ebs.EbsBuilder;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.run.Artifact;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.Builder;
import io.jenkins.plugins.packer.run.Step;
import java.util.List;

/**
 * The {@code amazon-ebssurrogate} builder: launches a surrogate instance with the
 * {@code launch_block_device_mappings}, provisions it (typically writing a system onto an extra volume), stops it,
 * snapshots its launch volumes and registers an AMI from the snapshots, the {@code ami_root_device}'s source volume as
 * the root device; then copies, shares and tags the AMI as amazon-ebs does. See
 * <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/amazon/latest/components/builder/ebssurrogate">
 * amazon-ebssurrogate</a>.
 */
public final class EbsSurrogateBuilder implements Builder {

    static final String BUILDER_ID = "mitchellh.amazon.ebssurrogate";

    @Override
    public String type() {
        return "amazon-ebssurrogate";
    }

    @Override
    public Artifact run(BuildContext ctx, ComponentConfig config, Hook hook) throws BuildFailure {
        if (config.bool("use_create_image")) {
            throw new BuildFailure("use_create_image is not available in this version: the AMI is registered from"
                    + " snapshots of the launch volumes (leave use_create_image unset)");
        }
        return EbsBuilder.bake(ctx, config, hook, BUILDER_ID, (ssh, none) -> {
            List<Step> steps = EbsBuilder.launchSteps(config, ssh, none);
            steps.add(new SurrogateSteps.SnapshotVolumes(config));
            steps.add(new ImageSteps.DeregisterAmi(config.string("ami_name"), config.bool("force_deregister"),
                    config.bool("force_delete_snapshot")));
            steps.add(new SurrogateSteps.RegisterAmi(config));
            steps.addAll(EbsBuilder.imageSteps(config));
            return steps;
        });
    }
}
