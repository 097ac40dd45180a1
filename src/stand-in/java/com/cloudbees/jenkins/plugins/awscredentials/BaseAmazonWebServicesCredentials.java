package com.cloudbees.jenkins.plugins.awscredentials;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;

/** Mirrors aws-credentials {@code BaseAmazonWebServicesCredentials}. */
public abstract class BaseAmazonWebServicesCredentials extends BaseStandardCredentials
        implements AmazonWebServicesCredentials {

    public BaseAmazonWebServicesCredentials(CredentialsScope scope, String id, String description) {
        super(scope, id, description);
    }
}
