package io.jenkins.plugins.packer.template;

import io.jenkins.plugins.packer.hcl.Range;
import io.jenkins.plugins.packer.hcl.ast.Expression;

/** A {@code validation} block of a variable: the condition its value must meet and the message when it does not. */
public record VariableValidation(Expression condition, String errorMessage, Range declRange) {}
