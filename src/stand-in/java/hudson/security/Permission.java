package hudson.security;

/** Mirrors jenkins-core {@code hudson.security.Permission}: a permission such as Item/Configure. */
public final class Permission {

    private String id;

    /** The permission of this id ({@code hudson.model.Item.Configure}); the stand-in makes one for any id. */
    public static Permission fromId(String id) {
        Permission p = new Permission();
        p.id = id;
        return p;
    }

    @Override
    public String toString() {
        return "Permission[" + id + "]";
    }
}
