package io.jenkins.plugins.packer.template;

/** A reference to a source block, {@code source.TYPE.NAME}, as builds list them. */
public record SourceRef(String type, String name) {

    /** Parses {@code source.TYPE.NAME}; null when the text is not of that form. */
    public static SourceRef parse(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals("source")) {
            return null;
        }
        return new SourceRef(parts[1], parts[2]);
    }

    @Override
    public String toString() {
        return type + "." + name;
    }
}
