package io.jenkins.plugins.packer.builder.amazon.ebsvolume;

import io.jenkins.plugins.packer.builder.amazon.common.AwsAccess;
import io.jenkins.plugins.packer.builder.amazon.common.Ec2;
import io.jenkins.plugins.packer.builder.amazon.common.ImageSteps;
import io.jenkins.plugins.packer.builder.amazon.common.LaunchSteps;
import io.jenkins.plugins.packer.builder.amazon.common.Snapshots;
import io.jenkins.plugins.packer.builder.amazon.ebs.EbsBuilder;
import io.jenkins.plugins.packer.communicator.ssh.SshSettings;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.gotemplate.GoTemplateException;
import io.jenkins.plugins.packer.run.Artifact;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.Builder;
import io.jenkins.plugins.packer.run.Step;
import io.jenkins.plugins.packer.run.StepProvision;
import io.jenkins.plugins.packer.run.StepRunner;
import io.jenkins.plugins.packer.run.StepState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The {@code amazon-ebsvolume} builder: launches an instance with the {@code ebs_volumes} attached, provisions it,
 * stops it and keeps the volumes that are not deleted on termination, tagged, as its artifact; no AMI is made. A
 * failed or cancelled build removes them too. See
 * <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/amazon/latest/components/builder/ebsvolume">
 * amazon-ebsvolume</a>.
 */
public final class EbsVolumeBuilder implements Builder {

    static final String BUILDER_ID = "mitchellh.amazon.ebsvolume";
    static final String VOLUMES = "ebsvolumes";
    /** The snapshots of the volumes with {@code snapshot_volume}, by region ({@code Map<String, List<String>>}). */
    static final String SNAPSHOTS = "ebssnapshots";
    private static final String MAPPINGS = "ebs_volumes";

    @Override
    public String type() {
        return "amazon-ebsvolume";
    }

    @Override
    public Artifact run(BuildContext ctx, ComponentConfig config, Hook hook) throws BuildFailure {
        boolean none = EbsBuilder.noCommunicator(config);
        SshSettings ssh = SshSettings.of(config, ctx.env());
        AwsAccess access = AwsAccess.of(config, ctx.env(), ctx.awsCredentials()).logTo(ctx.log());
        try (access; Ec2Client ec2 = access.ec2(access.region())) {
            StepState state = EbsBuilder.state(ctx, config, access, ec2, hook);
            List<Step> steps = new ArrayList<>();
            steps.add(new LaunchSteps.SourceAmiInfo(config));
            steps.add(new LaunchSteps.NetworkInfo(config));
            steps.add(new LaunchSteps.KeyPair(config));
            steps.add(new LaunchSteps.SecurityGroup(config, none ? 0 : ssh.port()));
            steps.add(new io.jenkins.plugins.packer.builder.amazon.common.InstanceProfileStep(config));
            // Cleaned up after the instance ends: the kept volumes of a build that failed.
            steps.add(new LaunchSteps.CleanupVolumes(config, MAPPINGS, true));
            String price = config.string("spot_price");
            boolean spot = !price.isEmpty() && !price.equals("0");
            steps.add(spot ? new LaunchSteps.RunSpotInstance(config, MAPPINGS)
                    : new LaunchSteps.RunSourceInstance(config, MAPPINGS));
            steps.add(new TagVolumes(config));
            steps.add(EbsBuilder.connectStep(config, ssh, none));
            steps.add(new StepProvision());
            steps.add(new io.jenkins.plugins.packer.communicator.ssh.StepCleanupTempKeys(
                    config.bool("ssh_clear_authorized_keys")));
            steps.add(new LaunchSteps.StopInstance(config.bool("disable_stop_instance"), spot));
            steps.add(new LaunchSteps.ModifyInstance(config.bool("sriov_support"),
                    Boolean.TRUE.equals(config.trilean("ena_support"))));
            steps.add(new SnapshotVolumes(config));
            steps.add(new DeliverVolumes());
            try {
                StepRunner.run(steps, state);
            } finally {
                Ec2.closeRegionClients(state);
            }
            if (state.error() != null) {
                throw new BuildFailure(state.error());
            }
            Map<String, List<String>> volumes = state.get(VOLUMES);
            if (volumes == null || ctx.cancellation().isCancelled()) {
                return null;
            }
            Map<String, List<String>> snapshots = state.get(SNAPSHOTS);
            Map<String, String> generated = state.get(StepProvision.GENERATED_DATA);
            Artifact a = artifact(volumes, snapshots == null ? Map.of() : snapshots,
                    generated == null ? Map.of() : generated, config, ctx);
            ctx.ui().say("Created Volumes: " + a.string());
            return a;
        }
    }

