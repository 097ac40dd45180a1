package io.jenkins.plugins.packer.builder.amazon.common;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsWebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Web identity, as the Go SDK takes it from the environment (an EKS pod's role, a CI's OIDC token): the role of
 * {@code AWS_ROLE_ARN} assumed with the token in {@code AWS_WEB_IDENTITY_TOKEN_FILE}, read again at each renewal (the
 * platform rotates it), its session renewed before it expires. The run's environment is read, not the process's.
 */
final class WebIdentityCredentials implements AwsCredentialsProvider, SdkAutoCloseable {

    private final Map<String, String> env;
    private StsClient sts;
    private StsWebIdentityTokenFileCredentialsProvider provider;

    private WebIdentityCredentials(Map<String, String> env) {
        this.env = env;
    }

    /** The provider the environment asks for, or null when it names no token file and role. */
    static WebIdentityCredentials of(Map<String, String> env) {
        if (env.getOrDefault("AWS_WEB_IDENTITY_TOKEN_FILE", "").isEmpty()
                || env.getOrDefault("AWS_ROLE_ARN", "").isEmpty()) {
            return null;
        }
        return new WebIdentityCredentials(env);
    }

    @Override
    public synchronized AwsCredentials resolveCredentials() {
        if (provider == null) {
            String region = env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
            String endpoint = env.getOrDefault("AWS_ENDPOINT_URL_STS", env.getOrDefault("AWS_ENDPOINT_URL", ""));
            // AssumeRoleWithWebIdentity is not signed: the token is the credential.
            var b = StsClient.builder().region(Region.of(region))
                    .credentialsProvider(AnonymousCredentialsProvider.create())
                    .httpClient(UrlConnectionHttpClient.create());
            if (!endpoint.isEmpty()) {
                b.endpointOverride(URI.create(endpoint));
            }
            sts = b.build();
            String session = env.getOrDefault("AWS_ROLE_SESSION_NAME", "");
            // The SDK's provider reads the token file again at each renewal.
            provider = StsWebIdentityTokenFileCredentialsProvider.builder().stsClient(sts)
                    .asyncCredentialUpdateEnabled(false).roleArn(env.get("AWS_ROLE_ARN"))
                    .webIdentityTokenFile(Path.of(env.get("AWS_WEB_IDENTITY_TOKEN_FILE")))
                    .roleSessionName(session.isEmpty() ? "packer-" + System.currentTimeMillis() : session).build();
        }
        return provider.resolveCredentials();
    }

    @Override
    public synchronized void close() {
        if (provider != null) {
            provider.close();
        }
        if (sts != null) {
            sts.close();
        }
    }
}
