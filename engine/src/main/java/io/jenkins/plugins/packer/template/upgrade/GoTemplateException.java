package io.jenkins.plugins.packer.template.upgrade;

/** A Go template that did not parse or execute; the message is Go's, as {@code hcl2_upgrade} prints it. */
final class GoTemplateException extends Exception {

    private static final long serialVersionUID = 1L;

    GoTemplateException(String message) {
        super(message, null, false, false);
    }
}