    /**
     * The volumes and their snapshots, as Packer's ebsvolume artifact: {@code region:vol-…} and
     * {@code region:snap-…} ids, sorted; destroying it deletes the volumes.
     */
    private static Artifact artifact(Map<String, List<String>> volumes, Map<String, List<String>> snapshots,
                                     Map<String, String> generated, ComponentConfig config, BuildContext ctx) {
        List<String> ids = new ArrayList<>();
        volumes.forEach((region, list) -> list.forEach(v -> ids.add(region + ":" + v)));
        snapshots.forEach((region, list) -> list.forEach(v -> ids.add(region + ":" + v)));
        java.util.Collections.sort(ids);
        return new Artifact(BUILDER_ID, String.join(",", ids), "EBS Volumes were created:\n\n"
                + String.join("\n", ids), List.of(), generated, () -> {
                    try (AwsAccess access = AwsAccess.of(config, ctx.env(), ctx.awsCredentials())
                            .logTo(ctx.log())) {
                        for (Map.Entry<String, List<String>> e : volumes.entrySet()) {
                            try (Ec2Client ec2 = access.ec2(e.getKey())) {
                                for (String v : e.getValue()) {
                                    ec2.deleteVolume(b -> b.volumeId(v));
                                }
                            } catch (SdkException ex) {
                                throw new IOException(Ec2.error(ex), ex);
                            }
                        }
                    }
                });
    }

    /**
     * Packer's {@code stepTagEBSVolumes}: records the volumes kept after the instance ends (the artifact), removes
     * the {@code run_volume_tags} from the {@code ebs_volumes}, and tags each with its own {@code tags}.
     */
    static final class TagVolumes implements Step {

        private final ComponentConfig config;

        TagVolumes(ComponentConfig config) {
            this.config = config;
        }

        @Override
        public String name() {
            return "stepTagEBSVolumes";
        }

