package io.jenkins.plugins.packer.builder.amazon.ebs;

import io.jenkins.plugins.packer.builder.amazon.common.AmazonConfigChecks;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.MultiError;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;

/**
 * The amazon-ebs builder's Prepare: access, AMI, block device and run checks, then the rules that tie them together.
 * See <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/amazon/latest/components/builder/ebs">
 * amazon-ebs</a>.
 */
public final class EbsBuilderConfig implements Preparer {

    @Override
    public String kind() {
        return "builder";
    }

    @Override
    public String type() {
        return "amazon-ebs";
    }

    @Override
    public java.util.List<String> renderExcluded() {
        return AmazonConfigChecks.EBS_RENDER_EXCLUDED;
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        MultiError errs = new MultiError();
        errs.addAll(AmazonConfigChecks.access(c));
        errs.addAll(AmazonConfigChecks.ami(c));
        errs.addAll(AmazonConfigChecks.blockDevices(c.blocks("ami_block_device_mappings")));
        errs.addAll(AmazonConfigChecks.blockDevices(c.blocks("launch_block_device_mappings")));
        errs.addAll(AmazonConfigChecks.run(c, ctx));
        errs.addAll(AmazonConfigChecks.spotEnhancedNetworking(c));
        ComponentConfig fastLaunch = c.isSet("fast_launch") ? c.block("fast_launch") : null;
        if (fastLaunch != null && fastLaunch.bool("enable_fast_launch")) {
            errs.add("fast_launch is not available in this version: the AMI would be made without EC2 Fast Launch");
        }
        return new Prepared(AmazonConfigChecks.runWarnings(c), errs.error());
    }
}
