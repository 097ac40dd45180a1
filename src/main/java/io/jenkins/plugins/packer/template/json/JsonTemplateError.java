package io.jenkins.plugins.packer.template.json;

import java.util.List;

/**
 * Why packer 1.6.6 refuses to parse a JSON template: {@code message} is the text it prints after
 * {@code Failed to parse template: } (one error, or packer's numbered list of them), {@code problems} the same
 * errors one by one with their positions.
 */
public record JsonTemplateError(String message, List<JsonProblem> problems) {

    public JsonTemplateError {
        problems = List.copyOf(problems);
    }

    static JsonTemplateError single(JsonProblem problem) {
        return new JsonTemplateError(problem.message(), List.of(problem));
    }

    /** Several independent errors, listed as go-multierror lists them. */
    static JsonTemplateError list(List<JsonProblem> problems) {
        return new JsonTemplateError(GoText.multiError(problems.stream().map(JsonProblem::message).toList()),
                problems);
    }
}
