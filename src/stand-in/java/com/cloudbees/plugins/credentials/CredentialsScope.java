package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** Mirrors credentials-plugin {@code CredentialsScope}: where credentials may be used (members unused). */
public enum CredentialsScope implements Serializable {
    SYSTEM,
    GLOBAL,
    USER
}
