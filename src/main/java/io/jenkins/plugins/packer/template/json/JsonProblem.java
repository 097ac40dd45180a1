package io.jenkins.plugins.packer.template.json;

/**
 * One error packer 1.6.6 reports about a JSON template or variables file: its message in packer's words and where
 * the offending value or key starts ({@link JsonPosition#START} when it concerns the whole document).
 */
public record JsonProblem(String message, JsonPosition position) {}
