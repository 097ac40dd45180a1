package io.jenkins.plugins.packer.builder.amazon.common;

import io.jenkins.plugins.packer.component.ComponentConfig;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;

/** Packer's {@code BuildEC2BlockDeviceMappings}: the {@code *_block_device_mappings} blocks as EC2 mappings. */
public final class BlockDevices {

    private BlockDevices() {
    }

    public static List<BlockDeviceMapping> of(List<ComponentConfig> blocks) {
        List<BlockDeviceMapping> mappings = new ArrayList<>();
        for (ComponentConfig b : blocks) {
            BlockDeviceMapping.Builder m = BlockDeviceMapping.builder().deviceName(b.string("device_name"));
            if (b.bool("no_device")) {
                mappings.add(m.noDevice("").build());
                continue;
            }
            if (!b.string("virtual_name").isEmpty()) {
                mappings.add(m.virtualName(b.string("virtual_name")).build());
                continue;
            }
            EbsBlockDevice.Builder ebs = EbsBlockDevice.builder().deleteOnTermination(b.bool("delete_on_termination"));
            if (!b.string("volume_type").isEmpty()) {
                ebs.volumeType(b.string("volume_type"));
            }
            if (b.number("volume_size") > 0) {
                ebs.volumeSize((int) b.number("volume_size"));
            }
            if (b.number("iops") > 0) {
                ebs.iops((int) b.number("iops"));
            }
            if (b.number("throughput") > 0) {
                ebs.throughput((int) b.number("throughput"));
            }
            if (!b.string("snapshot_id").isEmpty()) {
                ebs.snapshotId(b.string("snapshot_id"));
            }
            Boolean encrypted = b.trilean("encrypted");
            if (encrypted != null) {
                ebs.encrypted(encrypted);
            }
            if (!b.string("kms_key_id").isEmpty()) {
                ebs.kmsKeyId(b.string("kms_key_id"));
            }
            mappings.add(m.ebs(ebs.build()).build());
        }
        return mappings;
    }

    /** The same mappings as a launch template takes them (spot instances). */
    public static List<software.amazon.awssdk.services.ec2.model.LaunchTemplateBlockDeviceMappingRequest> ofTemplate(
            List<ComponentConfig> blocks) {
        List<software.amazon.awssdk.services.ec2.model.LaunchTemplateBlockDeviceMappingRequest> out =
                new ArrayList<>();
        for (BlockDeviceMapping m : of(blocks)) {
            var b = software.amazon.awssdk.services.ec2.model.LaunchTemplateBlockDeviceMappingRequest.builder()
                    .deviceName(m.deviceName()).virtualName(m.virtualName()).noDevice(m.noDevice());
            EbsBlockDevice e = m.ebs();
            if (e != null) {
                b.ebs(x -> x.deleteOnTermination(e.deleteOnTermination()).volumeType(e.volumeTypeAsString())
                        .volumeSize(e.volumeSize()).iops(e.iops()).throughput(e.throughput())
                        .snapshotId(e.snapshotId()).encrypted(e.encrypted()).kmsKeyId(e.kmsKeyId()));
            }
            out.add(b.build());
        }
        return out;
    }
}
