package hudson.security;

import org.springframework.security.core.Authentication;

/** Mirrors jenkins-core {@code hudson.security.ACL}: who has which permission; {@link #SYSTEM2} is Jenkins itself. */
public abstract class ACL {

    public static final Authentication SYSTEM2 = new org.springframework.security.authentication
            .UsernamePasswordAuthenticationToken("SYSTEM", "SYSTEM");

    /** Whether the current user has {@code p} (the stand-in asks {@link #hasPermission2} for no particular user). */
    public final boolean hasPermission(Permission p) {
        return hasPermission2(null, p);
    }

    public boolean hasPermission2(Authentication a, Permission permission) {
        throw new AbstractMethodError("implement hasPermission2");
    }
}
