package io.jenkins.plugins.packer.builder.amazon.common;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.function.EncodingJson;
import io.jenkins.plugins.packer.gotemplate.GoTemplateException;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.Step;
import io.jenkins.plugins.packer.run.StepState;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Packer's {@code StepIamInstanceProfile}: the instance profile the source instance runs with. An
 * {@code iam_instance_profile} must exist (unless {@code skip_profile_validation}); with
 * {@code temporary_iam_instance_profile_policy_document} a role with that policy and an instance profile holding it
 * are made for the build, tagged with {@code run_tags}, and removed when it ends.
 */
public final class InstanceProfileStep implements Step {

    /** The instance profile the instance is launched with (a String, maybe empty). */
    public static final String PROFILE = "iam_instance_profile";

    private static final String ASSUME_ROLE_POLICY = "{\"Version\": \"2012-10-17\",\"Statement\": [{\"Effect\":"
            + " \"Allow\",\"Principal\": {\"Service\": \"ec2.amazonaws.com\"},\"Action\": \"sts:AssumeRole\"}]}";

    private final ComponentConfig config;
    private IamClient iam;
    private String profile;
    private String role;
    private String policy;
    private boolean attached;

    public InstanceProfileStep(ComponentConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "StepIamInstanceProfile";
    }

    private IamClient iam(StepState state) {
        if (iam == null) {
            iam = state.<AwsAccess>get(Ec2.ACCESS).iam();
        }
        return iam;
    }

    @Override
    public boolean run(StepState state) {
        state.put(PROFILE, "");
        String given = config.string("iam_instance_profile");
        if (!given.isEmpty()) {
            if (!config.bool("skip_profile_validation")) {
                try {
                    iam(state).getInstanceProfile(b -> b.instanceProfileName(given));
                } catch (SdkException e) {
                    return state.fail("Couldn't find specified instance profile: " + Ec2.error(e));
                }
            }
            state.put(PROFILE, given);
            return true;
        }
        if (!config.isSet("temporary_iam_instance_profile_policy_document")) {
            return true;
        }
        String name = "packer-" + UUID.randomUUID();
        String document = policyDocument(config.block("temporary_iam_instance_profile_policy_document"));
        List<Tag> tags;
        try {
            tags = Ec2.withRunTag(state, Ec2.tags(state, Ec2.tagOption(config, "run_tags", "run_tag"))).stream()
                    .map(t -> Tag.builder().key(t.key()).value(t.value()).build()).toList();
        } catch (GoTemplateException e) {
            return state.fail("Error creating IAM tags: " + e.getMessage());
        }
        state.ui().say("Creating temporary instance profile for this instance: " + name);
        IamClient client = iam(state);
        String region = Ec2.region(state);
        try {
            long entry = Ec2.intent(state, Ec2.INSTANCE_PROFILE_KIND, region, name);
            profile = client.createInstanceProfile(b -> b.instanceProfileName(name).tags(tags)).instanceProfile()
                    .instanceProfileName();
            Ec2.created(state, entry, profile);
        } catch (SdkException e) {
            return LaunchSteps.fail(state, Ec2.error(e));
        }
        try {
            Ec2.waitFor(state, Duration.ofSeconds(1), 40, () -> exists(() -> client.getInstanceProfile(
                    b -> b.instanceProfileName(profile))));
        } catch (Ec2.WaitFailed e) {
            return state.fail("Timed out waiting for instance profile " + profile + ": " + e.getMessage());
        } catch (Cancellation.CancelledException e) {
            return false;
        }
        state.ui().say("Creating temporary role for this instance: " + name);
        try {
            long entry = Ec2.intent(state, Ec2.ROLE_KIND, region, name);
            role = client.createRole(b -> b.roleName(name).description("Temporary role for Packer")
                    .assumeRolePolicyDocument(ASSUME_ROLE_POLICY).tags(tags)).role().roleName();
            Ec2.created(state, entry, role);
        } catch (SdkException e) {
            return LaunchSteps.fail(state, Ec2.error(e));
        }
        try {
            Ec2.waitFor(state, Duration.ofSeconds(1), 20, () -> exists(() -> client.getRole(b -> b.roleName(role))));
        } catch (Ec2.WaitFailed e) {
            return state.fail("Timed out waiting for temporary role " + role + ": " + e.getMessage());
        } catch (Cancellation.CancelledException e) {
            return false;
        }
        state.ui().say("Attaching policy to the temporary role: " + name);
        try {
            client.putRolePolicy(b -> b.roleName(role).policyName(name).policyDocument(document));
            policy = name;
            client.addRoleToInstanceProfile(b -> b.roleName(role).instanceProfileName(profile));
            attached = true;
        } catch (SdkException e) {
            return LaunchSteps.fail(state, Ec2.error(e));
        }
        state.put(PROFILE, profile);
        return true;
    }

