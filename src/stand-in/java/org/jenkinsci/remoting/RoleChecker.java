package org.jenkinsci.remoting;

/** Mirrors remoting's {@code org.jenkinsci.remoting.RoleChecker} (members unused). */
public abstract class RoleChecker {
}
