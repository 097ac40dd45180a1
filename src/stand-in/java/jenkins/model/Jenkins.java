package jenkins.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/** Mirrors jenkins-core {@code jenkins.model.Jenkins}: the controller, for its Overall/Administer permission. */
public class Jenkins implements AccessControlled {

    public static final Permission ADMINISTER = Permission.fromId("hudson.model.Hudson.Administer");

    @Override
    public hudson.security.ACL getACL() {
        throw new IllegalStateException("Jenkins API stand-in: no Jenkins runs here");
    }

    public static Jenkins get() {
        throw new IllegalStateException("Jenkins API stand-in: no Jenkins runs here");
    }

    /** Null: no Jenkins runs here. */
    public static Jenkins getInstanceOrNull() {
        return null;
    }

    public hudson.model.FingerprintMap getFingerprintMap() {
        throw new IllegalStateException("Jenkins API stand-in: no Jenkins runs here");
    }

    public hudson.ProxyConfiguration getProxy() {
        return null;
    }
}