    /** One look: true once the call finds the resource, null while IAM says it does not exist yet. */
    private static Boolean exists(Runnable call) {
        try {
            call.run();
            return true;
        } catch (software.amazon.awssdk.services.iam.model.NoSuchEntityException e) {
            return null;
        }
    }

    /**
     * The policy as Packer marshals its {@code PolicyDocument}: {@code {"Version":…,"Statement":[{"Effect":…,
     * "Action":[…],"Resource":[…]}]}}.
     */
    static String policyDocument(ComponentConfig doc) {
        StringBuilder sb = new StringBuilder("{\"Version\":");
        EncodingJson.quote(doc.string("Version"), sb);
        sb.append(",\"Statement\":");
        List<ComponentConfig> statements = doc.blocks("Statement");
        if (statements.isEmpty()) {
            sb.append("null");
        } else {
            sb.append('[');
            for (int i = 0; i < statements.size(); i++) {
                ComponentConfig s = statements.get(i);
                sb.append(i == 0 ? "" : ",").append("{\"Effect\":");
                EncodingJson.quote(s.string("Effect"), sb);
                sb.append(",\"Action\":");
                strings(s.stringList("Action"), sb);
                sb.append(",\"Resource\":");
                strings(s.stringList("Resource"), sb);
                sb.append('}');
            }
            sb.append(']');
        }
        return sb.append('}').toString();
    }

    private static void strings(List<String> values, StringBuilder sb) {
        if (values.isEmpty()) {
            sb.append("null");
            return;
        }
        sb.append('[');
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ",");
            EncodingJson.quote(values.get(i), sb);
        }
        sb.append(']');
    }

    @Override
    public void cleanup(StepState state) {
        if (iam == null) {
            return;
        }
        try {
            if (attached) {
                state.ui().say("Detaching temporary role from instance profile...");
                try {
                    iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName(profile).roleName(role));
                } catch (SdkException e) {
                    state.ui().error("Error " + Ec2.error(e) + ". Please delete the role manually: " + role);
                }
            }
            if (policy != null) {
                state.ui().say("Removing policy from temporary role...");
                try {
                    iam.deleteRolePolicy(b -> b.policyName(policy).roleName(role));
                } catch (SdkException e) {
                    // Deleting the role reports what is left.
                }
            }
            if (role != null) {
                state.ui().say("Deleting temporary role...");
                try {
                    iam.deleteRole(b -> b.roleName(role));
                    Ec2.removed(state, Ec2.ROLE_KIND, Ec2.region(state), role);
                } catch (SdkException e) {
                    state.ui().error("Error " + Ec2.error(e) + ". Please delete the role manually: " + role);
                }
            }
            if (profile != null) {
                state.ui().say("Deleting temporary instance profile...");
                try {
                    iam.deleteInstanceProfile(b -> b.instanceProfileName(profile));
                    Ec2.removed(state, Ec2.INSTANCE_PROFILE_KIND, Ec2.region(state), profile);
                } catch (SdkException e) {
                    state.ui().error("Error " + Ec2.error(e) + ". Please delete the instance profile manually: "
                            + profile);
                }
            }
        } finally {
            iam.close();
        }
    }
}
