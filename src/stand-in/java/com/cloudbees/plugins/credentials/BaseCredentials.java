package com.cloudbees.plugins.credentials;

/** Mirrors credentials-plugin {@code BaseCredentials}: credentials with a scope. */
public class BaseCredentials implements Credentials {

    private final CredentialsScope scope;

    public BaseCredentials(CredentialsScope scope) {
        this.scope = scope;
    }

    public CredentialsScope getScope() {
        return scope;
    }
}
