package io.jenkins.plugins.packer.builder.amazon.instance;

import io.jenkins.plugins.packer.builder.amazon.common.AwsAccess;
import io.jenkins.plugins.packer.builder.amazon.common.BlockDevices;
import io.jenkins.plugins.packer.builder.amazon.common.Ec2;
import io.jenkins.plugins.packer.builder.amazon.common.ImageSteps;
import io.jenkins.plugins.packer.builder.amazon.common.InstanceProfileStep;
import io.jenkins.plugins.packer.builder.amazon.common.LaunchSteps;
import io.jenkins.plugins.packer.builder.amazon.ebs.EbsBuilder;
import io.jenkins.plugins.packer.communicator.ssh.StepCleanupTempKeys;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.gotemplate.GoTemplateException;
import io.jenkins.plugins.packer.gotemplate.Interpolation;
import io.jenkins.plugins.packer.run.Artifact;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.Builder;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.Communicator;
import io.jenkins.plugins.packer.run.Step;
import io.jenkins.plugins.packer.run.StepProvision;
import io.jenkins.plugins.packer.run.StepState;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.RegisterImageRequest;

/**
 * The {@code amazon-instance} builder: launches an instance-store instance, provisions it, then bundles its volume
 * on the instance ({@code bundle_vol_command}, with the X.509 certificate and key uploaded for it), uploads the
 * bundle to {@code s3_bucket} ({@code bundle_upload_command}) and registers an AMI from the bundle's manifest; then
 * copies, shares and tags the AMI as amazon-ebs does. See
 * <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/amazon/latest/components/builder/instance">
 * amazon-instance</a>.
 */
public final class InstanceBuilder implements Builder {

    static final String BUILDER_ID = "mitchellh.amazon.instance";
    static final String DEFAULT_BUNDLE_VOL = "sudo -i -n ec2-bundle-vol -k {{.KeyPath}} -u {{.AccountId}}"
            + " -c {{.CertPath}} -r {{.Architecture}} -e {{.PrivatePath}}/* -d {{.Destination}} -p {{.Prefix}}"
            + " --batch --no-filter";
    static final String DEFAULT_UPLOAD_WITH_PROFILE = "sudo -i -n ec2-upload-bundle -b {{.BucketName}}"
            + " -m {{.ManifestPath}} -d {{.BundleDirectory}} --batch --region {{.Region}} --retry";
    static final String DEFAULT_UPLOAD = "sudo -i -n ec2-upload-bundle -b {{.BucketName}} -m {{.ManifestPath}}"
            + " -a {{.AccessKey}} -s {{.SecretKey}} -d {{.BundleDirectory}} --batch --region {{.Region}} --retry";

    private static final String CERT_PATH = "x509RemoteCertPath";
    private static final String KEY_PATH = "x509RemoteKeyPath";
    private static final String MANIFEST_NAME = "manifest_name";
    private static final String MANIFEST_PATH = "manifest_path";
    private static final String REMOTE_MANIFEST = "remote_manifest_path";

    @Override
    public String type() {
        return "amazon-instance";
    }

    @Override
    public Artifact run(BuildContext ctx, ComponentConfig config, Hook hook) throws BuildFailure {
        if (config.string("communicator").equals("none")) {
            throw new BuildFailure("amazon-instance bundles the volume over the communicator: communicator \"none\""
                    + " cannot build it; use \"ssh\"");
        }
        return EbsBuilder.bake(ctx, config, hook, BUILDER_ID, (ssh, none) -> {
            List<Step> steps = new java.util.ArrayList<>();
            steps.add(new LaunchSteps.PreValidate(config));
            steps.add(new LaunchSteps.SourceAmiInfo(config));
            steps.add(new LaunchSteps.NetworkInfo(config));
            steps.add(new LaunchSteps.KeyPair(config));
            steps.add(new LaunchSteps.SecurityGroup(config, ssh.port()));
            steps.add(new InstanceProfileStep(config));
            String price = config.string("spot_price");
            boolean spot = !price.isEmpty() && !price.equals("0");
            String mappings = "launch_block_device_mappings";
            steps.add(spot ? new LaunchSteps.RunSpotInstance(config, mappings, "instance-store")
                    : new LaunchSteps.RunSourceInstance(config, mappings, "instance-store"));
            steps.add(EbsBuilder.connectStep(config, ssh, false));
            steps.add(new StepProvision());
            steps.add(new StepCleanupTempKeys(config.bool("ssh_clear_authorized_keys")));
            steps.add(new UploadX509Cert(config));
            steps.add(new BundleVolume(config));
            steps.add(new UploadBundle(config));
            steps.add(new ImageSteps.DeregisterAmi(config.string("ami_name"), config.bool("force_deregister"),
                    config.bool("force_delete_snapshot")));
            steps.add(new RegisterAmi(config));
            steps.addAll(EbsBuilder.imageSteps(config));
            return steps;
        });
    }

