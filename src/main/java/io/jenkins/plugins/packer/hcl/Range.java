package io.jenkins.plugins.packer.hcl;

/** A span of source text in one file; {@code end} is exclusive. */
public record Range(String filename, Pos start, Pos end) {

    public static Range between(Range from, Range to) {
        return new Range(from.filename, from.start, to.end);
    }

    public static Range at(String filename, Pos pos) {
        return new Range(filename, pos, pos);
    }

    public boolean isEmpty() {
        return start.byteOffset() == end.byteOffset();
    }

    /** The empty range just before this one, as HCL uses for "missing X" messages. */
    public Range startRange() {
        return new Range(filename, start, start);
    }

    public Range endRange() {
        return new Range(filename, end, end);
    }

    public boolean contains(Pos p) {
        return p.byteOffset() >= start.byteOffset() && p.byteOffset() < end.byteOffset();
    }

    @Override
    public String toString() {
        return filename + ":" + start.line() + "," + start.column() + "-"
                + (end.line() == start.line() ? "" : end.line() + ",") + end.column();
    }
}
