package io.jenkins.plugins.packer.template;

import io.jenkins.plugins.packer.hcl.Range;
import io.jenkins.plugins.packer.hcl.ast.Body;
import io.jenkins.plugins.packer.value.Value;
import java.time.Duration;
import java.util.List;

/**
 * A {@code provisioner "TYPE" { … }} block: Packer's meta-arguments (name, pause_before, max_retries, timeout,
 * continue_on_error, only, except, override) and the provisioner's own configuration in {@code config}.
 */
public record ProvisionerBlock(String type, String name, Duration pauseBefore, int maxRetries, Duration timeout,
                               boolean continueOnError, List<String> only, List<String> except, Value override,
                               Body config, Range defRange) {}