    static String orDefault(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }

    /**
     * Runs a remote command with its output shown, as Packer's {@code RunWithUi}; its exit status, or null when it
     * could not run (the build failed with {@code runError} and the reason) or was cancelled.
     */
    private static Integer runRemote(StepState state, String command, String runError) {
        if (state.build().options().debug()) {
            state.ui().say("Running: " + command);
        }
        Communicator comm = state.get(StepProvision.COMMUNICATOR);
        try {
            return comm.execute(command, state.ui(), state.build().cancellation());
        } catch (IOException e) {
            LaunchSteps.fail(state, runError + e.getMessage());
            return null;
        } catch (Cancellation.CancelledException e) {
            return null;
        }
    }

    /** Packer's {@code StepUploadX509Cert}: the certificate and key, to {@code x509_upload_path}. */
    static final class UploadX509Cert implements Step {
        private final ComponentConfig config;

        UploadX509Cert(ComponentConfig config) {
            this.config = config;
        }

        @Override
        public String name() {
            return "StepUploadX509Cert";
        }

        @Override
        public boolean run(StepState state) {
            String dir = orDefault(config.string("x509_upload_path"), "/tmp");
            String cert = dir + "/cert.pem";
            String key = dir + "/key.pem";
            state.ui().say("Uploading X509 Certificate...");
            Communicator comm = state.get(StepProvision.COMMUNICATOR);
            try {
                comm.uploadFile(cert, state.build().resolve(config.string("x509_cert_path")), 0644);
                comm.uploadFile(key, state.build().resolve(config.string("x509_key_path")), 0600);
            } catch (IOException e) {
                return LaunchSteps.fail(state, "Error uploading X509 cert: " + e.getMessage());
            }
            state.put(CERT_PATH, cert);
            state.put(KEY_PATH, key);
            return true;
        }
    }

    /** Packer's {@code StepBundleVolume}: {@code bundle_vol_command} run on the instance. */
    static final class BundleVolume implements Step {
        private final ComponentConfig config;

        BundleVolume(ComponentConfig config) {
            this.config = config;
        }

        @Override
        public String name() {
            return "StepBundleVolume";
        }

        @Override
        public boolean run(StepState state) {
            Instance instance = state.get(Ec2.INSTANCE);
            String destination = orDefault(config.string("bundle_destination"), "/tmp");
            String prefix;
            String command;
            try {
                prefix = Interpolation.render(orDefault(config.string("bundle_prefix"), "image-{{timestamp}}"),
                        state.build().interpolation());
                Map<String, Object> data = new HashMap<>();
                data.put("AccountId", config.string("account_id").replace("-", ""));
                data.put("Architecture", instance.architectureAsString() == null ? ""
                        : instance.architectureAsString());
                data.put("CertPath", state.get(CERT_PATH));
                data.put("Destination", destination);
                data.put("KeyPath", state.get(KEY_PATH));
                data.put("Prefix", prefix);
                data.put("PrivatePath", orDefault(config.string("x509_upload_path"), "/tmp"));
                command = Interpolation.render(orDefault(config.string("bundle_vol_command"), DEFAULT_BUNDLE_VOL),
                        state.build().interpolation().withData(data));
            } catch (GoTemplateException e) {
                return LaunchSteps.fail(state, "Error processing bundle volume command: " + e.getMessage());
            }
            state.ui().say("Bundling the volume...");
            Integer status = runRemote(state, command, "Error bundling volume: ");
            if (status == null) {
                return false;
            }
            if (status != 0) {
                return LaunchSteps.fail(state, """
                        Volume bundling failed. Please see the output above for more
                        details on what went wrong.

                        One common cause for this error is ec2-bundle-vol not being
                        available on the target instance.""");
            }
            String manifest = prefix + ".manifest.xml";
            state.put(MANIFEST_NAME, manifest);
            state.put(MANIFEST_PATH, destination + "/" + manifest);
            return true;
        }
    }

