package io.jenkins.plugins.packer.value;

import java.util.Objects;

/**
 * A mark carried by a {@link Value} through operations and functions, like cty's value marks.
 * The engine uses {@link #SENSITIVE} to keep secrets masked in every output.
 */
public record Mark(String name) {

    /** Set on values of {@code sensitive = true} variables and everything derived from them. */
    public static final Mark SENSITIVE = new Mark("sensitive");

    public Mark {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return name;
    }
}
