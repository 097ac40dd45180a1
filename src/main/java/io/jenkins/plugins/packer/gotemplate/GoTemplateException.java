package io.jenkins.plugins.packer.gotemplate;

/** A Go template that did not parse or execute; the message is Go's, as {@code hcl2_upgrade} prints it. */
public final class GoTemplateException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean parse;

    public GoTemplateException(String message) {
        this(message, false);
    }

    GoTemplateException(String message, boolean parse) {
        super(message, null, false, false);
        this.parse = parse;
    }

    /** Whether the template did not parse (rather than failed while it ran): Packer words the two differently. */
    public boolean isParseError() {
        return parse;
    }
}
