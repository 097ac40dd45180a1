package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * What the agent is given of AWS credentials: the keys resolved on the controller, and, for a role the credentials'
 * own keys assume, how to renew its session (the role, the external id, the session length, those keys).
 */
class AwsCredentialsLookupTest {

    /** Credentials whose role is "assumed" without STS: the session keys are fixed. */
    static final class Assumed extends AWSCredentialsImpl {
        Assumed(String accessKey, String secretKey, String role, String mfa, String externalId) {
            super(CredentialsScope.GLOBAL, "aws", accessKey, secretKey, "d", role, mfa, externalId);
        }

        @Override
        public AwsCredentials resolveCredentials() {
            return getIamRoleArn().isBlank() ? super.resolveCredentials()
                    : AwsSessionCredentials.create("ASIASESSION", "session-secret", "session-token");
        }
    }

    @Test
    void aRoleItsOwnKeysAssumeIsRenewedOnTheAgent() throws Exception {
        Assumed c = new Assumed("AKIABASE", "base-secret", "arn:aws:iam::1:role/r", "", "ext-1");
        c.setStsTokenDuration(7200);
        BuildRequest.AwsKeys keys = AwsCredentialsLookup.keys("aws", c);
        assertThat(keys.accessKeyId()).isEqualTo("ASIASESSION");
        assertThat(keys.sessionToken()).isEqualTo("session-token");
        assertThat(keys.renewal()).isEqualTo(new BuildRequest.RoleRenewal("AKIABASE", "base-secret",
                "arn:aws:iam::1:role/r", "ext-1", 7200));
        assertThat(keys.toString()).doesNotContain("base-secret").doesNotContain("session-secret");
    }

    @Test
    void theDefaultSessionLengthIsTheCredentialsOne() throws Exception {
        BuildRequest.AwsKeys keys = AwsCredentialsLookup.keys("aws",
                new Assumed("AKIABASE", "base-secret", "arn:aws:iam::1:role/r", null, null));
        assertThat(keys.renewal().durationSeconds()).isEqualTo(3600);
        assertThat(keys.renewal().externalId()).isEmpty();
    }

    @Test
    void noRenewalForPlainKeysAnMfaDeviceOrTheControllersOwnIdentity() throws Exception {
        assertThat(AwsCredentialsLookup.keys("aws", new Assumed("AKIABASE", "base-secret", "", "", ""))
                .renewal()).isNull();
        assertThat(AwsCredentialsLookup.keys("aws", new Assumed("AKIABASE", "base-secret", "arn:aws:iam::1:role/r",
                "arn:aws:iam::1:mfa/me", "")).renewal()).as("an MFA token cannot be asked for again").isNull();
        assertThat(AwsCredentialsLookup.keys("aws", new Assumed("", "", "arn:aws:iam::1:role/r", "", ""))
                .renewal()).as("the role assumed with the controller's own identity").isNull();
    }
}
