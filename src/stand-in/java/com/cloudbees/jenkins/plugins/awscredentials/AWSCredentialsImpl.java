package com.cloudbees.jenkins.plugins.awscredentials;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.util.Secret;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * Mirrors aws-credentials {@code AWSCredentialsImpl}: an access key and its secret, optionally a role they assume
 * (with an external id, an MFA device, a session length). Resolving assumes the role through STS where it is called,
 * its region and endpoint the SDK's defaults, the session named "Jenkins".
 */
public class AWSCredentialsImpl extends BaseAmazonWebServicesCredentials {

    public static final int STS_CREDENTIALS_DURATION_SECONDS = 3600;

    private final String accessKey;
    private final Secret secretKey;
    private final String iamRoleArn;
    private final String iamExternalId;
    private final String iamMfaSerialNumber;
    private volatile Integer stsTokenDuration;

    public AWSCredentialsImpl(CredentialsScope scope, String id, String accessKey, String secretKey,
                              String description, String iamRoleArn, String iamMfaSerialNumber,
                              String iamExternalId) {
        super(scope, id, description);
        this.accessKey = accessKey == null ? "" : accessKey;
        this.secretKey = Secret.fromString(secretKey);
        this.iamRoleArn = iamRoleArn == null ? "" : iamRoleArn;
        this.iamExternalId = iamExternalId == null ? "" : iamExternalId;
        this.iamMfaSerialNumber = iamMfaSerialNumber == null ? "" : iamMfaSerialNumber;
    }

    public String getAccessKey() {
        return accessKey;
    }

    public Secret getSecretKey() {
        return secretKey;
    }

    public String getIamRoleArn() {
        return iamRoleArn;
    }

    public String getIamExternalId() {
        return iamExternalId;
    }

    public String getIamMfaSerialNumber() {
        return iamMfaSerialNumber;
    }

    public Integer getStsTokenDuration() {
        return stsTokenDuration == null ? STS_CREDENTIALS_DURATION_SECONDS : stsTokenDuration;
    }

    public void setStsTokenDuration(Integer stsTokenDuration) {
        this.stsTokenDuration = stsTokenDuration == null || stsTokenDuration == STS_CREDENTIALS_DURATION_SECONDS
                ? null : stsTokenDuration;
    }

    public boolean requiresToken() {
        return !iamMfaSerialNumber.isBlank();
    }

    @Override
    public AwsCredentials resolveCredentials() {
        boolean noKeys = accessKey.isBlank() && secretKey.getPlainText().isBlank();
        if (iamRoleArn.isBlank()) {
            return noKeys ? null : AwsBasicCredentials.create(accessKey, secretKey.getPlainText());
        }
        // Without keys, the role is assumed with the SDK's default identity (the controller's).
        return resolveCredentials(null);
    }

    @Override
    public AwsCredentials resolveCredentials(String mfaToken) {
        var b = StsClient.builder();
        if (!(accessKey.isBlank() && secretKey.getPlainText().isBlank())) {
            b.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(accessKey, secretKey.getPlainText())));
        }
        AssumeRoleRequest.Builder req = AssumeRoleRequest.builder().roleArn(iamRoleArn).roleSessionName("Jenkins")
                .durationSeconds(getStsTokenDuration());
        if (mfaToken != null) {
            req.serialNumber(iamMfaSerialNumber).tokenCode(mfaToken);
        }
        if (!iamExternalId.isEmpty()) {
            req.externalId(iamExternalId);
        }
        try (StsClient sts = b.build()) {
            var c = sts.assumeRole(req.build()).credentials();
            return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
        }
    }

    @Override
    public String getDisplayName() {
        return iamRoleArn.isBlank() ? accessKey : accessKey + ":" + iamRoleArn;
    }
}
