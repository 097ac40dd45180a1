package io.jenkins.plugins.packer.builder.amazon.common;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.gotemplate.GoTemplateException;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.Step;
import io.jenkins.plugins.packer.run.StepState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.ModifyImageAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifySnapshotAttributeRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageState;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The steps of packer-plugin-amazon that make the image, with Packer's messages: removing an AMI of the same name
 * ({@code force_deregister}), creating the AMI from the stopped instance and waiting for it (removed again with
 * its snapshots when the build fails or is cancelled afterwards), and tagging the AMI and its snapshots.
 */
public final class ImageSteps {

    private ImageSteps() {
    }

    public static List<String> snapshots(Image image) {
        List<String> ids = new ArrayList<>();
        for (BlockDeviceMapping b : image.blockDeviceMappings()) {
            if (b.ebs() != null && b.ebs().snapshotId() != null && !b.ebs().snapshotId().isEmpty()) {
                ids.add(b.ebs().snapshotId());
            }
        }
        return ids;
    }

    /**
     * Waits until the AMI {@code id} is available, as Packer's {@code WaitUntilAMIAvailable}; while it is pending,
     * its snapshots' progress is shown each time it changes ({@code Snapshot snap-…: 42%}), since a large volume
     * takes many minutes.
     */
    public static Image waitForImage(StepState state, Ec2Client ec2, String id) throws Ec2.WaitFailed,
            Cancellation.CancelledException {
        Map<String, String> shown = new java.util.HashMap<>();
        return Ec2.waitFor(state, LaunchSteps.WAIT_DELAY, LaunchSteps.WAIT_ATTEMPTS, () -> {
            List<Image> found;
            try {
                found = ec2.describeImages(b -> b.imageIds(id)).images();
            } catch (SdkException e) {
                if (Ec2.code(e).equals("InvalidAMIID.NotFound")) {
                    return null;
                }
                throw e;
            }
            if (found.isEmpty()) {
                return null;
            }
            Image image = found.get(0);
            if (image.state() == ImageState.FAILED) {
                throw new Ec2.WaitFailed("ResourceNotReady: failed waiting for successful resource state");
            }
            if (image.state() == ImageState.AVAILABLE) {
                return image;
            }
            showProgress(state, ec2, snapshots(image), shown);
            return null;
        });
    }

