package io.jenkins.plugins.packer.builder.amazon.instance;

import io.jenkins.plugins.packer.builder.amazon.common.AmazonConfigChecks;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.LocalFiles;
import io.jenkins.plugins.packer.component.MultiError;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;
import java.util.List;

/**
 * The amazon-instance builder's Prepare: access, block device, AMI and run checks, then what bundling an
 * instance-store AMI needs (account, bucket, X.509 certificate and key). See
 * <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/amazon/latest/components/builder/instance">
 * amazon-instance</a>.
 */
public final class InstanceBuilderConfig implements Preparer {

    @Override
    public String kind() {
        return "builder";
    }

    @Override
    public String type() {
        return "amazon-instance";
    }

    @Override
    public java.util.List<String> renderExcluded() {
        return java.util.List.of("ami_description", "bundle_upload_command", "bundle_vol_command", "run_tags", "run_volume_tags", "snapshot_tags", "spot_tags", "tags");
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        MultiError errs = new MultiError();
        errs.addAll(AmazonConfigChecks.access(c));
        errs.addAll(AmazonConfigChecks.blockDevices(c.blocks("ami_block_device_mappings")));
        errs.addAll(AmazonConfigChecks.blockDevices(c.blocks("launch_block_device_mappings")));
        errs.addAll(AmazonConfigChecks.ami(c));
        errs.addAll(AmazonConfigChecks.run(c, ctx));
        if (c.string("account_id").isEmpty()) {
            errs.add("account_id is required");
        }
        if (c.string("s3_bucket").isEmpty()) {
            errs.add("s3_bucket is required");
        }
        for (String option : List.of("x509_cert_path", "x509_key_path")) {
            String path = c.string(option);
            if (path.isEmpty()) {
                errs.add(option + " is required");
            } else {
                String err = LocalFiles.statError(ctx.workDir(), path);
                if (err != null) {
                    errs.add(option + " points to bad file: " + err);
                }
            }
        }
        errs.addAll(AmazonConfigChecks.spotEnhancedNetworking(c));
        return new Prepared(AmazonConfigChecks.runWarnings(c), errs.error());
    }
}