        @Override
        public boolean run(StepState state) {
            Instance instance = state.get(Ec2.INSTANCE);
            Ec2Client ec2 = state.get(Ec2.CLIENT);
            String region = Ec2.region(state);
            List<ComponentConfig> mappings = config.blocks(MAPPINGS);
            Map<String, List<String>> volumes = new TreeMap<>();
            for (InstanceBlockDeviceMapping b : instance.blockDeviceMappings()) {
                for (ComponentConfig m : mappings) {
                    if (m.string("device_name").equals(b.deviceName()) && !m.bool("delete_on_termination")) {
                        volumes.computeIfAbsent(region, r -> new ArrayList<>()).add(b.ebs().volumeId());
                    }
                }
            }
            state.put(VOLUMES, volumes);
            if (mappings.isEmpty()) {
                return true;
            }
            try {
                Map<String, String> runVolumeTags = Ec2.tagOption(config, "run_volume_tags", "run_volume_tag");
                if (!runVolumeTags.isEmpty()) {
                    state.ui().say("Removing any tags applied to EBS volumes when the source instance was created...");
                    state.ui().message("Compiling list of existing tags to remove...");
                    List<Tag> existing = Ec2.tags(state, runVolumeTags);
                    Ec2.report(state, existing);
                    List<String> ids = new ArrayList<>();
                    for (ComponentConfig m : mappings) {
                        for (InstanceBlockDeviceMapping b : instance.blockDeviceMappings()) {
                            if (b.deviceName().equals(m.string("device_name"))) {
                                ids.add(b.ebs().volumeId());
                            }
                        }
                    }
                    state.ui().message("Deleting 'run_volume_tags' on EBS Volumes: " + String.join(", ", ids));
                    try {
                        ec2.deleteTags(b -> b.resources(ids).tags(existing));
                    } catch (SdkException e) {
                        return state.fail("Error deleting tags on EBS Volumes " + String.join(", ", ids) + ": "
                                + Ec2.error(e));
                    }
                }
                state.ui().say("Tagging EBS volumes...");
                // Packer tags them in a Go map's random order; here in the order of their ids.
                Map<String, List<Tag>> toTag = new TreeMap<>();
                for (ComponentConfig m : mappings) {
                    Map<String, String> raw = Ec2.tagOption(m, "tags", "tag");
                    if (raw.isEmpty()) {
                        state.ui().say("No tags specified for volume on " + m.string("device_name") + "...");
                        continue;
                    }
                    state.ui().message("Compiling list of tags to apply to volume on " + m.string("device_name")
                            + "...");
                    List<Tag> tags = Ec2.tags(state, raw);
                    Ec2.report(state, tags);
                    for (InstanceBlockDeviceMapping b : instance.blockDeviceMappings()) {
                        if (b.deviceName().equals(m.string("device_name"))) {
                            toTag.put(b.ebs().volumeId(), tags);
                        }
                    }
                }
                for (Map.Entry<String, List<Tag>> e : toTag.entrySet()) {
                    state.ui().message("Applying tags to EBS Volume: " + e.getKey());
                    try {
                        ec2.createTags(b -> b.resources(e.getKey()).tags(e.getValue()));
                    } catch (SdkException ex) {
                        return state.fail("Error tagging EBS Volume " + e.getKey() + " on " + instance.instanceId()
                                + ": " + Ec2.error(ex));
                    }
                }
            } catch (GoTemplateException e) {
                return state.fail("Error generating tags: " + e.getMessage());
            }
            return true;
        }
    }

    /**
     * Hands the kept volumes and their snapshots over to the user, the last step: the run's journal keeps them (no
     * sweep removes them) and they lose the run's tag, which only marks what a run made for itself.
     */
    static final class DeliverVolumes implements Step {

        @Override
        public String name() {
            return "StepDeliverVolumes";
        }

        @Override
        public boolean run(StepState state) {
            Map<String, List<String>> volumes = state.get(VOLUMES);
            if (volumes == null) {
                return true;
            }
            Map<String, List<String>> snapshots = state.get(SNAPSHOTS);
            Tag runTag = Tag.builder().key(Ec2.runTag(state).key()).build();
            volumes.forEach((region, volumeIds) -> {
                volumeIds.forEach(id -> state.build().journal().kept(Ec2.VOLUME_KIND, region, id));
                List<String> snaps = snapshots == null ? List.of() : snapshots.getOrDefault(region, List.of());
                snaps.forEach(id -> state.build().journal().kept(Ec2.SNAPSHOT_KIND, region, id));
                List<String> ids = new ArrayList<>(volumeIds);
                ids.addAll(snaps);
                if (ids.isEmpty()) {
                    return;
                }
                try {
                    Ec2.client(state, region).deleteTags(b -> b.resources(ids).tags(runTag));
                } catch (SdkException e) {
                    state.ui().error("Error removing the tag " + runTag.key() + " from " + String.join(", ", ids)
                            + ": " + Ec2.error(e));
                }
            });
            return true;
        }
    }

    /**
     * packer-plugin-amazon's {@code stepSnapshotEBSVolumes}: a snapshot of each volume with {@code snapshot_volume},
     * tagged with its {@code snapshot_tags}, waited for, and shared with its {@code snapshot_users} and
     * {@code snapshot_groups}. Unlike the plugin, a build that fails or is cancelled here deletes them again.
     */
    static final class SnapshotVolumes implements Step {
        private final ComponentConfig config;
        private final List<String> made = new ArrayList<>();

