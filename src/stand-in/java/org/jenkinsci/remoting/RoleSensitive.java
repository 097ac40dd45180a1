package org.jenkinsci.remoting;

/** Mirrors remoting's {@code org.jenkinsci.remoting.RoleSensitive}: a callable states where it may run. */
public interface RoleSensitive {
    void checkRoles(RoleChecker checker) throws SecurityException;
}
