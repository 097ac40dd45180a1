package io.jenkins.plugins.packer.jenkins;

import hudson.model.Item;
import hudson.util.FormValidation;
import java.util.List;

/**
 * The form fields' checks. They read nothing on the controller (the template lives on the agent), and answer only
 * those who may configure the job.
 */
final class FormChecks {

    private FormChecks() {
    }

    /** The template path as the steps take it: required, relative to the workspace, not leaving it. */
    static FormValidation template(Item item, String value) {
        if (item != null && !item.hasPermission(Item.CONFIGURE)) {
            return FormValidation.ok();
        }
        String problem = WorkspacePaths.problem("template", value);
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }

    /** Nothing to say: to one who may not configure the job, or of an empty field (the default). */
    private static boolean unchecked(Item item, String value) {
        return item != null && !item.hasPermission(Item.CONFIGURE) || value == null || value.isBlank();
    }

    /** What a build does when it fails: empty (cleanup) or one of the modes a Jenkins build can run. */
    static FormValidation onError(Item item, String value) {
        if (unchecked(item, value)) {
            return FormValidation.ok();
        }
        return BuildRequest.ON_ERROR.contains(value.strip()) ? FormValidation.ok()
                : FormValidation.error(Texts.get(value.strip().equals("ask") ? "FormChecks.onErrorAsk"
                        : "FormChecks.onError", String.join(", ", BuildRequest.ON_ERROR)));
    }

    /** A count that may be 0 or more: {@code parallelBuilds}, {@code archiveLimitMegabytes}. */
    static FormValidation zeroOrMore(Item item, String name, String value) {
        if (unchecked(item, value)) {
            return FormValidation.ok();
        }
        try {
            if (Integer.parseInt(value.strip()) >= 0) {
                return FormValidation.ok();
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        return FormValidation.error(Texts.get("FormChecks.zeroOrMore", name));
    }

    /** A duration as Go writes them: {@code 2h}, {@code 90m}. */
    static FormValidation duration(Item item, String value) {
        if (unchecked(item, value)) {
            return FormValidation.ok();
        }
        try {
            io.jenkins.plugins.packer.template.GoDuration.parse(value.strip());
            return FormValidation.ok();
        } catch (io.jenkins.plugins.packer.template.GoDuration.InvalidDuration e) {
            return FormValidation.error(Texts.get("FormChecks.duration", e.getMessage()));
        }
    }

    /** AWS regions separated by commas; a name that does not look like one is a warning (new regions appear). */
    static FormValidation regions(Item item, String value) {
        if (unchecked(item, value)) {
            return FormValidation.ok();
        }
        List<String> odd = new java.util.ArrayList<>();
        for (String r : value.split("\\s*,\\s*")) {
            if (!r.strip().matches("[a-z]{2}(-[a-z]+)+-[0-9]+")) {
                odd.add(r.strip());
            }
        }
        return odd.isEmpty() ? FormValidation.ok()
                : FormValidation.warning(Texts.get("FormChecks.regions", String.join(", ", odd)));
    }

    /** Variables, one {@code name=value} per line. */
    static FormValidation variables(Item item, String value) {
        if (unchecked(item, value)) {
            return FormValidation.ok();
        }
        List<String> problems = new java.util.ArrayList<>();
        StepArguments.variables(null, value, problems);
        return problems.isEmpty() ? FormValidation.ok() : FormValidation.error(String.join("\n", problems));
    }

    /** Var-files, one path per line, each inside the workspace. */
    static FormValidation variableFiles(Item item, String value) {
        if (unchecked(item, value)) {
            return FormValidation.ok();
        }
        List<String> problems = new java.util.ArrayList<>();
        StepArguments.varFiles(null, value, problems);
        return problems.isEmpty() ? FormValidation.ok() : FormValidation.error(String.join("\n", problems));
    }
}
