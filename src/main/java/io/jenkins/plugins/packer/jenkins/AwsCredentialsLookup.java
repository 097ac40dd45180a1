package io.jenkins.plugins.packer.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Looks up the AWS credentials a build names ({@code credentialsId}: AWS credentials, or a username with password
 * holding an access key id and its secret) in the context of the run, records their use, and resolves them on the
 * controller (an IAM role in the credentials is assumed there, as aws-credentials does):
 * the keys then reach the build as its {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and
 * {@code AWS_SESSION_TOKEN}, masked in its log. For credentials whose own keys assume the role (no MFA device), the
 * agent is also given those keys and the role, so that it renews the session before it ends: a bake may outlive
 * the credentials' session length (an hour by default).
 */
final class AwsCredentialsLookup {

    private AwsCredentialsLookup() {
    }

    /** The keys of {@code id}; null when no id is given or the credentials leave it to the agent's own role. */
    static BuildRequest.AwsKeys lookup(Run<?, ?> run, String id) throws AbortException {
        if (id == null || id.isBlank()) {
            return null;
        }
        AmazonWebServicesCredentials c = run == null ? null
                : CredentialsProvider.findCredentialById(id, AmazonWebServicesCredentials.class, run);
        if (c != null) {
            CredentialsProvider.track(run, c);
            return keys(id, c);
        }
        // "Username with password" credentials holding an access key id and its secret.
        StandardUsernamePasswordCredentials up = run == null ? null
                : CredentialsProvider.findCredentialById(id, StandardUsernamePasswordCredentials.class, run);
        if (up == null) {
            throw new AbortException("credentialsId: no AWS credentials (or username with password) with the id "
                    + id + " are available to this build");
        }
        CredentialsProvider.track(run, up);
        return keys(up);
    }

    /**
     * {@code base} with the keys of {@code id} as the SDKs' variables (and Jenkins' proxy where it names none), for
     * work that reaches AWS with them.
     */
    static Map<String, String> environment(Map<String, String> base, Run<?, ?> run, String id)
            throws AbortException {
        Map<String, String> env = new java.util.HashMap<>(JenkinsProxy.environment(base));
        BuildRequest.AwsKeys keys = lookup(run, id);
        if (keys != null) {
            env.putAll(keys.environment());
        }
        return env;
    }

    /** An access key id (the user name) and its secret (the password). */
    static BuildRequest.AwsKeys keys(StandardUsernamePasswordCredentials c) {
        return new BuildRequest.AwsKeys(c.getUsername(), c.getPassword() == null ? ""
                : c.getPassword().getPlainText(), "");
    }

    static BuildRequest.AwsKeys keys(String id, AmazonWebServicesCredentials c) throws AbortException {
        AwsCredentials resolved;
        try {
            resolved = c.resolveCredentials();
        } catch (SdkException e) {
            throw new AbortException("credentialsId: the AWS credentials " + id + " could not be resolved: "
                    + e.getMessage());
        }
        if (resolved == null) {
            return null;
        }
        return new BuildRequest.AwsKeys(resolved.accessKeyId(), resolved.secretAccessKey(),
                resolved instanceof AwsSessionCredentials s ? s.sessionToken() : "", renewal(c));
    }

    /**
     * How the agent renews the role of {@code c}: null unless its own keys assume a role without an MFA device (a
     * token cannot be asked for again; without keys, the role is assumed with the controller's own identity).
     */
    static BuildRequest.RoleRenewal renewal(AmazonWebServicesCredentials c) {
        if (!(c instanceof AWSCredentialsImpl impl) || impl.getIamRoleArn() == null
                || impl.getIamRoleArn().isBlank() || impl.requiresToken() || impl.getAccessKey() == null
                || impl.getAccessKey().isBlank() || impl.getSecretKey() == null) {
            return null;
        }
        return new BuildRequest.RoleRenewal(impl.getAccessKey(), impl.getSecretKey().getPlainText(),
                impl.getIamRoleArn(), impl.getIamExternalId() == null ? "" : impl.getIamExternalId(),
                impl.getStsTokenDuration());
    }
}
