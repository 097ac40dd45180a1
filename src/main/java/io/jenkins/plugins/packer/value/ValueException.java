package io.jenkins.plugins.packer.value;

/**
 * A failure of an operation on values, carrying the message cty or HCL would give; callers turn
 * it into a diagnostic. The message never includes a value, so it cannot leak a sensitive one.
 */
public class ValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ValueException(String message) {
        super(message, null, false, false);
    }
}
