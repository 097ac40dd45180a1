package io.jenkins.plugins.packer.builder.amazon.common;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A role an embedder's long-lived keys assume for a whole run (Jenkins' AWS credentials with an IAM role): the session
 * is renewed before it expires, so a bake longer than one session goes on and its cleanup can still reach AWS. STS is
 * reached as the run's environment says: its region ({@code AWS_REGION}, else us-east-1), endpoint
 * ({@code AWS_ENDPOINT_URL_STS}, else {@code AWS_ENDPOINT_URL}) and proxy.
 */
public final class RoleCredentials implements AwsCredentialsProvider, SdkAutoCloseable {

    private final StsClient sts;
    private final StsAssumeRoleCredentialsProvider provider;

    private RoleCredentials(StsClient sts, StsAssumeRoleCredentialsProvider provider) {
        this.sts = sts;
        this.provider = provider;
    }

    /**
     * The role {@code roleArn} as {@code accessKeyId} assumes it, with {@code externalId} (empty: none), the session
     * name and a session of {@code durationSeconds} (0: STS's default).
     */
    public static RoleCredentials of(Map<String, String> env, String accessKeyId, String secretAccessKey,
                                     String roleArn, String externalId, String sessionName, int durationSeconds) {
        String region = env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
        String endpoint = env.getOrDefault("AWS_ENDPOINT_URL_STS", env.getOrDefault("AWS_ENDPOINT_URL", ""));
        var b = StsClient.builder().region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClient(UrlConnectionHttpClient.builder().proxyConfiguration(AwsAccess.proxy(env, endpoint))
                        .build());
        if (!endpoint.isEmpty()) {
            b.endpointOverride(URI.create(endpoint.contains("://") ? endpoint : "https://" + endpoint));
        }
        StsClient sts = b.build();
        AssumeRoleRequest.Builder req = AssumeRoleRequest.builder().roleArn(roleArn).roleSessionName(sessionName);
        if (!externalId.isEmpty()) {
            req.externalId(externalId);
        }
        if (durationSeconds > 0) {
            req.durationSeconds(durationSeconds);
        }
        return new RoleCredentials(sts, StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                .refreshRequest(req.build()).asyncCredentialUpdateEnabled(false).build());
    }

    /** The session's keys, renewed when the session is about to end. */
    @Override
    public AwsCredentials resolveCredentials() {
        return provider.resolveCredentials();
    }

    @Override
    public void close() {
        provider.close();
        sts.close();
    }
}
