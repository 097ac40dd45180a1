package io.jenkins.plugins.packer.jenkins;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What validation on the agent found, brought back to the controller: whether the template is valid, the text Packer
 * would print (every diagnostic, rendered with its file and line, or a legacy JSON template's message), and the
 * warnings as the maps the step returns to Groovy; or why the agent refused to read the template at all.
 */
record ValidateOutcome(String template, boolean valid, boolean syntaxOnly, String output,
                       List<Map<String, Object>> warnings, String refusal) implements Serializable {

    private static final long serialVersionUID = 1L;

    static final String VALID = "The configuration is valid.";

    ValidateOutcome {
        List<Map<String, Object>> copies = new ArrayList<>();
        for (Map<String, Object> w : warnings) {
            copies.add(new LinkedHashMap<>(w));
        }
        warnings = copies;
    }

    /**
     * The build log's text for a valid template: its warnings, then Packer's closing line (syntax-only output
     * already ends with one).
     */
    String logText() {
        if (syntaxOnly) {
            return output;
        }
        return output + VALID + "\n";
    }

    /** A template the agent would not read, because it or a var-file leads out of the workspace. */
    static ValidateOutcome refused(String template, String why) {
        return new ValidateOutcome(template, false, false, "", List.of(), why);
    }

    /** The step's error for an invalid template: which template, then everything Packer would have printed. */
    String failureMessage() {
        if (refusal != null) {
            return refusal;
        }
        return template + " is not valid:\n\n" + output.stripTrailing();
    }

    /** The step's result: a list Groovy can keep across a restart (plain, serializable, whitelisted types). */
    ArrayList<Map<String, Object>> result() {
        ArrayList<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> w : warnings) {
            out.add(new LinkedHashMap<>(w));
        }
        return out;
    }
}
