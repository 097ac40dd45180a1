package io.jenkins.plugins.packer.value;

/**
 * An operator's operands were suitable but the operation itself failed (a null operand, zero
 * divided by zero...); HCL reports it as "Operation failed".
 */
public final class OperationException extends ValueException {

    private static final long serialVersionUID = 1L;

    /** HCL's diagnostic summary. */
    public static final String SUMMARY = "Operation failed";

    public OperationException(String message) {
        super(message);
    }

    /** HCL's diagnostic detail: "Error during operation: argument must not be null." */
    public String detail() {
        return "Error during operation: " + getMessage() + ".";
    }
}
