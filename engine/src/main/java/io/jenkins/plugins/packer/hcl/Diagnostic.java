package io.jenkins.plugins.packer.hcl;

/**
 * A problem found in user input, reported rather than thrown: a short summary, a detail for the person at the
 * keyboard, the exact offending text ({@code subject}) and optionally the construct around it ({@code context}).
 */
public record Diagnostic(Severity severity, String summary, String detail, Range subject, Range context) {

    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(String summary, String detail, Range subject) {
        return new Diagnostic(Severity.ERROR, summary, detail, subject, null);
    }

    public static Diagnostic error(String summary, String detail, Range subject, Range context) {
        return new Diagnostic(Severity.ERROR, summary, detail, subject, context);
    }

    public static Diagnostic warning(String summary, String detail, Range subject) {
        return new Diagnostic(Severity.WARNING, summary, detail, subject, null);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
