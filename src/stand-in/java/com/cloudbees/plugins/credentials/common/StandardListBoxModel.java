package com.cloudbees.plugins.credentials.common;

/** Mirrors credentials-plugin {@code StandardListBoxModel}: the drop-down of standard credentials. */
public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {

}
