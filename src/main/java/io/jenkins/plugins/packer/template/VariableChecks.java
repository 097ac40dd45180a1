package io.jenkins.plugins.packer.template;

import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.EvalContext;
import io.jenkins.plugins.packer.hcl.Evaluator;
import io.jenkins.plugins.packer.hcl.Range;
import io.jenkins.plugins.packer.value.ConversionException;
import io.jenkins.plugins.packer.value.Convert;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.util.List;
import java.util.Map;

/**
 * The checks Packer makes on input variables when it initializes a configuration: every variable needs a value, and
 * the value that won must pass the variable's {@code validation} rules. See
 * <a href="https://developer.hashicorp.com/packer/docs/templates/hcl_templates/variables#custom-validation-rules">
 * custom validation rules</a>.
 */
public final class VariableChecks {

    private VariableChecks() {
    }

    /** Checks every input variable of {@code cfg}, in name order. */
    public static void check(HclConfig cfg, Diagnostics diags) {
        // One context for every rule (made once: making it takes every variable).
        EvalContext base = cfg.evalContext();
        for (Variable v : cfg.inputVariables().values()) {
            if (!v.isSet()) {
                diags.add(v.unsetError());
                continue;
            }
            validate(base, v, diags);
        }
    }

    private static void validate(EvalContext base, Variable v, Diagnostics diags) {
        if (v.validations().isEmpty()) {
            return;
        }
        List<Variable.Assignment> values = v.values();
        Variable.Assignment winner = values.get(values.size() - 1);
        // A rule sees only its own variable.
        EvalContext ctx = base.child(Map.of("var", Value.object(Map.of(v.name(), v.value()))));
        for (VariableValidation rule : v.validations()) {
            if (rule.condition() == null) {
                continue;
            }
            Value result = Evaluator.evaluate(rule.condition(), ctx, diags);
            if (!result.isKnown()) {
                continue;
            }
            Range at = rule.condition().range();
            if (result.isNull()) {
                diags.add(Evaluator.withValues(Diagnostic.error("Invalid variable validation result",
                        "Validation condition expression must return either true or false, not null.", at),
                        rule.condition(), ctx));
                continue;
            }
            try {
                result = Convert.convert(result.unmark(), Type.BOOL);
            } catch (ConversionException e) {
                diags.add(Evaluator.withValues(Diagnostic.error("Invalid variable validation result",
                        "Invalid validation condition result value: " + e.getMessage() + ".", at),
                        rule.condition(), ctx));
                continue;
            }
            if (!result.asBool()) {
                Range subject = winner.expr() != null ? winner.expr().range() : rule.declRange();
                diags.error("Invalid value for " + winner.from() + " variable", rule.errorMessage()
                        + "\n\nThis was checked by the validation rule at " + rule.declRange() + ".", subject);
            }
        }
    }
}
