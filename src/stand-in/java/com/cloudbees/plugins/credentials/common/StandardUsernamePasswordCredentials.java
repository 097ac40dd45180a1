package com.cloudbees.plugins.credentials.common;

/** Mirrors credentials-plugin {@code StandardUsernamePasswordCredentials}: "Username with password" credentials. */
public interface StandardUsernamePasswordCredentials extends StandardUsernameCredentials,
        UsernamePasswordCredentials {
}
