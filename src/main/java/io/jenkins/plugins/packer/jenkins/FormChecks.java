package io.jenkins.plugins.packer.jenkins;

import hudson.model.Item;
import hudson.util.FormValidation;

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
}
