package com.cloudbees.plugins.credentials.common;

/** Mirrors credentials-plugin {@code StandardCredentials} (members unused). */
public interface StandardCredentials extends IdCredentials {
}
