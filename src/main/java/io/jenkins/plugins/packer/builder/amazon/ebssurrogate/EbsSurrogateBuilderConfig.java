package io.jenkins.plugins.packer.builder.amazon.ebssurrogate;

import io.jenkins.plugins.packer.builder.amazon.common.AmazonConfigChecks;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.MultiError;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;
import java.util.ArrayList;
import java.util.List;

/**
 * The amazon-ebssurrogate builder's Prepare: the checks amazon-ebs makes on access, run, AMI and block devices, then
 * its root device, which must be one of the launch block devices. See
 * <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/amazon/latest/components/builder/ebssurrogate">
 * amazon-ebssurrogate</a>.
 */
public final class EbsSurrogateBuilderConfig implements Preparer {

    @Override
    public String kind() {
        return "builder";
    }

    @Override
    public String type() {
        return "amazon-ebssurrogate";
    }

    @Override
    public java.util.List<String> renderExcluded() {
        return AmazonConfigChecks.EBS_RENDER_EXCLUDED;
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        MultiError errs = new MultiError();
        errs.addAll(AmazonConfigChecks.access(c));
        errs.addAll(AmazonConfigChecks.run(c, ctx));
        errs.addAll(AmazonConfigChecks.ami(c));
        errs.addAll(AmazonConfigChecks.blockDevices(c.blocks("ami_block_device_mappings")));
        List<ComponentConfig> launch = c.blocks("launch_block_device_mappings");
        errs.addAll(AmazonConfigChecks.blockDevices(launch));
        ComponentConfig root = c.block("ami_root_device");
        if (root == null) {
            // An absent block is Go's zero value: every option unset.
            root = new ComponentConfig(null);
        }
        errs.addAll(rootDevice(root));
        if (c.string("ami_virtualization_type").isEmpty()) {
            errs.add("ami_virtualization_type is required.");
        }
        String sourceDevice = root.string("source_device_name");
        boolean foundRoot = false;
        for (ComponentConfig device : launch) {
            if (device.string("device_name").equals(sourceDevice)) {
                foundRoot = true;
                if (device.bool("omit_from_artifact")) {
                    errs.add("You cannot set \"omit_from_artifact\": \"true\" for the root volume.");
                }
            }
        }
        if (!foundRoot) {
            errs.add("no volume with name '" + sourceDevice + "' is found");
        }
        errs.addAll(AmazonConfigChecks.architecture(c));
        return new Prepared(AmazonConfigChecks.runWarnings(c), errs.error());
    }

    private static List<String> rootDevice(ComponentConfig root) {
        List<String> errs = new ArrayList<>();
        if (root.string("source_device_name").isEmpty()) {
            errs.add("source_device_name for the root_device must be specified");
        }
        if (root.string("device_name").isEmpty()) {
            errs.add("device_name for the root_device must be specified");
        }
        long iops = root.number("iops");
        if (root.string("volume_type").equals("gp2") && iops != 0) {
            errs.add("iops may not be specified for a gp2 volume");
        }
        if (iops < 0) {
            errs.add("iops must be greater than 0");
        }
        if (root.number("volume_size") < 0) {
            errs.add("volume_size must be greater than 0");
        }
        return errs;
    }
}
