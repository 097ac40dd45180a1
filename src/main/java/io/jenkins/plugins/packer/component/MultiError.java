package io.jenkins.plugins.packer.component;

import java.util.ArrayList;
import java.util.List;

/**
 * Errors gathered by a Prepare, printed as Packer's SDK {@code MultiError} prints them: {@code N error(s) occurred:},
 * a blank line, then one {@code * message} line per error.
 */
public final class MultiError {

    private final List<String> errors = new ArrayList<>();

    public MultiError add(String message) {
        errors.add(message);
        return this;
    }

    public MultiError addAll(List<String> messages) {
        errors.addAll(messages);
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** The error text, or null when there is no error. */
    public String error() {
        if (errors.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder().append(errors.size()).append(" error(s) occurred:\n\n");
        for (int i = 0; i < errors.size(); i++) {
            sb.append(i == 0 ? "" : "\n").append("* ").append(errors.get(i));
        }
        return sb.toString();
    }
}