        SnapshotVolumes(ComponentConfig config) {
            this.config = config;
        }

        @Override
        public String name() {
            return "stepSnapshotEBSVolumes";
        }

        @Override
        public boolean run(StepState state) {
            Instance instance = state.get(Ec2.INSTANCE);
            Ec2Client ec2 = state.get(Ec2.CLIENT);
            String region = Ec2.region(state);
            if (config.blocks(MAPPINGS).stream().noneMatch(m -> m.bool("snapshot_volume"))) {
                // Nothing to snapshot: no lines, as packer 1.6.6, which has no such step.
                return true;
            }
            Map<String, ComponentConfig> byId = new java.util.LinkedHashMap<>();
            for (InstanceBlockDeviceMapping b : instance.blockDeviceMappings()) {
                for (ComponentConfig m : config.blocks(MAPPINGS)) {
                    if (!m.string("device_name").equals(b.deviceName()) || !m.bool("snapshot_volume")) {
                        continue;
                    }
                    state.ui().message("Compiling list of tags to apply to snapshot from Volume " + b.deviceName()
                            + "...");
                    List<Tag> tags;
                    try {
                        tags = Ec2.tags(state, Ec2.tagOption(m, "snapshot_tags", "snapshot_tag"));
                    } catch (GoTemplateException e) {
                        return LaunchSteps.fail(state, "Error generating tags for snapshot " + b.deviceName() + ": "
                                + e.getMessage());
                    }
                    Ec2.report(state, tags);
                    String volume = b.ebs().volumeId();
                    String description = Snapshots.description(m.string("snapshot_description"));
                    state.ui().say("Requesting snapshot of volume: " + volume + "...");
                    String id;
                    try {
                        id = Snapshots.create(state, ec2, volume, description, tags);
                    } catch (SdkException e) {
                        return LaunchSteps.fail(state, "Error generating snapsot for volume " + volume + ": "
                                + Ec2.error(e));
                    }
                    made.add(id);
                    byId.put(id, m);
                    state.ui().say("Requested Snapshot of Volume " + volume + ": " + id);
                }
            }
            state.ui().say("Waiting for Snapshots to become ready...");
            for (String id : byId.keySet()) {
                state.ui().say("Waiting for " + id + " to be ready.");
                try {
                    Snapshots.await(state, ec2, id);
                } catch (Ec2.WaitFailed e) {
                    String err = "Error waiting for snapsot to become ready " + e.getMessage();
                    state.ui().error(err);
                    state.ui().say("Failed to wait");
                    return state.fail(err);
                } catch (io.jenkins.plugins.packer.run.Cancellation.CancelledException e) {
                    return false;
                }
                state.ui().say("Snapshot Ready: " + id);
            }
            state.ui().say("Setting User/Group Permissions for Snapshots...");
            for (Map.Entry<String, ComponentConfig> e : byId.entrySet()) {
                var options = ImageSteps.snapshotPermissions(e.getValue().stringList("snapshot_groups"),
                        e.getValue().stringList("snapshot_users"));
                for (var option : options.entrySet()) {
                    state.ui().say("Modifying: " + option.getKey());
                    try {
                        ec2.modifySnapshotAttribute(r -> option.getValue().accept(r.snapshotId(e.getKey())));
                    } catch (SdkException ex) {
                        return LaunchSteps.fail(state, "Error modify snapshot attributes: " + Ec2.error(ex));
                    }
                }
            }
            Map<String, List<String>> snapshots = new TreeMap<>();
            if (!byId.isEmpty()) {
                snapshots.put(region, new ArrayList<>(byId.keySet()));
            }
            state.put(SNAPSHOTS, snapshots);
            return true;
        }

        @Override
        public void cleanup(StepState state) {
            Snapshots.removeOnFailure(state, made);
        }
    }
}
