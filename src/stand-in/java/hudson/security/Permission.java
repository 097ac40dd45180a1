package hudson.security;

/** Mirrors jenkins-core {@code hudson.security.Permission}: a permission such as Item/Configure. */
public final class Permission {

    private final String id;

    /** The stand-in's own constructor: the real one takes a permission group and a description. */
    Permission(String id) {
        this.id = id;
    }

    /** The stand-in's permissions, by the id Jenkins shows ({@code hudson.model.Item.Configure}). */
    public static Permission standIn(String id) {
        return new Permission(id);
    }

    @Override
    public String toString() {
        return "Permission[" + id + "]";
    }
}
