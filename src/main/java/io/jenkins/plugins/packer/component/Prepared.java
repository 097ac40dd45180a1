package io.jenkins.plugins.packer.component;

import java.util.List;

/**
 * The outcome of a component's Prepare: its warnings, and the error text Packer's Go code would return (null when
 * the configuration is valid). The text is Go's {@code err.Error()}: Packer prints it as it is.
 */
public record Prepared(List<String> warnings, String error) {

    public static final Prepared OK = new Prepared(List.of(), null);

    public Prepared {
        warnings = List.copyOf(warnings);
    }

    public static Prepared of(MultiError errors) {
        return new Prepared(List.of(), errors.error());
    }

    public static Prepared error(String error) {
        return new Prepared(List.of(), error);
    }

    public boolean ok() {
        return error == null;
    }
}
