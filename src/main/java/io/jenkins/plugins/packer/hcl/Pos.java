package io.jenkins.plugins.packer.hcl;

/**
 * A position in a source file: 1-based line and column (columns count characters, not bytes) and the 0-based byte
 * offset, as HCL reports them.
 */
public record Pos(int line, int column, int byteOffset) implements Comparable<Pos> {

    public static final Pos START = new Pos(1, 1, 0);

    @Override
    public int compareTo(Pos o) {
        return Integer.compare(byteOffset, o.byteOffset);
    }
}
