package io.jenkins.plugins.packer.builder.amazon.ebs;

import io.jenkins.plugins.packer.builder.amazon.common.AwsAccess;
import io.jenkins.plugins.packer.builder.amazon.common.Ec2;
import io.jenkins.plugins.packer.builder.amazon.common.ImageSteps;
import io.jenkins.plugins.packer.builder.amazon.common.LaunchSteps;
import io.jenkins.plugins.packer.communicator.ssh.SshSettings;
import io.jenkins.plugins.packer.communicator.ssh.StepConnectSsh;
import io.jenkins.plugins.packer.component.ComponentConfig;
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
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * The {@code amazon-ebs} builder: launches an instance from the source AMI, provisions it over SSH, stops it and
 * makes an AMI of it, then removes everything it made for the build. See
 * <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/amazon/latest/components/builder/ebs">
 * amazon-ebs</a>.
 */
public final class EbsBuilder implements Builder {

    static final String BUILDER_ID = "mitchellh.amazonebs";

    @Override
    public String type() {
        return "amazon-ebs";
    }

    @Override
    public Artifact run(BuildContext ctx, ComponentConfig config, Hook hook) throws BuildFailure {
        return bake(ctx, config, hook, BUILDER_ID, (ssh, none) -> {
            List<Step> steps = launchSteps(config, ssh, none);
            steps.add(new ImageSteps.DeregisterAmi(config.string("ami_name"), config.bool("force_deregister"),
                    config.bool("force_delete_snapshot")));
            steps.add(new ImageSteps.CreateAmi(config));
            steps.addAll(imageSteps(config));
            return steps;
        });
    }

    /** The steps of a build that makes AMIs, given the SSH settings and whether there is no communicator. */
    public interface Steps {
        List<Step> of(SshSettings ssh, boolean none);
    }

    /**
     * Runs the steps of a build that makes AMIs (amazon-ebs, amazon-ebssurrogate) and returns the AMIs as the
     * artifact of {@code builderId}; null when none was made or the build was cancelled.
     */
    public static Artifact bake(BuildContext ctx, ComponentConfig config, Hook hook, String builderId, Steps steps)
            throws BuildFailure {
        boolean none = noCommunicator(config);
        SshSettings ssh = SshSettings.of(config, ctx.env());
        AwsAccess access = AwsAccess.of(config, ctx.env(), ctx.awsCredentials()).logTo(ctx.log());
        try (access; Ec2Client ec2 = access.ec2(access.region())) {
            StepState state = state(ctx, config, access, ec2, hook);
            try {
                StepRunner.run(steps.of(ssh, none), state);
            } finally {
                Ec2.closeRegionClients(state);
            }
            if (state.error() != null) {
                throw new BuildFailure(state.error());
            }
            Map<String, String> amis = state.get(Ec2.AMIS);
            if (amis == null || ctx.cancellation().isCancelled()) {
                return null;
            }
            Map<String, String> generated = state.get(StepProvision.GENERATED_DATA);
            return artifact(builderId, amis, generated == null ? Map.of() : generated, config, ctx);
        }
    }

    /**
     * The steps up to a stopped, provisioned instance launched from the source AMI with the
     * {@code launch_block_device_mappings}: checks, network, key pair, security group, instance profile, the launch,
     * the connection, the provisioners, the temporary keys' removal, the stop.
     */
    public static List<Step> launchSteps(ComponentConfig config, SshSettings ssh, boolean none) {
        List<Step> steps = new ArrayList<>();
        steps.add(new LaunchSteps.PreValidate(config));
        steps.add(new LaunchSteps.SourceAmiInfo(config));
        steps.add(new LaunchSteps.NetworkInfo(config));
        steps.add(new LaunchSteps.KeyPair(config));
        // With no communicator Packer still makes the group, open on port 0.
        steps.add(new LaunchSteps.SecurityGroup(config, none ? 0 : ssh.port()));
        steps.add(new io.jenkins.plugins.packer.builder.amazon.common.InstanceProfileStep(config));
        steps.add(new LaunchSteps.CleanupVolumes(config));
        String price = config.string("spot_price");
        boolean spot = !price.isEmpty() && !price.equals("0");
        steps.add(spot ? new LaunchSteps.RunSpotInstance(config) : new LaunchSteps.RunSourceInstance(config));
        steps.add(connectStep(config, ssh, none));
        steps.add(new StepProvision());
        steps.add(new io.jenkins.plugins.packer.communicator.ssh.StepCleanupTempKeys(
                config.bool("ssh_clear_authorized_keys")));
        steps.add(new LaunchSteps.StopInstance(config.bool("disable_stop_instance"), spot));
        steps.add(new LaunchSteps.ModifyInstance(config.bool("sriov_support"),
                Boolean.TRUE.equals(config.trilean("ena_support"))));
        return steps;
    }

    /**
     * The steps once the AMI is made in the build's region: the copies to {@code ami_regions}, deprecation,
     * attributes and permissions, tags, deregistration protection, and the delivery.
     */
    public static List<Step> imageSteps(ComponentConfig config) {
        List<Step> steps = new ArrayList<>();
        steps.add(new ImageSteps.RegionCopy(config));
        steps.add(new ImageSteps.EnableDeprecation(config.string("deprecate_at")));
        steps.add(new ImageSteps.ModifyAmiAttributes(config));
        steps.add(new ImageSteps.CreateTags(Ec2.tagOption(config, "tags", "tag"),
                Ec2.tagOption(config, "snapshot_tags", "snapshot_tag")));
        steps.add(new ImageSteps.EnableDeregistrationProtection(config));
        steps.add(new ImageSteps.Deliver());
        return steps;
    }

