package com.cloudbees.plugins.credentials.common;

/** Mirrors credentials-plugin {@code StandardUsernameCredentials}. */
public interface StandardUsernameCredentials extends StandardCredentials, UsernameCredentials {
}
