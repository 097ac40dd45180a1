package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Run;

/** Mirrors credentials-plugin {@code CredentialsProvider}: looking credentials up and recording their use. */
public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider> {

    /** Credentials/UseItem: who may use the credentials in an item's configuration. */
    public static final hudson.security.Permission USE_ITEM = hudson.security.Permission.fromId(
            "com.cloudbees.plugins.credentials.CredentialsProvider.UseItem");

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run) {
        throw new UnsupportedOperationException("Jenkins API stand-in");
    }

    @SuppressWarnings("rawtypes")
    public static <C extends Credentials> C track(Run build, C credentials) {
        throw new UnsupportedOperationException("Jenkins API stand-in");
    }
}
