package io.jenkins.plugins.packer.builder.amazon.common;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.LocalFiles;
import io.jenkins.plugins.packer.run.DebugLog;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * How a build reaches AWS, from its access options (Packer's {@code AccessConfig}) and the run's environment: the
 * region, the credentials in Packer's order (the source's {@code access_key}/{@code secret_key}/{@code token}, its
 * {@code profile} in the shared credentials file, the environment's {@code AWS_ACCESS_KEY_ID}…, the default profile,
 * then the container's and the instance's role), custom endpoints, retries and the polling of waits. The environment
 * is the run's map, never the process's: the Jenkins step passes its credentials in it.
 */
public final class AwsAccess implements AutoCloseable {

    private volatile DebugLog log = DebugLog.OFF;

    private final String region;
    private AwsCredentialsProvider credentials;
    private final String ec2Endpoint;
    private final Map<String, String> env;
    private final int maxRetries;
    private final Polling polling;
    private final SdkHttpClient http;

    /** How waits poll: the delay between checks and how many checks before giving up (0: the wait's own). */
    public record Polling(Duration delay, int maxAttempts) {

        /** The delay, or the wait's own when none is set. */
        public Duration delayOr(Duration waitDefault) {
            return delay.isZero() ? waitDefault : delay;
        }

        /** The attempts, or the wait's own when none is set. */
        public int attemptsOr(int waitDefault) {
            return maxAttempts <= 0 ? waitDefault : maxAttempts;
        }
    }

