package io.jenkins.plugins.packer.function;

/**
 * A function call failed. With an argument index it is cty's ArgError, which HCL reports as "Invalid function
 * argument" pointing at that argument; without one it becomes "Error in function call". The message is cty's, without
 * a final period (HCL adds it).
 */
public final class FunctionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int argIndex;

    public FunctionException(String message) {
        this(-1, message);
    }

    public FunctionException(int argIndex, String message) {
        super(message, null, false, false);
        this.argIndex = argIndex;
    }

    /** The index of the offending argument, or -1 when the failure is not about one argument. */
    public int argIndex() {
        return argIndex;
    }

    public boolean isArgError() {
        return argIndex >= 0;
    }
}
