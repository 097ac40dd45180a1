package com.cloudbees.plugins.credentials.common;

/** Mirrors credentials-plugin {@code UsernamePasswordCredentials}: a user name and its password. */
public interface UsernamePasswordCredentials extends UsernameCredentials, PasswordCredentials {
}
