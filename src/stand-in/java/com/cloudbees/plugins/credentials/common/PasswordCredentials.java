package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import hudson.util.Secret;

/** Mirrors credentials-plugin {@code PasswordCredentials}: credentials with a password. */
public interface PasswordCredentials extends Credentials {
    Secret getPassword();
}
