package com.cloudbees.plugins.credentials;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import java.io.Serializable;

/** Mirrors credentials-plugin {@code com.cloudbees.plugins.credentials.Credentials} (members unused). */
public interface Credentials extends Describable<Credentials>, Serializable, ExtensionPoint {
}
