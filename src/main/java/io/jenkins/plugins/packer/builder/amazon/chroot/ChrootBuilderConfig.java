package io.jenkins.plugins.packer.builder.amazon.chroot;

import io.jenkins.plugins.packer.builder.amazon.common.AmazonConfigChecks;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.MultiError;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;
import io.jenkins.plugins.packer.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The amazon-chroot builder's Prepare: access and AMI checks, the chroot mounts, then what a build from scratch or
 * from a source AMI needs. See
 * <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/amazon/latest/components/builder/chroot">
 * amazon-chroot</a>.
 */
public final class ChrootBuilderConfig implements Preparer {

    @Override
    public String kind() {
        return "builder";
    }

    @Override
    public String type() {
        return "amazon-chroot";
    }

    @Override
    public java.util.List<String> renderExcluded() {
        return java.util.List.of("ami_description", "snapshot_tags", "tags", "root_volume_tags", "command_wrapper", "post_mount_commands", "pre_mount_commands", "mount_path");
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        MultiError errs = new MultiError();
        List<String> warnings = new ArrayList<>();
        errs.addAll(AmazonConfigChecks.access(c));
        errs.addAll(AmazonConfigChecks.ami(c));
        Value mounts = c.value() == null || !c.isSet("chroot_mounts") ? null
                : c.value().unmarkDeep().getAttr("chroot_mounts");
        if (mounts != null && mounts.isKnown()) {
            for (Value mount : mounts.elements()) {
                if (!mount.isKnown() || mount.isNull() || mount.elements().size() != 3) {
                    errs.add("Each chroot_mounts entry should be three elements.");
                    break;
                }
            }
        }
        ComponentConfig filter = c.block("source_ami_filter");
        boolean filterEmpty = filter == null
                || filter.stringList("owners").isEmpty() && filter.stringMap("filters").isEmpty();
        boolean hasMappings = !c.blocks("ami_block_device_mappings").isEmpty();
        String rootDevice = c.string("root_device_name");
        if (c.bool("from_scratch")) {
            if (!c.string("source_ami").isEmpty() || !filterEmpty) {
                warnings.add("source_ami and source_ami_filter are unused when from_scratch is true");
            }
            if (c.number("root_volume_size") == 0) {
                errs.add("root_volume_size is required with from_scratch.");
            }
            if (c.stringList("pre_mount_commands").isEmpty()) {
                errs.add("pre_mount_commands is required with from_scratch.");
            }
            if (c.string("ami_virtualization_type").isEmpty()) {
                errs.add("ami_virtualization_type is required with from_scratch.");
            }
            if (rootDevice.isEmpty()) {
                errs.add("root_device_name is required with from_scratch.");
            }
            if (!hasMappings) {
                errs.add("ami_block_device_mappings is required with from_scratch.");
            }
        } else {
            if (c.string("source_ami").isEmpty() && filterEmpty) {
                errs.add("source_ami or source_ami_filter is required.");
            }
            if (hasMappings && !rootDevice.isEmpty()) {
                if (c.number("root_volume_size") == 0) {
                    errs.add("root_volume_size is required if ami_block_device_mappings is specified");
                }
                warnings.add("ami_block_device_mappings from source image will be completely overwritten");
            } else if (hasMappings) {
                errs.add("If ami_block_device_mappings is specified, root_device_name must be specified");
            } else if (!rootDevice.isEmpty()) {
                errs.add("If root_device_name is specified, ami_block_device_mappings must be specified");
            }
        }
        errs.addAll(AmazonConfigChecks.architecture(c));
        return new Prepared(warnings, errs.error());
    }
}
