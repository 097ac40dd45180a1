package jenkins.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/** Mirrors jenkins-core {@code jenkins.model.Jenkins}: the controller, for its Overall/Administer permission. */
public abstract class Jenkins implements AccessControlled {

    public static final Permission ADMINISTER = Permission.standIn("hudson.model.Hudson.Administer");

    public static Jenkins get() {
        throw new IllegalStateException("Jenkins API stand-in: no Jenkins runs here");
    }
}