    /**
     * Checks what the instance builders (amazon-ebs, amazon-ebsvolume) share before anything is made: a communicator
     * this version has, and no option it cannot honour; true when the build has no communicator.
     */
    public static boolean noCommunicator(ComponentConfig config) throws BuildFailure {
        String communicator = config.string("communicator");
        boolean none = communicator.equals("none");
        if (!communicator.isEmpty() && !communicator.equals("ssh") && !none) {
            throw new BuildFailure("communicator \"" + communicator + "\" is not available in this version; use"
                    + " \"ssh\", or \"none\" with local provisioners");
        }
        String unavailable = unavailable(config);
        if (unavailable != null) {
            throw new BuildFailure(unavailable);
        }
        return none;
    }

    /**
     * The state the instance builders start their steps with: the AWS access, the region's client and the hook, the
     * keys masked and the credentials checked (unless {@code skip_credential_validation}).
     */
    public static StepState state(BuildContext ctx, ComponentConfig config, AwsAccess access, Ec2Client ec2,
                                  Hook hook) throws BuildFailure {
        ctx.masker().add(config.string("secret_key"));
        ctx.masker().add(config.string("token"));
        String credentialsError = config.bool("skip_credential_validation") ? null : access.credentialsError();
        if (credentialsError != null) {
            throw new BuildFailure(credentialsError);
        }
        StepState state = new StepState(ctx);
        state.put(Ec2.ACCESS, access);
        state.put(Ec2.CLIENT, ec2);
        state.put(StepProvision.HOOK, hook);
        return state;
    }

    /**
     * The step that reaches the launched instance: over SSH at its address (or {@code ssh_host}) with the temporary
     * key, or, with {@code communicator = "none"}, one that only records the instance for the provisioners.
     */
    public static Step connectStep(ComponentConfig config, SshSettings ssh, boolean none) {
        if (!none) {
            return new StepConnectSsh(s -> settingsFor(s, config, ssh));
        }
        return new Step() {
            @Override
            public String name() {
                return "StepConnect";
            }

            @Override
            public boolean run(StepState s) {
                s.put(StepProvision.INSTANCE_ID, s.<Instance>get(Ec2.INSTANCE).instanceId());
                return true;
            }
        };
    }

    /**
     * Options this version cannot honour, which would otherwise make a different image or reach the instance
     * another way than the template says: the build stops before anything is made. Null when there is none.
     */
    static String unavailable(ComponentConfig c) {
        if (c.string("ssh_interface").equals("session_manager")) {
            return "ssh_interface \"session_manager\" is not available in this version: reach the instance over"
                    + " \"public_ip\", \"private_ip\", \"public_dns\" or \"private_dns\", or through an ssh_bastion_host";
        }
        if (c.isSet("vault_aws_engine")) {
            return "vault_aws_engine is not available in this version: give the build its AWS credentials (in Jenkins,"
                    + " with credentialsId), or assume a role with assume_role";
        }
        return null;
    }

    /** The SSH settings once the instance runs: its address (or {@code ssh_host}) and the temporary key. */
    private static SshSettings settingsFor(StepState state, ComponentConfig c, SshSettings ssh) {
        Instance instance = state.get(Ec2.INSTANCE);
        state.put(StepProvision.INSTANCE_ID, instance.instanceId());
        SshSettings s = ssh.withHost(host(c, instance));
        String key = state.get(Ec2.PRIVATE_KEY);
        if (key != null && ssh.privateKeyFile().isEmpty()) {
            state.build().masker().add(key);
            s = s.withPrivateKey(key);
        }
        return s;
    }

    /** Packer's {@code SSHHost}: {@code ssh_host}, the {@code ssh_interface} address, or the best one there is. */
    static String host(ComponentConfig c, Instance i) {
        if (!c.string("ssh_host").isEmpty()) {
            return c.string("ssh_host");
        }
        switch (c.string("ssh_interface")) {
            case "public_ip":
                return nz(i.publicIpAddress());
            case "private_ip":
                return nz(i.privateIpAddress());
            case "public_dns":
                return nz(i.publicDnsName());
            case "private_dns":
                return nz(i.privateDnsName());
            default:
                break;
        }
        if (i.vpcId() != null && !i.vpcId().isEmpty()) {
            return !nz(i.publicIpAddress()).isEmpty() ? i.publicIpAddress() : nz(i.privateIpAddress());
        }
        if (!nz(i.publicDnsName()).isEmpty()) {
            return i.publicDnsName();
        }
        return !nz(i.publicIpAddress()).isEmpty() ? i.publicIpAddress() : nz(i.privateIpAddress());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The AMIs, as Packer's amazon artifact: {@code us-east-1:ami-…} ids, and destroyable. */
    private static Artifact artifact(String builderId, Map<String, String> amis, Map<String, String> generated,
                                     ComponentConfig config, BuildContext ctx) {
        List<String> ids = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        amis.forEach((region, ami) -> {
            ids.add(region + ":" + ami);
            lines.add(region + ": " + ami);
        });
        java.util.Collections.sort(lines);
        String text = "AMIs were created:\n" + String.join("\n", lines) + "\n";
        return new Artifact(builderId, String.join(",", ids), text, List.of(), generated, () -> {
            try (AwsAccess access = AwsAccess.of(config, ctx.env(), ctx.awsCredentials()).logTo(ctx.log())) {
                for (Map.Entry<String, String> e : amis.entrySet()) {
                    try (Ec2Client ec2 = access.ec2(e.getKey())) {
                        ec2.deregisterImage(b -> b.imageId(e.getValue()));
                    } catch (SdkException ex) {
                        throw new IOException(Ec2.error(ex), ex);
                    }
                }
            }
        });
    }
}
