package com.cloudbees.plugins.credentials.impl;

import com.cloudbees.plugins.credentials.BaseCredentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;

/** Mirrors credentials-plugin {@code BaseStandardCredentials}: credentials with a scope, an id and a description. */
public abstract class BaseStandardCredentials extends BaseCredentials implements StandardCredentials {

    private final String id;
    private final String description;

    public BaseStandardCredentials(CredentialsScope scope, String id, String description) {
        super(scope);
        this.id = id == null || id.isEmpty() ? java.util.UUID.randomUUID().toString() : id;
        this.description = description == null ? "" : description;
    }

    public String getDescription() {
        return description;
    }

    public String getId() {
        return id;
    }
}
