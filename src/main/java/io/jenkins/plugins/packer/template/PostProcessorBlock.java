package io.jenkins.plugins.packer.template;

import io.jenkins.plugins.packer.hcl.Range;
import io.jenkins.plugins.packer.hcl.ast.Body;
import java.util.List;

/**
 * A {@code post-processor "TYPE" { … }} block: meta-arguments (name, only, except, keep_input_artifact, null when
 * unset) and the post-processor's own configuration in {@code config}.
 */
public record PostProcessorBlock(String type, String name, List<String> only, List<String> except,
                                 Boolean keepInputArtifact, Body config, Range defRange) {}
