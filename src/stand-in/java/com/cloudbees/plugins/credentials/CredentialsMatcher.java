package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** Mirrors credentials-plugin {@code CredentialsMatcher}: which credentials a list takes. */
public interface CredentialsMatcher extends Serializable {

    boolean matches(Credentials item);
}
