package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;

/** Mirrors credentials-plugin {@code IdCredentials}: credentials with an id. */
public interface IdCredentials extends Credentials {
    String getId();
}