    private static void showProgress(StepState state, Ec2Client ec2, List<String> ids, Map<String, String> shown) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            for (var snapshot : ec2.describeSnapshots(b -> b.snapshotIds(ids)).snapshots()) {
                String progress = snapshot.progress();
                if (progress != null && !progress.isEmpty()
                        && !progress.equals(shown.put(snapshot.snapshotId(), progress))) {
                    state.ui().message("Snapshot " + snapshot.snapshotId() + ": " + progress);
                }
            }
        } catch (SdkException e) {
            // The progress is only shown; the wait goes on by the image's state.
        }
    }

    /**
     * Whether the AMI made from the instance is only the source of copies, removed once they are made: with
     * {@code encrypt_boot} (an encrypted copy replaces it) or {@code skip_save_build_region}.
     */
    public static boolean intermediary(ComponentConfig config) {
        return Boolean.TRUE.equals(config.trilean("encrypt_boot")) || config.bool("skip_save_build_region");
    }

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** Seven random letters and digits, as Packer names an intermediary AMI. */
    public static String randomName() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        StringBuilder b = new StringBuilder(7);
        for (int i = 0; i < 7; i++) {
            b.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return b.toString();
    }

    /**
     * The changes that share a snapshot, by Packer's name for them: {@code groups} (volume permission for groups,
     * such as {@code all}) and {@code users} (for accounts); none when both are empty.
     */
    public static Map<String, java.util.function.Consumer<ModifySnapshotAttributeRequest.Builder>> snapshotPermissions(
            List<String> groups, List<String> users) {
        Map<String, java.util.function.Consumer<ModifySnapshotAttributeRequest.Builder>> options =
                new java.util.LinkedHashMap<>();
        if (!groups.isEmpty()) {
            options.put("groups", b -> b.groupNames(groups).attribute("createVolumePermission")
                    .operationType("add").createVolumePermission(p -> p.add(groups.stream()
                            .map(g -> CreateVolumePermission.builder().group(g).build()).toList())));
        }
        if (!users.isEmpty()) {
            options.put("users", b -> b.userIds(users).attribute("createVolumePermission")
                    .operationType("add").createVolumePermission(p -> p.add(users.stream()
                            .map(u -> CreateVolumePermission.builder().userId(u).build()).toList())));
        }
        return options;
    }

    /** Packer's {@code StepDeregisterAMI}: with {@code force_deregister}, the AMIs of that name go first. */
    public static final class DeregisterAmi implements Step {
        private final String amiName;
        private final boolean force;
        private final boolean deleteSnapshots;

        public DeregisterAmi(String amiName, boolean force, boolean deleteSnapshots) {
            this.amiName = amiName;
            this.force = force;
            this.deleteSnapshots = deleteSnapshots;
        }

        @Override
        public String name() {
            return "StepDeregisterAMI";
        }

        @Override
        public boolean run(StepState state) {
            if (!force) {
                return true;
            }
            Ec2Client ec2 = state.get(Ec2.CLIENT);
            List<Image> images;
            try {
                images = ec2.describeImages(b -> b.owners("self").filters(
                        Filter.builder().name("name").values(amiName).build())).images();
            } catch (SdkException e) {
                String err = "Error describing AMI: " + Ec2.error(e);
                state.ui().error(err);
                return state.fail(err);
            }
            for (Image i : images) {
                try {
                    ec2.deregisterImage(b -> b.imageId(i.imageId()));
                } catch (SdkException e) {
                    String err = "Error deregistering existing AMI: " + Ec2.error(e);
                    state.ui().error(err);
                    return state.fail(err);
                }
                state.ui().say("Deregistered AMI " + amiName + ", id: " + i.imageId());
                if (deleteSnapshots) {
                    for (String snap : snapshots(i)) {
                        try {
                            ec2.deleteSnapshot(b -> b.snapshotId(snap));
                        } catch (SdkException e) {
                            String err = "Error deleting existing snapshot: " + Ec2.error(e);
                            state.ui().error(err);
                            return state.fail(err);
                        }
                        state.ui().say("Deleted snapshot: " + snap);
                    }
                }
            }
            return true;
        }
    }

    /** Packer's {@code stepCreateAMI} of amazon-ebs. */
    public static final class CreateAmi implements Step {
        private final ComponentConfig config;
        private Image image;

        public CreateAmi(ComponentConfig config) {
            this.config = config;
        }

        @Override
        public String name() {
            return "stepCreateAMI";
        }

        @Override
        public boolean run(StepState state) {
            if (config.bool("skip_create_ami")) {
                state.ui().say("Skipping AMI creation...");
                return true;
            }
            Ec2Client ec2 = state.get(Ec2.CLIENT);
            Instance instance = state.get(Ec2.INSTANCE);
            String amiName = config.string("ami_name");
            if (intermediary(config)) {
                // The AMI only stands until its copies are made: a name of its own keeps the copy in this region
                // (encrypt_boot) from clashing with it.
                amiName = randomName();
            }
            String name = amiName;
            state.ui().say("Creating AMI " + name + " from instance " + instance.instanceId());
            String region = Ec2.region(state);
            String id;
            try {
                long entry = Ec2.intent(state, Ec2.IMAGE_KIND, region, name);
                id = ec2.createImage(b -> b.instanceId(instance.instanceId()).name(name)
                        .blockDeviceMappings(BlockDevices.of(config.blocks("ami_block_device_mappings")))
                        .tagSpecifications(Ec2.runTagSpecification(state, ResourceType.IMAGE)))
                        .imageId();
                Ec2.created(state, entry, id);
            } catch (SdkException e) {
                String err = "Error creating AMI: " + Ec2.error(e);
                state.ui().error(err);
                return state.fail(err);
            }
            state.ui().message("AMI: " + id);
            Map<String, String> amis = new TreeMap<>();
            amis.put(region, id);
            state.put(Ec2.AMIS, amis);
            state.ui().say("Waiting for AMI to become ready...");
            try {
                image = waitForImage(state, ec2, id);
            } catch (Ec2.WaitFailed e) {
                image = Image.builder().imageId(id).build();
                String err = "Error waiting for AMI: " + e.getMessage();
                state.ui().error(err);
                return state.fail(err);
            } catch (Cancellation.CancelledException e) {
                image = Image.builder().imageId(id).build();
                return false;
            }
            Map<String, List<String>> snapshots = new TreeMap<>();
            snapshots.put(region, snapshots(image));
            recordSnapshots(state, region, snapshots.get(region));
            state.put(Ec2.SNAPSHOTS, snapshots);
            return true;
        }

        @Override
        public void cleanup(StepState state) {
            if (image == null || !toRemove(state, image.imageId())) {
                return;
            }
            state.ui().say("Deregistering the AMI and deleting associated snapshots because of cancellation, or"
                    + " error...");
            removeImage(state, Ec2.region(state), image.imageId(), snapshots(image), true);
        }
    }

    /**
     * Packer's {@code StepRegisterAMI} of the builders that register the AMI themselves (amazon-ebssurrogate from
     * snapshots, amazon-instance from a bundle): the AMI named {@code ami_name} (a random name when it is only the
     * source of copies), with SR-IOV, ENA and {@code tpm_support}, then waited for. A build that fails or is cancelled
     * afterwards deregisters it again, with its snapshots.
     */
    public abstract static class RegisterAmi implements Step {
        protected final ComponentConfig config;
        private String imageId;

        protected RegisterAmi(ComponentConfig config) {
            this.config = config;
        }

        /** The builder's own part of the request: where the image comes from, its devices. */
        protected abstract void describe(StepState state, software.amazon.awssdk.services.ec2.model
                .RegisterImageRequest.Builder request);

        /** What the builder records once the AMI is available. */
        protected abstract void registered(StepState state, Image image);

        @Override
        public String name() {
            return "StepRegisterAMI";
        }

        @Override
        public boolean run(StepState state) {
            Ec2Client ec2 = state.get(Ec2.CLIENT);
            state.ui().say("Registering the AMI...");
            String name = intermediary(config) ? randomName() : config.string("ami_name");
            var request = software.amazon.awssdk.services.ec2.model.RegisterImageRequest.builder().name(name)
                    .tagSpecifications(Ec2.runTagSpecification(state, ResourceType.IMAGE));
            describe(state, request);
            if (config.bool("sriov_support")) {
                request.sriovNetSupport("simple");
            }
            if (Boolean.TRUE.equals(config.trilean("ena_support"))) {
                request.enaSupport(true);
            }
            if (!config.string("tpm_support").isEmpty()) {
                request.tpmSupport(config.string("tpm_support"));
            }
            String region = Ec2.region(state);
            try {
                long entry = Ec2.intent(state, Ec2.IMAGE_KIND, region, name);
                imageId = ec2.registerImage(request.build()).imageId();
                Ec2.created(state, entry, imageId);
            } catch (SdkException e) {
                return LaunchSteps.fail(state, "Error registering AMI: " + Ec2.error(e));
            }
            state.ui().say("AMI: " + imageId);
            Map<String, String> amis = new TreeMap<>();
            amis.put(region, imageId);
            state.put(Ec2.AMIS, amis);
            state.ui().say("Waiting for AMI to become ready...");
            try {
                registered(state, waitForImage(state, ec2, imageId));
            } catch (Ec2.WaitFailed e) {
                return LaunchSteps.fail(state, "Error waiting for AMI: " + e.getMessage());
            } catch (Cancellation.CancelledException e) {
                return false;
            }
            return true;
        }

        @Override
        public void cleanup(StepState state) {
            if (imageId == null || !toRemove(state, imageId)) {
                return;
            }
            state.ui().say("Deregistering the AMI because cancellation or error...");
            removeImage(state, Ec2.region(state), imageId, List.of(), false);
        }
    }

    /**
     * Whether the AMI a step made goes again in its cleanup: the build failed or was cancelled, and the AMI is not
     * already gone (an encrypted copy replaced it).
     */
    static boolean toRemove(StepState state, String imageId) {
        if (!(state.halted() || state.build().cancellation().isCancelled())) {
            return false;
        }
        java.util.Set<String> removed = state.get(Ec2.REMOVED_AMIS);
        return removed == null || !removed.contains(imageId);
    }

    /** Writes an AMI's snapshots, which its creation made, to the run's journal. */
    public static void recordSnapshots(StepState state, String region, List<String> snapshotIds) {
        for (String snap : snapshotIds) {
            Ec2.created(state, Ec2.intent(state, Ec2.SNAPSHOT_KIND, region, ""), snap);
        }
    }

    /**
     * Deregisters an AMI and deletes its snapshots (looked up when none are given), with Packer's lines when
     * {@code report}; false when the AMI could not be deregistered.
     */
    public static boolean removeImage(StepState state, String region, String id, List<String> snapshotIds,
                                      boolean report) {
        Ec2Client ec2 = Ec2.client(state, region);
        List<String> snapshots = new ArrayList<>(snapshotIds);
        if (snapshots.isEmpty()) {
            try {
                ec2.describeImages(b -> b.imageIds(id)).images().forEach(i -> snapshots.addAll(snapshots(i)));
            } catch (SdkException e) {
                // Deregistering still goes ahead.
            }
        }
        try {
            ec2.deregisterImage(b -> b.imageId(id));
            Ec2.removed(state, Ec2.IMAGE_KIND, region, id);
        } catch (SdkException e) {
            state.ui().error("Error deregistering AMI " + id + ", may still be around: " + Ec2.error(e));
            return false;
        }
        if (report) {
            state.ui().say("Deregistered AMI id: " + id);
        }
        for (String snap : snapshots) {
            try {
                ec2.deleteSnapshot(b -> b.snapshotId(snap));
                Ec2.removed(state, Ec2.SNAPSHOT_KIND, region, snap);
                java.util.Set<String> own = state.get(Ec2.OWN_SNAPSHOTS);
                if (own != null) {
                    own.remove(snap);
                }
                if (report) {
                    state.ui().say("Deleted snapshot: " + snap);
                }
            } catch (SdkException e) {
                state.ui().error("Error deleting snapshot " + snap + ", may still be around: " + Ec2.error(e));
            }
        }
        return true;
    }

    /**
     * Packer's {@code StepAMIRegionCopy}: copies the AMI to {@code ami_regions} (encrypted with
     * {@code region_kms_key_ids} when {@code encrypt_boot}) and waits for every copy. Unlike packer 1.6.6, the
     * copies and their snapshots are removed again when the build fails or is cancelled afterwards.
     */
    public static final class RegionCopy implements Step {
        private final ComponentConfig config;
        private final Map<String, String> copies = new TreeMap<>();
        /** With {@code encrypt_boot}, the unencrypted AMI the encrypted copy in the build region replaces. */
        private String intermediary;
        private List<String> intermediarySnapshots = List.of();

        public RegionCopy(ComponentConfig config) {
            this.config = config;
        }

        @Override
        public String name() {
            return "StepAMIRegionCopy";
        }

        @Override
        public boolean run(StepState state) {
            if (state.get(Ec2.AMIS) == null) {
                return true;
            }
            String original = state.<AwsAccess>get(Ec2.ACCESS).region();
            Boolean encrypt = config.trilean("encrypt_boot");
            Map<String, String> keys = new TreeMap<>(config.stringMap("region_kms_key_ids"));
            if (Boolean.TRUE.equals(encrypt) && !config.string("kms_key_id").isEmpty()) {
                keys.put(original, config.string("kms_key_id"));
            }
            java.util.Set<String> regions = new java.util.LinkedHashSet<>(config.stringList("ami_regions"));
            regions.remove(original);
            Map<String, String> amis = state.get(Ec2.AMIS);
            Map<String, List<String>> snapshots = state.get(Ec2.SNAPSHOTS);
            String ami = amis.get(original);
            boolean skipBuildRegion = config.bool("skip_save_build_region");
            if (intermediary(config)) {
                intermediary = ami;
                intermediarySnapshots = snapshots.getOrDefault(original, List.of());
                if (!skipBuildRegion) {
                    // The build region gets an encrypted copy too, which replaces the AMI made from the instance.
                    regions.add(original);
                }
            }
            if (skipBuildRegion) {
                // The AMI of the build region is removed once copied: the build's AMIs are the copies.
                amis.remove(original);
                snapshots.remove(original);
            }
            if (regions.isEmpty()) {
                return true;
            }
            String name = config.string("ami_name");
            long copyMinutes = config.number("snapshot_copy_duration_minutes");
            state.ui().say("Copying/Encrypting AMI (" + ami + ") to other regions...");
            List<String> errors = new ArrayList<>();
            for (String region : regions) {
                state.ui().message("Copying to: " + region);
                String key = Boolean.TRUE.equals(encrypt) ? keys.getOrDefault(region, "") : "";
                boolean encrypted = !key.isEmpty() || Boolean.TRUE.equals(encrypt);
                try {
                    long entry = Ec2.intent(state, Ec2.IMAGE_KIND, region, name);
                    String id = Ec2.client(state, region).copyImage(b -> {
                        b.sourceRegion(original).sourceImageId(ami).name(name).encrypted(encrypted)
                                .tagSpecifications(Ec2.runTagSpecification(state, ResourceType.IMAGE));
                        if (!key.isEmpty()) {
                            b.kmsKeyId(key);
                        }
                        if (copyMinutes > 0) {
                            b.snapshotCopyCompletionDurationMinutes(copyMinutes);
                        }
                    }).imageId();
                    Ec2.created(state, entry, id);
                    copies.put(region, id);
                } catch (SdkException e) {
                    errors.add("Error Copying AMI (" + ami + ") to region (" + region + "): " + Ec2.error(e));
                }
            }
            state.ui().message("Waiting for all copies to complete...");
            for (Map.Entry<String, String> copy : copies.entrySet()) {
                String region = copy.getKey();
                Ec2Client ec2 = Ec2.client(state, region);
                try {
                    Image image = waitForImage(state, ec2, copy.getValue());
                    amis.put(region, copy.getValue());
                    snapshots.put(region, snapshots(image));
                    recordSnapshots(state, region, snapshots.get(region));
                } catch (Ec2.WaitFailed e) {
                    errors.add("Error waiting for AMI (" + copy.getValue() + ") in region (" + region + "): "
                            + e.getMessage());
                } catch (Cancellation.CancelledException e) {
                    return false;
                }
            }
            if (!errors.isEmpty()) {
                String err = errors.size() + " error(s) occurred:\n\n* " + String.join("\n* ", errors);
                state.ui().error(err);
                return state.fail(err);
            }
            return true;
        }

        @Override
        public void cleanup(StepState state) {
            if (intermediary != null) {
                state.ui().say("Deregistering the AMI and deleting unencrypted temporary AMIs and snapshots");
                if (removeImage(state, Ec2.region(state), intermediary, intermediarySnapshots, false)) {
                    java.util.Set<String> removed = state.get(Ec2.REMOVED_AMIS);
                    if (removed == null) {
                        removed = new java.util.HashSet<>();
                        state.put(Ec2.REMOVED_AMIS, removed);
                    }
                    removed.add(intermediary);
                }
            }
            if (copies.isEmpty() || !(state.halted() || state.build().cancellation().isCancelled())) {
                return;
            }
            state.ui().say("Deregistering the AMI copies and deleting their snapshots because of cancellation, or"
                    + " error...");
            copies.forEach((region, id) -> removeImage(state, region, id, List.of(), true));
        }
    }

    /**
     * Hands the AMIs and their snapshots over to the user, the last step of a build that makes AMIs: the run's journal
     * keeps them (no sweep removes them) and they lose the run's tag, which only marks what a run made for itself.
     */
    public static final class Deliver implements Step {

        @Override
        public String name() {
            return "StepDeliverAMIs";
        }

        @Override
        public boolean run(StepState state) {
            Map<String, String> amis = state.get(Ec2.AMIS);
            if (amis == null) {
                return true;
            }
            Map<String, List<String>> snapshots = state.get(Ec2.SNAPSHOTS);
            Tag runTag = Tag.builder().key(Ec2.runTag(state).key()).build();
            amis.forEach((region, id) -> {
                state.build().journal().kept(Ec2.IMAGE_KIND, region, id);
                List<String> snaps = snapshots == null ? List.of() : snapshots.getOrDefault(region, List.of());
                snaps.forEach(snap -> state.build().journal().kept(Ec2.SNAPSHOT_KIND, region, snap));
                // The snapshots a build made itself (amazon-ebssurrogate's) carry the tag too.
                List<String> resources = new ArrayList<>();
                resources.add(id);
                java.util.Set<String> own = state.get(Ec2.OWN_SNAPSHOTS);
                if (own != null && region.equals(Ec2.region(state))) {
                    own.stream().filter(snap -> !snaps.contains(snap)).forEach(snap ->
                            state.build().journal().kept(Ec2.SNAPSHOT_KIND, region, snap));
                    resources.addAll(own);
                }
                try {
                    Ec2.client(state, region).deleteTags(b -> b.resources(resources).tags(runTag));
                } catch (SdkException e) {
                    state.ui().error("Error removing the tag " + runTag.key() + " from AMI " + id + ": "
                            + Ec2.error(e));
                }
            });
            return true;
        }
    }

    /**
     * Packer's {@code StepModifyAMIAttributes}: the description, launch permissions ({@code ami_users},
     * {@code ami_groups}, {@code ami_org_arns}, {@code ami_ou_arns}), product codes, and the snapshots' volume
     * permissions ({@code snapshot_users}, {@code snapshot_groups}).
     */
    public static final class ModifyAmiAttributes implements Step {
        private final ComponentConfig config;

        public ModifyAmiAttributes(ComponentConfig config) {
            this.config = config;
        }

        @Override
        public String name() {
            return "StepModifyAMIAttributes";
        }

        @Override
        public boolean run(StepState state) {
            if (state.get(Ec2.AMIS) == null) {
                return true;
            }
            List<String> users = config.stringList("ami_users");
            List<String> groups = config.stringList("ami_groups");
            List<String> codes = config.stringList("ami_product_codes");
            List<String> snapshotUsers = config.stringList("snapshot_users");
            List<String> snapshotGroups = config.stringList("snapshot_groups");
            List<String> orgArns = config.stringList("ami_org_arns");
            List<String> ouArns = config.stringList("ami_ou_arns");
            String raw = config.string("ami_description");
            String imds = config.string("imds_support");
            if (raw.isEmpty() && imds.isEmpty() && users.isEmpty() && groups.isEmpty() && codes.isEmpty() && snapshotUsers.isEmpty()
                    && snapshotGroups.isEmpty() && orgArns.isEmpty() && ouArns.isEmpty()) {
                return true;
            }
            String description;
            try {
                description = Ec2.render(state, raw);
            } catch (GoTemplateException e) {
                String err = "Error interpolating AMI description: " + e.getMessage();
                state.ui().error(err);
                return state.fail(err);
            }
            Map<String, java.util.function.Consumer<ModifyImageAttributeRequest.Builder>> options =
                    new java.util.LinkedHashMap<>();
            if (!description.isEmpty()) {
                options.put("description", b -> b.description(v -> v.value(description)));
            }
            if (!groups.isEmpty()) {
                options.put("groups", b -> b.userGroups(groups).launchPermission(p -> p.add(groups.stream()
                        .map(g -> LaunchPermission.builder().group(g).build()).toList())));
            }
            if (!users.isEmpty()) {
                options.put("users", b -> b.userIds(users).launchPermission(p -> p.add(users.stream()
                        .map(u -> LaunchPermission.builder().userId(u).build()).toList())));
            }
            if (!codes.isEmpty()) {
                options.put("product codes", b -> b.productCodes(codes));
            }
            if (!orgArns.isEmpty()) {
                options.put("org arns", b -> b.organizationArns(orgArns).launchPermission(p -> p.add(orgArns.stream()
                        .map(a -> LaunchPermission.builder().organizationArn(a).build()).toList())));
            }
            if (!ouArns.isEmpty()) {
                options.put("ou arns", b -> b.organizationalUnitArns(ouArns).launchPermission(p -> p.add(
                        ouArns.stream().map(a -> LaunchPermission.builder().organizationalUnitArn(a).build())
                                .toList())));
            }
            if (!imds.isEmpty()) {
                options.put("imds_support", b -> b.imdsSupport(v -> v.value(imds)));
            }
            Map<String, java.util.function.Consumer<ModifySnapshotAttributeRequest.Builder>> snapshotOptions =
                    snapshotPermissions(snapshotGroups, snapshotUsers);
            Map<String, String> amis = state.get(Ec2.AMIS);
            for (Map.Entry<String, String> entry : amis.entrySet()) {
                String ami = entry.getValue();
                Ec2Client ec2 = Ec2.client(state, entry.getKey());
                state.ui().say("Modifying attributes on AMI (" + ami + ")...");
                for (var option : options.entrySet()) {
                    state.ui().message("Modifying: " + option.getKey());
                    try {
                        ec2.modifyImageAttribute(b -> option.getValue().accept(b.imageId(ami)));
                    } catch (SdkException e) {
                        String err = "Error modify AMI attributes: " + Ec2.error(e);
                        state.ui().error(err);
                        return state.fail(err);
                    }
                }
            }
            Map<String, List<String>> snapshots = state.get(Ec2.SNAPSHOTS);
            for (Map.Entry<String, List<String>> entry : snapshots.entrySet()) {
                Ec2Client ec2 = Ec2.client(state, entry.getKey());
                for (String snap : entry.getValue()) {
                    state.ui().say("Modifying attributes on snapshot (" + snap + ")...");
                    for (var option : snapshotOptions.entrySet()) {
                        state.ui().message("Modifying: " + option.getKey());
                        try {
                            ec2.modifySnapshotAttribute(b -> option.getValue().accept(b.snapshotId(snap)));
                        } catch (SdkException e) {
                            String err = "Error modify snapshot attributes: " + Ec2.error(e);
                            state.ui().error(err);
                            return state.fail(err);
                        }
                    }
                }
            }
            return true;
        }
    }

    /** Packer's {@code StepEnableDeprecation}: the AMIs are deprecated at {@code deprecate_at} (RFC 3339). */
    public static final class EnableDeprecation implements Step {
        private final String at;

        public EnableDeprecation(String at) {
            this.at = at;
        }

        @Override
        public String name() {
            return "StepEnableDeprecation";
        }

        @Override
        public boolean run(StepState state) {
            if (at.isEmpty() || state.get(Ec2.AMIS) == null) {
                return true;
            }
            // Prepare has checked the time.
            java.time.Instant when = AmazonConfigChecks.rfc3339(at);
            return eachAmi(state, "Enabling deprecation", "Error enable AMI deprecation: ",
                    (ec2, ami) -> ec2.enableImageDeprecation(b -> b.imageId(ami).deprecateAt(when)));
        }
    }

    /**
     * Says {@code what} for each AMI of the build, in each region, and makes the call; an EC2 error fails the step
     * as {@code errorPrefix} and EC2's message.
     */
    private static boolean eachAmi(StepState state, String what, String errorPrefix,
                                   java.util.function.BiConsumer<Ec2Client, String> call) {
        Map<String, String> amis = state.get(Ec2.AMIS);
        for (Map.Entry<String, String> e : amis.entrySet()) {
            state.ui().say(what + " on AMI (" + e.getValue() + ") in region \"" + e.getKey() + "\" ...");
            try {
                call.accept(Ec2.client(state, e.getKey()), e.getValue());
            } catch (SdkException ex) {
                String err = errorPrefix + Ec2.error(ex);
                state.ui().error(err);
                return state.fail(err);
            }
        }
        return true;
    }

    /**
     * Packer's {@code StepEnableDeregistrationProtection}: with {@code deregistration_protection { enabled = true }}
     * the AMIs cannot be deregistered until the protection is turned off ({@code with_cooldown}: and 24 hours
     * have passed). It runs as the build's last image step, so that a failure before it can still remove the AMIs.
     */
    public static final class EnableDeregistrationProtection implements Step {
        private final boolean enabled;
        private final boolean cooldown;

        public EnableDeregistrationProtection(ComponentConfig config) {
            ComponentConfig block = config.block("deregistration_protection");
            cooldown = block != null && block.bool("with_cooldown");
            enabled = block != null && (block.bool("enabled") || cooldown);
        }

        @Override
        public String name() {
            return "StepEnableDeregistrationProtection";
        }

        @Override
        public boolean run(StepState state) {
            if (!enabled || state.get(Ec2.AMIS) == null) {
                return true;
            }
            return eachAmi(state, "Enabling deregistration protection",
                    "failed to enable AMI deregistration protection: ",
                    (ec2, ami) -> ec2.enableImageDeregistrationProtection(b -> b.imageId(ami).withCooldown(cooldown)));
        }
    }

    /** Packer's {@code StepCreateTags}: {@code tags} on the AMIs and their snapshots, then {@code snapshot_tags}. */
    public static final class CreateTags implements Step {
        private final Map<String, String> tags;
        private final Map<String, String> snapshotTags;

        public CreateTags(Map<String, String> tags, Map<String, String> snapshotTags) {
            this.tags = tags;
            this.snapshotTags = snapshotTags;
        }

        @Override
        public String name() {
            return "StepCreateTags";
        }

        @Override
        public boolean run(StepState state) {
            if ((tags.isEmpty() && snapshotTags.isEmpty()) || state.get(Ec2.AMIS) == null) {
                return true;
            }
            Map<String, String> amis = state.get(Ec2.AMIS);
            for (Map.Entry<String, String> entry : amis.entrySet()) {
                String ami = entry.getValue();
                Ec2Client ec2 = Ec2.client(state, entry.getKey());
                state.ui().say("Adding tags to AMI (" + ami + ")...");
                List<Image> images;
                try {
                    images = ec2.describeImages(b -> b.imageIds(ami)).images();
                } catch (SdkException e) {
                    String err = "Error retrieving details for AMI (" + ami + "): " + Ec2.error(e);
                    state.ui().error(err);
                    return state.fail(err);
                }
                if (images.isEmpty()) {
                    String err = "Error retrieving details for AMI (" + ami + "), no images found";
                    state.ui().error(err);
                    return state.fail(err);
                }
                List<String> snapshots = snapshots(images.get(0));
                List<String> resources = new ArrayList<>();
                resources.add(ami);
                for (String snap : snapshots) {
                    state.ui().say("Tagging snapshot: " + snap);
                    resources.add(snap);
                }
                List<Tag> amiTags;
                List<Tag> snapTags;
                try {
                    state.ui().say("Creating AMI tags");
                    amiTags = Ec2.tags(state, tags);
                    Ec2.report(state, amiTags);
                    state.ui().say("Creating snapshot tags");
                    snapTags = Ec2.tags(state, snapshotTags);
                    Ec2.report(state, snapTags);
                } catch (GoTemplateException e) {
                    String err = "Error tagging AMI: " + e.getMessage();
                    state.ui().error(err);
                    return state.fail(err);
                }
                try {
                    if (!amiTags.isEmpty()) {
                        ec2.createTags(b -> b.resources(resources).tags(amiTags));
                    }
                    if (!snapTags.isEmpty() && !snapshots.isEmpty()) {
                        ec2.createTags(b -> b.resources(snapshots).tags(snapTags));
                    }
                } catch (SdkException e) {
                    String err = "Error adding tags to Resources (" + resources + "): " + Ec2.error(e);
                    state.ui().error(err);
                    return state.fail(err);
                }
            }
            return true;
        }
    }
}
