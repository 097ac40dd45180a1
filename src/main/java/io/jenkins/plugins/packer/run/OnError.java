package io.jenkins.plugins.packer.run;

/** {@code -on-error}: what a failed build does with what it created. */
public enum OnError {
    CLEANUP("cleanup"), ABORT("abort"), ASK("ask"), RUN_CLEANUP_PROVISIONER("run-cleanup-provisioner");

    private final String flag;

    OnError(String flag) {
        this.flag = flag;
    }

    public String flag() {
        return flag;
    }

    /** The mode a flag value names, or null. */
    public static OnError parse(String value) {
        for (OnError e : values()) {
            if (e.flag.equals(value)) {
                return e;
            }
        }
        return null;
    }
}