    private AwsAccess(String region, AwsCredentialsProvider credentials, String ec2Endpoint, int maxRetries,
                      Polling polling, boolean insecure, Map<String, String> env) {
        this.region = region;
        this.env = env;
        this.credentials = credentials;
        this.ec2Endpoint = ec2Endpoint;
        this.maxRetries = maxRetries;
        this.polling = polling;
        AttributeMap.Builder http = AttributeMap.builder()
                .put(SdkHttpConfigurationOption.CONNECTION_TIMEOUT, Duration.ofSeconds(10))
                .put(SdkHttpConfigurationOption.READ_TIMEOUT, Duration.ofSeconds(60));
        if (insecure) {
            http.put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true);
        }
        this.http = UrlConnectionHttpClient.builder().proxyConfiguration(proxy(env, ec2Endpoint))
                .buildWithDefaults(http.build());
    }

    /**
     * The proxy of the run's environment, as Go's {@code http.ProxyFromEnvironment} reads it: {@code HTTPS_PROXY}
     * (or {@code HTTP_PROXY} for a plain {@code http://} endpoint), with its user and password, except for the hosts
     * of {@code NO_PROXY}. The process's own settings are not read: the run's environment is the one that counts.
     */
    static software.amazon.awssdk.http.urlconnection.ProxyConfiguration proxy(Map<String, String> env,
                                                                              String endpoint) {
        var b = software.amazon.awssdk.http.urlconnection.ProxyConfiguration.builder()
                .useSystemPropertyValues(false).useEnvironmentVariablesValues(false);
        boolean plain = endpoint != null && endpoint.startsWith("http://");
        String url = plain ? first(env, "HTTP_PROXY", "http_proxy") : first(env, "HTTPS_PROXY", "https_proxy");
        if (url.isEmpty()) {
            return b.build();
        }
        URI uri = URI.create(url.contains("://") ? url : "http://" + url);
        b.endpoint(URI.create(uri.getScheme() + "://" + uri.getHost()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort())));
        if (uri.getUserInfo() != null) {
            String[] user = uri.getUserInfo().split(":", 2);
            b.username(java.net.URLDecoder.decode(user[0], java.nio.charset.StandardCharsets.UTF_8));
            if (user.length > 1) {
                b.password(java.net.URLDecoder.decode(user[1], java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        java.util.Set<String> bypass = new java.util.LinkedHashSet<>();
        for (String host : first(env, "NO_PROXY", "no_proxy").split(",")) {
            String h = host.strip();
            if (!h.isEmpty()) {
                // The client matches hosts with regular expressions. NO_PROXY's "example.com" is that host and its
                // subdomains, ".example.com" its subdomains; "*" alone is every host.
                String domain = h.startsWith(".") ? h.substring(1) : h;
                if (domain.equals("*")) {
                    bypass.add(".*");
                    continue;
                }
                if (!h.startsWith(".")) {
                    bypass.add(java.util.regex.Pattern.quote(domain));
                }
                bypass.add(".*" + java.util.regex.Pattern.quote("." + domain));
            }
        }
        return b.nonProxyHosts(bypass).build();
    }

    private static String first(Map<String, String> env, String name, String lower) {
        String v = env.getOrDefault(name, "");
        return v.isEmpty() ? env.getOrDefault(lower, "") : v;
    }

    /** The access of a source's options; {@code env} is the run's environment. */
    public static AwsAccess of(ComponentConfig c, Map<String, String> env) {
        return of(c, env, null);
    }

    /**
     * The access of a source's options; {@code env} is the run's environment, and {@code runCredentials} (when not
     * null) the credentials an embedder gives the run, which take the place of the environment's keys (they are what
     * those keys were made from, renewed as needed).
     */
    public static AwsAccess of(ComponentConfig c, Map<String, String> env, AwsCredentialsProvider runCredentials) {
        String region = c.string("region");
        if (region.isEmpty()) {
            region = env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", ""));
        }
        long delay = 0;
        long attempts = 0;
        ComponentConfig poll = c.isSet("aws_polling") ? c.block("aws_polling") : null;
        if (poll != null) {
            delay = poll.number("delay_seconds");
            attempts = poll.number("max_attempts");
        }
        if (delay == 0) {
            delay = parse(env.get("AWS_POLL_DELAY_SECONDS"));
        }
        if (attempts == 0) {
            attempts = parse(env.get("AWS_MAX_ATTEMPTS"));
        }
        AwsAccess access = new AwsAccess(region, credentials(c, env, runCredentials),
                c.string("custom_endpoint_ec2"),
                (int) c.number("max_retries"), new Polling(Duration.ofSeconds(delay), (int) attempts),
                c.bool("insecure_skip_tls_verify"), env);
        ComponentConfig role = c.isSet("assume_role") ? c.block("assume_role") : null;
        if (role != null && !role.string("role_arn").isEmpty()) {
            access.assumeRole(role);
        }
        return access;
    }

    private software.amazon.awssdk.services.sts.StsClient sts;

    /**
     * Packer's {@code assume_role}: the credentials found so far assume the role through STS (its session renewed
     * before it expires); the build then acts as the role.
     */
    private void assumeRole(ComponentConfig role) {
        var b = software.amazon.awssdk.services.sts.StsClient.builder();
        configure(b, region, endpoint("STS"));
        sts = b.build();
        var req = software.amazon.awssdk.services.sts.model.AssumeRoleRequest.builder()
                .roleArn(role.string("role_arn"))
                .roleSessionName(role.string("session_name").isEmpty() ? "packer-" + System.currentTimeMillis()
                        : role.string("session_name"));
        if (role.number("duration_seconds") > 0) {
            req.durationSeconds((int) role.number("duration_seconds"));
        }
        if (!role.string("external_id").isEmpty()) {
            req.externalId(role.string("external_id"));
        }
        if (!role.string("policy").isEmpty()) {
            req.policy(role.string("policy"));
        }
        if (!role.stringList("policy_arns").isEmpty()) {
            req.policyArns(role.stringList("policy_arns").stream().map(arn ->
                    software.amazon.awssdk.services.sts.model.PolicyDescriptorType.builder().arn(arn).build())
                    .toList());
        }
        if (!role.stringMap("tags").isEmpty()) {
            req.tags(role.stringMap("tags").entrySet().stream().map(e ->
                    software.amazon.awssdk.services.sts.model.Tag.builder().key(e.getKey()).value(e.getValue())
                            .build()).toList());
        }
        if (!role.stringList("transitive_tag_keys").isEmpty()) {
            req.transitiveTagKeys(role.stringList("transitive_tag_keys"));
        }
        credentials = software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts).refreshRequest(req.build()).asyncCredentialUpdateEnabled(false).build();
    }

    /**
     * The access of the run's environment alone, for functions that reach AWS ({@code aws_secretsmanager}): its
     * region, keys, default profile, then the container's and the instance's role.
     */
    public static AwsAccess fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, "");
    }

    /** The access of the run's environment, its EC2 (and IAM) endpoint {@code ec2Endpoint} where not empty. */
    public static AwsAccess fromEnvironment(Map<String, String> env, String ec2Endpoint) {
        String region = env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
        List<AwsCredentialsProvider> chain = new ArrayList<>();
        envAndProfiles(chain, sharedCredentialsFile("", env), env, null);
        chain.add(ContainerCredentialsProvider.builder().build());
        chain.add(InstanceProfileCredentialsProvider.builder().build());
        return new AwsAccess(region, AwsCredentialsProviderChain.builder().credentialsProviders(chain)
                .reuseLastProviderEnabled(true).build(), ec2Endpoint, 0, new Polling(Duration.ZERO, 0), false, env);
    }

    private static long parse(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static AwsCredentialsProvider credentials(ComponentConfig c, Map<String, String> env,
                                                      AwsCredentialsProvider runCredentials) {
        List<AwsCredentialsProvider> chain = new ArrayList<>();
        if (!c.string("access_key").isEmpty()) {
            chain.add(StaticCredentialsProvider.create(c.string("token").isEmpty()
                    ? AwsBasicCredentials.create(c.string("access_key"), c.string("secret_key"))
                    : AwsSessionCredentials.create(c.string("access_key"), c.string("secret_key"),
                    c.string("token"))));
        }
        Path shared = sharedCredentialsFile(c.string("shared_credentials_file"), env);
        if (!c.string("profile").isEmpty() && shared != null) {
            chain.add(profile(shared, c.string("profile")));
        }
        envAndProfiles(chain, c.string("profile").isEmpty() ? shared : null, env, runCredentials);
        chain.add(ContainerCredentialsProvider.builder().build());
        if (!c.bool("skip_metadata_api_check")) {
            chain.add(InstanceProfileCredentialsProvider.builder().build());
        }
        return AwsCredentialsProviderChain.builder().credentialsProviders(chain).reuseLastProviderEnabled(true)
                .build();
    }

    /**
     * The environment's keys, then web identity ({@code AWS_WEB_IDENTITY_TOKEN_FILE} and {@code AWS_ROLE_ARN}), then
     * the default profile ({@code AWS_PROFILE}) of {@code shared} when given: the Go SDK's order. The run's own
     * credentials, when given, stand where the environment's keys do.
     */
    private static void envAndProfiles(List<AwsCredentialsProvider> chain, Path shared, Map<String, String> env,
                                       AwsCredentialsProvider runCredentials) {
        if (runCredentials != null) {
            // Not the chain's to close: the run outlives this access.
            AwsCredentialsProvider kept = runCredentials::resolveCredentials;
            chain.add(kept);
        }
        String key = env.getOrDefault("AWS_ACCESS_KEY_ID", env.getOrDefault("AWS_ACCESS_KEY", ""));
        String secret = env.getOrDefault("AWS_SECRET_ACCESS_KEY", env.getOrDefault("AWS_SECRET_KEY", ""));
        if (!key.isEmpty() && !secret.isEmpty()) {
            String token = env.getOrDefault("AWS_SESSION_TOKEN", "");
            chain.add(StaticCredentialsProvider.create(token.isEmpty() ? AwsBasicCredentials.create(key, secret)
                    : AwsSessionCredentials.create(key, secret, token)));
        }
        WebIdentityCredentials webIdentity = WebIdentityCredentials.of(env);
        if (webIdentity != null) {
            chain.add(webIdentity);
        }
        if (shared != null) {
            chain.add(profile(shared, env.getOrDefault("AWS_PROFILE", "default")));
        }
    }

    private static AwsCredentialsProvider profile(Path file, String name) {
        return ProfileCredentialsProvider.builder()
                .profileFile(ProfileFile.builder().content(file).type(ProfileFile.Type.CREDENTIALS).build())
                .profileName(name).build();
    }

    /** {@code shared_credentials_file}, {@code AWS_SHARED_CREDENTIALS_FILE} or {@code ~/.aws/credentials}. */
    private static Path sharedCredentialsFile(String configured, Map<String, String> env) {
        String file = configured;
        if (file.isEmpty()) {
            file = env.getOrDefault("AWS_SHARED_CREDENTIALS_FILE", "");
        }
        if (file.isEmpty() && env.containsKey("HOME")) {
            file = env.get("HOME") + "/.aws/credentials";
        }
        if (file.isEmpty()) {
            return null;
        }
        Path p = Path.of(LocalFiles.expandUser(file, env));
        return Files.isRegularFile(p) ? p : null;
    }

    /**
     * Packer's credential check ({@code skip_credential_validation} turns it off): the credentials resolve before
     * the build makes anything, or the error says where credentials come from; null when they resolve.
     */
    public String credentialsError() {
        try {
            credentials.resolveCredentials();
            return null;
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            return "No valid credential sources found for AWS Builder. Please see"
                    + " https://www.packer.io/docs/builders/amazon#authentication for more information on providing"
                    + " credentials for the AWS Builder. Error: " + e.getMessage();
        }
    }

    /** {@code custom_endpoint_ec2}, or empty for the default endpoint. */
    public String ec2Endpoint() {
        return ec2Endpoint;
    }

    public String region() {
        return region;
    }

    /** The credentials, looked up in order when first used. */
    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    public Polling polling() {
        return polling;
    }

    /** An EC2 client of {@code inRegion}; the caller closes it. */
    public Ec2Client ec2(String inRegion) {
        var b = Ec2Client.builder();
        configure(b, inRegion, ec2Endpoint.isEmpty() ? endpoint("EC2") : ec2Endpoint);
        return b.build();
    }

    /** An SSM client of the region, for {@code amazon-parameterstore}; the caller closes it. */
    public software.amazon.awssdk.services.ssm.SsmClient ssm() {
        var b = software.amazon.awssdk.services.ssm.SsmClient.builder();
        configure(b, region, endpoint("SSM"));
        return b.build();
    }

    /**
     * An IAM client, for instance profiles; the caller closes it. Its endpoint is {@code AWS_ENDPOINT_URL_IAM} (or
     * {@code AWS_ENDPOINT_URL}), else {@code custom_endpoint_ec2}, as in packer 1.6.6, where that endpoint served every
     * service of the build.
     */
    public software.amazon.awssdk.services.iam.IamClient iam() {
        var b = software.amazon.awssdk.services.iam.IamClient.builder();
        String endpoint = endpoint("IAM");
        configure(b, region, endpoint.isEmpty() ? ec2Endpoint : endpoint);
        return b.build();
    }

    /** An ECR client of the region (the docker builder's and docker-push's {@code ecr_login}); the caller closes it. */
    public software.amazon.awssdk.services.ecr.EcrClient ecr() {
        var b = software.amazon.awssdk.services.ecr.EcrClient.builder();
        configure(b, region, endpoint("ECR"));
        return b.build();
    }

    /** A Secrets Manager client of the region; the caller closes it. */
    public software.amazon.awssdk.services.secretsmanager.SecretsManagerClient secretsManager() {
        var b = software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder();
        configure(b, region, endpoint("SECRETS_MANAGER"));
        return b.build();
    }

    /**
     * The endpoint the run's environment sets for a service, as the AWS SDKs' service-specific endpoint variables:
     * {@code AWS_ENDPOINT_URL_<SERVICE>}, else {@code AWS_ENDPOINT_URL}; empty for AWS's own.
     */
    private String endpoint(String service) {
        String specific = env.getOrDefault("AWS_ENDPOINT_URL_" + service, "");
        return specific.isEmpty() ? env.getOrDefault("AWS_ENDPOINT_URL", "") : specific;
    }

    /** Every client the same way: the shared HTTP client, the region, the credentials, retries, the endpoint. */
    private <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>
            & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>> void configure(B b,
            String inRegion, String endpoint) {
        b.httpClient(http);
        b.region(Region.of(inRegion)).credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .addExecutionInterceptor(new ApiCallLog())
                        .retryStrategy(maxRetries > 0
                                ? AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxRetries + 1)
                                        .build()
                                : AwsRetryStrategy.standardRetryStrategy())
                        .build());
        if (!endpoint.isEmpty()) {
            b.endpointOverride(URI.create(endpoint.contains("://") ? endpoint : "https://" + endpoint));
        }
    }

    /** Logs the API calls of the clients made from now on to {@code debugLog} (see {@link DebugLog}). */
    public AwsAccess logTo(DebugLog debugLog) {
        this.log = debugLog;
        return this;
    }

    /**
     * The debug log's lines for an API call: each retry with the reason the attempt before it failed, and the call's
     * end with its duration (and its failure).
     */
    private final class ApiCallLog implements software.amazon.awssdk.core.interceptor.ExecutionInterceptor {

        private static final software.amazon.awssdk.core.interceptor.ExecutionAttribute<Long> STARTED =
                new software.amazon.awssdk.core.interceptor.ExecutionAttribute<>("pkrj.started");
        private static final software.amazon.awssdk.core.interceptor.ExecutionAttribute<Integer> ATTEMPT =
                new software.amazon.awssdk.core.interceptor.ExecutionAttribute<>("pkrj.attempt");

        @Override
        public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                    software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            attributes.putAttribute(STARTED, System.nanoTime());
            attributes.putAttribute(ATTEMPT, 0);
        }

        @Override
        public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission context,
                                       software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            int attempt = attributes.getAttribute(ATTEMPT) + 1;
            attributes.putAttribute(ATTEMPT, attempt);
            if (attempt > 1) {
                log.log("[INFO] AWS " + call(attributes) + ": retrying, attempt " + attempt);
            }
        }

        @Override
        public void afterTransmission(software.amazon.awssdk.core.interceptor.Context.AfterTransmission context,
                                      software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            int status = context.httpResponse().statusCode();
            if (status >= 400) {
                log.log("[WARN] AWS " + call(attributes) + ": attempt " + attributes.getAttribute(ATTEMPT)
                        + " answered HTTP " + status);
            }
        }

        @Override
        public void afterExecution(software.amazon.awssdk.core.interceptor.Context.AfterExecution context,
                                   software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            log.log("[INFO] AWS " + call(attributes) + " took " + took(attributes) + " ms (HTTP "
                    + context.httpResponse().statusCode() + ")");
        }

        @Override
        public void onExecutionFailure(software.amazon.awssdk.core.interceptor.Context.FailedExecution context,
                                       software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            log.log("[WARN] AWS " + call(attributes) + " failed after " + took(attributes) + " ms: "
                    + context.exception().getMessage());
        }

        private static String call(software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            Region region = attributes.getAttribute(software.amazon.awssdk.awscore.AwsExecutionAttribute.AWS_REGION);
            return attributes.getAttribute(software.amazon.awssdk.core.interceptor.SdkExecutionAttribute.SERVICE_NAME)
                    + "." + attributes.getAttribute(
                    software.amazon.awssdk.core.interceptor.SdkExecutionAttribute.OPERATION_NAME)
                    + (region == null ? "" : " (" + region.id() + ")");
        }

        private static long took(software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            Long started = attributes.getAttribute(STARTED);
            return started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
        }
    }

    @Override
    public void close() {
        if (sts != null) {
            sts.close();
        }
        if (credentials instanceof software.amazon.awssdk.utils.SdkAutoCloseable c) {
            // The chain closes what it holds: a web identity's STS client among them.
            c.close();
        }
        http.close();
    }
}
