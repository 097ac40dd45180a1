package io.jenkins.plugins.packer.gotemplate;

/** A Go template that did not parse or execute; the message is Go's, as {@code hcl2_upgrade} prints it. */
public final class GoTemplateException extends Exception {

    private static final long serialVersionUID = 1L;

    public GoTemplateException(String message) {
        super(message, null, false, false);
    }
}
