package io.jenkins.plugins.packer.builder.amazon.ebsvolume;

import io.jenkins.plugins.packer.builder.amazon.common.AmazonConfigChecks;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.MultiError;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;
import java.util.List;

/**
 * The amazon-ebsvolume builder's Prepare: access and run checks, then each of {@code ebs_volumes} as a block device.
 * See <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/amazon/latest/components/builder/ebsvolume">
 * amazon-ebsvolume</a>.
 */
public final class EbsVolumeBuilderConfig implements Preparer {

    @Override
    public String kind() {
        return "builder";
    }

    @Override
    public String type() {
        return "amazon-ebsvolume";
    }

    @Override
    public java.util.List<String> renderExcluded() {
        return java.util.List.of("run_tags", "run_volume_tags", "spot_tags", "ebs_volumes");
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        MultiError errs = new MultiError();
        errs.addAll(AmazonConfigChecks.access(c));
        errs.addAll(AmazonConfigChecks.run(c, ctx));
        for (ComponentConfig volume : c.blocks("ebs_volumes")) {
            for (String e : AmazonConfigChecks.blockDevices(List.of(volume))) {
                errs.add("AMIMapping: " + e);
            }
        }
        errs.addAll(AmazonConfigChecks.spotEnhancedNetworking(c));
        return new Prepared(AmazonConfigChecks.runWarnings(c), errs.error());
    }
}
