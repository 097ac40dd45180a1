package io.jenkins.plugins.packer.builder.amazon.ebssurrogate;

import io.jenkins.plugins.packer.builder.amazon.common.BlockDevices;
import io.jenkins.plugins.packer.builder.amazon.common.Ec2;
import io.jenkins.plugins.packer.builder.amazon.common.ImageSteps;
import io.jenkins.plugins.packer.builder.amazon.common.LaunchSteps;
import io.jenkins.plugins.packer.builder.amazon.common.Snapshots;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.gotemplate.GoTemplateException;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.Step;
import io.jenkins.plugins.packer.run.StepState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.RegisterImageRequest;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The steps of packer-plugin-amazon's amazon-ebssurrogate that make the image from the stopped surrogate: a snapshot
 * of each launch volume, then an AMI registered from them, the root volume's snapshot as its root device.
 */
final class SurrogateSteps {

    static final String LAUNCH_MAPPINGS = "launch_block_device_mappings";
    /** The snapshots of the launch volumes, by device name ({@code Map<String, String>}). */
    static final String SNAPSHOT_IDS = "snapshot_ids";

    private SurrogateSteps() {
    }

    /** The launch devices the AMI leaves out ({@code omit_from_artifact}). */
    static boolean omitted(ComponentConfig device) {
        return device.bool("omit_from_artifact");
    }

    /**
     * Packer's {@code StepSnapshotVolumes}: a snapshot of each launch volume not left out of the artifact, tagged with
     * {@code snapshot_tags}, then waits until all are completed. A failed or cancelled build deletes them again.
     */
    static final class SnapshotVolumes implements Step {
        private final ComponentConfig config;
        private final Map<String, String> snapshotIds = new LinkedHashMap<>();

        SnapshotVolumes(ComponentConfig config) {
            this.config = config;
        }

        @Override
        public String name() {
            return "StepSnapshotVolumes";
        }

        @Override
        public boolean run(StepState state) {
            Ec2Client ec2 = state.get(Ec2.CLIENT);
            Instance instance = state.get(Ec2.INSTANCE);
            List<String> errors = new ArrayList<>();
            // Packer snapshots the volumes side by side; here they are asked for one after the other (so the lines
            // come in order), then waited for together.
            for (ComponentConfig device : config.blocks(LAUNCH_MAPPINGS)) {
                if (omitted(device)) {
                    continue;
                }
                String deviceName = device.string("device_name");
                String volumeId = null;
                for (InstanceBlockDeviceMapping b : instance.blockDeviceMappings()) {
                    if (b.deviceName().equals(deviceName) && b.ebs() != null) {
                        volumeId = b.ebs().volumeId();
                    }
                }
                if (volumeId == null) {
                    errors.add("Volume ID for device " + deviceName + " not found");
                    continue;
                }
                state.ui().say("Creating snapshot tags");
                List<Tag> tags;
                try {
                    tags = Ec2.tags(state, Ec2.tagOption(config, "snapshot_tags", "snapshot_tag"));
                } catch (GoTemplateException e) {
                    state.ui().error(e.getMessage());
                    return state.fail(e.getMessage());
                }
                Ec2.report(state, tags);
                state.ui().say("Creating snapshot of EBS Volume " + volumeId + "...");
                String description = Snapshots.description(config.string("snapshot_description"));
                try {
                    snapshotIds.put(deviceName, Snapshots.create(state, ec2, volumeId, description, tags));
                } catch (SdkException e) {
                    errors.add(Ec2.error(e));
                }
            }
            for (String id : snapshotIds.values()) {
                try {
                    Snapshots.await(state, ec2, id);
                } catch (Ec2.WaitFailed e) {
                    errors.add(e.getMessage());
                } catch (Cancellation.CancelledException e) {
                    return false;
                }
            }
            if (!errors.isEmpty()) {
                return LaunchSteps.fail(state, io.jenkins.plugins.packer.template.json.GoText.multiError(errors));
            }
            state.put(SNAPSHOT_IDS, snapshotIds);
            return true;
        }

