package io.jenkins.plugins.packer.builder.amazon.ebs;

import io.jenkins.plugins.packer.builder.amazon.common.AmazonConfigChecks;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.MultiError;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;
import java.util.ArrayList;
import java.util.List;

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
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        MultiError errs = new MultiError();
        errs.addAll(AmazonConfigChecks.access(c));
        errs.addAll(AmazonConfigChecks.ami(c));
        errs.addAll(AmazonConfigChecks.blockDevices(c.blocks("ami_block_device_mappings")));
        errs.addAll(AmazonConfigChecks.blockDevices(c.blocks("launch_block_device_mappings")));
        errs.addAll(AmazonConfigChecks.run(c, ctx));
        if (AmazonConfigChecks.isSpotInstance(c)
                && (Boolean.TRUE.equals(c.trilean("ena_support")) || c.bool("sriov_support"))) {
            errs.add("Spot instances do not support modification, which is required when either `ena_support` or"
                    + " `sriov_support` are set. Please ensure you use an AMI that already has either SR-IOV or ENA"
                    + " enabled.");
        }
        List<String> warnings = new ArrayList<>();
        if (!c.string("spot_price_auto_product").isEmpty()) {
            warnings.add("spot_price_auto_product is deprecated and no longer necessary for Packer builds. In"
                    + " future versions of Packer, inclusion of spot_price_auto_product will error your builds."
                    + " Please take a look at our current documentation to understand how Packer requests Spot"
                    + " instances.");
        }
        return new Prepared(warnings, errs.error());
    }
}
