package io.jenkins.plugins.packer.jenkins;

import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.ops.Validate;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code packerValidate}'s work on the agent, without Jenkins types: {@code packer validate} on a template in the
 * workspace, with the template's file functions confined to the workspace.
 */
final class PackerValidation {

    private PackerValidation() {
    }

    /** Validates the request's template in {@code workspace}, unless it or a var-file leads out of it. */
    static ValidateOutcome validate(Path workspace, ValidateRequest req, Clock clock) throws IOException {
        Path root = WorkspacePaths.root(workspace, req.env());
        try {
            WorkspacePaths.confine(root, workspace, "template", req.template());
            for (String f : req.varFiles()) {
                WorkspacePaths.confine(root, workspace, "each of varFiles", f);
            }
        } catch (IllegalArgumentException e) {
            return ValidateOutcome.refused(req.template(), e.getMessage());
        }
        LoadRequest load = new LoadRequest(workspace, req.template(), req.varFiles(), req.vars(), req.env(), clock,
                root);
        Validate.Result r = Validate.run(load, req.syntaxOnly(), req.only(), req.except());
        List<Map<String, Object>> warnings = new ArrayList<>();
        for (Diagnostic d : r.diagnostics()) {
            if (!d.isError()) {
                warnings.add(warning(d));
            }
        }
        return new ValidateOutcome(req.template(), r.exitCode() == 0, req.syntaxOnly(), r.text(), warnings, null);
    }

    /** A warning as Groovy sees it: summary and detail, and where it points when it points somewhere. */
    static Map<String, Object> warning(Diagnostic d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("summary", d.summary());
        m.put("detail", d.detail() == null ? "" : d.detail());
        if (d.subject() != null) {
            m.put("file", d.subject().filename());
            m.put("line", d.subject().start().line());
        }
        return m;
    }
}
