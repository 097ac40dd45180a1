package io.jenkins.plugins.packer.hcl;

import java.util.List;

/**
 * A problem found in user input, reported rather than thrown: a short summary, a detail for the person at the
 * keyboard, the exact offending text ({@code subject}), optionally the construct around it ({@code context}) and the
 * values of the variables the failing expression used ({@code with x as "a"}), as HCL prints them.
 */
public record Diagnostic(Severity severity, String summary, String detail, Range subject, Range context,
                         List<String> exprValues) {

    public enum Severity { ERROR, WARNING }

    public Diagnostic {
        exprValues = exprValues == null ? List.of() : List.copyOf(exprValues);
    }

    public static Diagnostic error(String summary, String detail, Range subject) {
        return new Diagnostic(Severity.ERROR, summary, detail, subject, null, null);
    }

    public static Diagnostic error(String summary, String detail, Range subject, Range context) {
        return new Diagnostic(Severity.ERROR, summary, detail, subject, context, null);
    }

    public static Diagnostic warning(String summary, String detail, Range subject) {
        return new Diagnostic(Severity.WARNING, summary, detail, subject, null, null);
    }

    public Diagnostic withExprValues(List<String> values) {
        return new Diagnostic(severity, summary, detail, subject, context, values);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
