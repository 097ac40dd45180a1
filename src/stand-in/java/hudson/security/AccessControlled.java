package hudson.security;

/** Mirrors jenkins-core {@code hudson.security.AccessControlled}: an object with an ACL. */
public interface AccessControlled {

    ACL getACL();

    default boolean hasPermission(Permission permission) {
        return getACL().hasPermission(permission);
    }
}
