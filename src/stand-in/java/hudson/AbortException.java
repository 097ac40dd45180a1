package hudson;

import java.io.IOException;

/** Mirrors jenkins-core {@code hudson.AbortException}: a failure shown as its message, with no stack trace. */
public class AbortException extends IOException {

    private static final long serialVersionUID = 1L;

    public AbortException(String message) {
        super(message);
    }
}
