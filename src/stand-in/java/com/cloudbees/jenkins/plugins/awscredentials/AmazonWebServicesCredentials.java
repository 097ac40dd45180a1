package com.cloudbees.jenkins.plugins.awscredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Mirrors aws-credentials {@code AmazonWebServicesCredentials}: AWS keys (or a role to assume) as Jenkins
 * credentials, an AWS SDK v2 {@link AwsCredentialsProvider} whose {@code resolveCredentials()} gives basic keys, the
 * assumed role's session keys, or null when the keys are blank (the instance's role). The real interface also
 * extends SDK v1's {@code AWSCredentialsProvider}, which the plugin does not use.
 */
public interface AmazonWebServicesCredentials extends StandardCredentials, AwsCredentialsProvider {

    String getDisplayName();

    AwsCredentials resolveCredentials(String mfaToken);
}
