package hudson.util;

import java.io.IOException;

/**
 * Mirrors jenkins-core {@code hudson.util.FormValidation}: what a {@code doCheck…} web method answers to a form field.
 * The real class also implements Stapler's HttpResponse, which the plugin does not use.
 */
public abstract class FormValidation extends IOException {

    /** The stand-in's kinds of answer. */
    public enum Kind { OK, WARNING, ERROR }

    public final Kind kind;

    FormValidation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static FormValidation ok() {
        return new FormValidation(Kind.OK, null) {
            private static final long serialVersionUID = 1L;
        };
    }

    public static FormValidation error(String message) {
        return new FormValidation(Kind.ERROR, message) {
            private static final long serialVersionUID = 1L;
        };
    }

    public static FormValidation warning(String message) {
        return new FormValidation(Kind.WARNING, message) {
            private static final long serialVersionUID = 1L;
        };
    }
}