    /** Packer's {@code StepUploadBundle}: {@code bundle_upload_command} run on the instance. */
    static final class UploadBundle implements Step {
        private final ComponentConfig config;

        UploadBundle(ComponentConfig config) {
            this.config = config;
        }

        @Override
        public String name() {
            return "StepUploadBundle";
        }

        @Override
        public boolean run(StepState state) {
            AwsAccess access = state.get(Ec2.ACCESS);
            String accessKey = config.string("access_key");
            String secretKey = config.string("secret_key");
            String token = "";
            if (accessKey.isEmpty() && secretKey.isEmpty()) {
                try {
                    AwsCredentials credentials = access.credentials().resolveCredentials();
                    accessKey = credentials.accessKeyId();
                    secretKey = credentials.secretAccessKey();
                    if (credentials instanceof AwsSessionCredentials session) {
                        token = session.sessionToken();
                    }
                } catch (SdkException e) {
                    // As Packer: the command gets empty keys and says what it lacks.
                }
            }
            state.build().masker().add(secretKey);
            state.build().masker().add(token);
            String bucket = config.string("s3_bucket");
            Map<String, Object> data = new HashMap<>();
            data.put("AccessKey", accessKey);
            data.put("BucketName", bucket);
            data.put("BundleDirectory", orDefault(config.string("bundle_destination"), "/tmp"));
            data.put("ManifestPath", state.get(MANIFEST_PATH));
            data.put("Region", access.region());
            data.put("SecretKey", secretKey);
            data.put("Token", token);
            String fallback = config.string("iam_instance_profile").isEmpty() ? DEFAULT_UPLOAD
                    : DEFAULT_UPLOAD_WITH_PROFILE;
            String command;
            try {
                command = Interpolation.render(orDefault(config.string("bundle_upload_command"), fallback),
                        state.build().interpolation().withData(data));
            } catch (GoTemplateException e) {
                return LaunchSteps.fail(state, "Error processing bundle upload command: " + e.getMessage());
            }
            state.ui().say("Uploading the bundle...");
            Integer status = runRemote(state, command, "Error uploading volume: ");
            if (status == null) {
                return false;
            }
            if (status != 0) {
                if (status == 3) {
                    state.ui().error("Please check that the bucket `" + bucket + "` does not exist, or exists and"
                            + " is writable. This error indicates that the bucket may be owned by somebody else.");
                }
                return LaunchSteps.fail(state, "Bundle upload failed. Please see the output above for more\n"
                        + "details on what went wrong.");
            }
            state.put(REMOTE_MANIFEST, bucket + "/" + state.get(MANIFEST_NAME));
            return true;
        }
    }

    /**
     * Packer's {@code StepRegisterAMI} of amazon-instance: the AMI registered from the bundle's manifest in S3, with
     * the {@code ami_block_device_mappings}, then waited for. Unlike packer 1.6.6, a build that fails or is cancelled
     * afterwards deregisters it again.
     */
    static final class RegisterAmi extends ImageSteps.RegisterAmi {

        RegisterAmi(ComponentConfig config) {
            super(config);
        }

        @Override
        protected void describe(StepState state, RegisterImageRequest.Builder request) {
            request.imageLocation(state.get(REMOTE_MANIFEST))
                    .blockDeviceMappings(BlockDevices.of(config.blocks("ami_block_device_mappings")));
            if (!config.string("ami_virtualization_type").isEmpty()) {
                request.virtualizationType(config.string("ami_virtualization_type"));
            }
        }

        @Override
        protected void registered(StepState state, software.amazon.awssdk.services.ec2.model.Image image) {
            // An instance-store AMI has no snapshots.
            state.put(Ec2.SNAPSHOTS, new TreeMap<String, List<String>>());
        }
    }
}
