package io.jenkins.plugins.packer.template.json;

/**
 * Where a JSON value or key starts in its file: 1-based line and column and 0-based offset, both counted in
 * characters (a byte that is not valid UTF-8 counts as one character, as packer reads it).
 */
public record JsonPosition(int line, int column, long offset) {

    public static final JsonPosition START = new JsonPosition(1, 1, 0);

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
