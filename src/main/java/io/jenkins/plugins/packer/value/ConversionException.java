package io.jenkins.plugins.packer.value;

/**
 * A value could not be converted to the wanted type; the message is cty convert's, for example
 * "a number is required" or "attribute \"x\" is required".
 */
public final class ConversionException extends ValueException {

    private static final long serialVersionUID = 1L;

    public ConversionException(String message) {
        super(message);
    }
}