        @Override
        public void cleanup(StepState state) {
            Snapshots.removeOnFailure(state, snapshotIds.values());
        }
    }

    /**
     * Packer's {@code StepRegisterAMI} of amazon-ebssurrogate: the AMI registered from the launch volumes' snapshots
     * (the {@code ami_root_device}'s source as its root device, named {@code ami_root_device.device_name}) and the
     * {@code ami_block_device_mappings}, then waited for. A failed or cancelled build deregisters it again.
     */
    static final class RegisterAmi extends ImageSteps.RegisterAmi {

        RegisterAmi(ComponentConfig config) {
            super(config);
        }

        @Override
        protected void describe(StepState state, RegisterImageRequest.Builder request) {
            String architecture = config.string("ami_architecture").isEmpty() ? "x86_64"
                    : config.string("ami_architecture");
            request.architecture(architecture).rootDeviceName(config.block("ami_root_device").string("device_name"))
                    .virtualizationType(config.string("ami_virtualization_type"))
                    .blockDeviceMappings(combineDevices(state.get(SNAPSHOT_IDS)));
            if (!config.string("boot_mode").isEmpty()) {
                request.bootMode(config.string("boot_mode"));
            }
            if (!config.string("uefi_data").isEmpty()) {
                request.uefiData(config.string("uefi_data"));
            }
        }

        @Override
        protected void registered(StepState state, Image image) {
            Map<String, String> snapshotIds = state.get(SNAPSHOT_IDS);
            String region = Ec2.region(state);
            // The AMI's snapshots are the launch volumes' (an EC2 stand-in may make others); the launch volumes' are
            // delivered with the AMI unless an encrypted copy replaced it.
            ImageSteps.recordSnapshots(state, region, ImageSteps.snapshots(image).stream()
                    .filter(s -> !snapshotIds.containsValue(s)).toList());
            Map<String, List<String>> byRegion = new TreeMap<>();
            byRegion.put(region, ImageSteps.snapshots(image));
            state.put(Ec2.SNAPSHOTS, byRegion);
            state.put(Ec2.OWN_SNAPSHOTS, java.util.concurrent.ConcurrentHashMap.<String>newKeySet());
            state.<java.util.Set<String>>get(Ec2.OWN_SNAPSHOTS).addAll(snapshotIds.values());
        }

        /**
         * The AMI's block devices: the {@code ami_block_device_mappings}, overridden by the launch devices of the same
         * name, each with its volume's snapshot (and the snapshot's encryption), the root one renamed.
         */
        List<BlockDeviceMapping> combineDevices(Map<String, String> snapshotIds) {
            Map<String, BlockDeviceMapping> devices = new LinkedHashMap<>();
            for (BlockDeviceMapping m : BlockDevices.of(config.blocks("ami_block_device_mappings"))) {
                devices.put(m.deviceName(), m);
            }
            String sourceRoot = config.block("ami_root_device").string("source_device_name");
            String rootName = config.block("ami_root_device").string("device_name");
            List<ComponentConfig> launch = config.blocks(LAUNCH_MAPPINGS);
            List<BlockDeviceMapping> mappings = BlockDevices.of(launch);
            for (int i = 0; i < launch.size(); i++) {
                if (omitted(launch.get(i))) {
                    continue;
                }
                BlockDeviceMapping m = mappings.get(i);
                String snapshot = snapshotIds.get(m.deviceName());
                if (snapshot != null && m.ebs() != null) {
                    m = m.toBuilder().ebs(m.ebs().toBuilder().snapshotId(snapshot).encrypted(null).kmsKeyId(null)
                            .build()).build();
                }
                if (m.deviceName().equals(sourceRoot)) {
                    m = m.toBuilder().deviceName(rootName).build();
                }
                devices.put(m.deviceName(), m);
            }
            return new ArrayList<>(devices.values());
        }
    }
}
