package io.jenkins.plugins.packer.template;

/** A reference to a source block, {@code source.TYPE.NAME}, as builds list them. */
public record SourceRef(String type, String name) {

    /** Packer's {@code NoSource}: what a build-level source block whose label is not a reference refers to. */
    public static final SourceRef NONE = new SourceRef("", "");

    /**
     * Parses {@code source.TYPE.NAME}, or the short {@code TYPE.NAME} Packer also accepts; null when there are fewer
     * than two parts. Like Packer, a longer text drops its first part and ignores anything after the third.
     */
    public static SourceRef parse(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length < 2) {
            return null;
        }
        int first = parts.length > 2 ? 1 : 0;
        return new SourceRef(parts[first], parts[first + 1]);
    }

    @Override
    public String toString() {
        return type + "." + name;
    }
}
