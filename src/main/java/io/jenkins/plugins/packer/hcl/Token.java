package io.jenkins.plugins.packer.hcl;

/** One lexical token: its kind, its exact source text and where it came from. */
public record Token(TokenType type, String text, Range range) {

    public boolean is(TokenType t) {
        return type == t;
    }

    @Override
    public String toString() {
        return type + "(" + text.replace("\n", "\\n") + ")@" + range;
    }
}
