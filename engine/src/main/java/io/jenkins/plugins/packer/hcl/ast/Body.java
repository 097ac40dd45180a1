package io.jenkins.plugins.packer.hcl.ast;

import io.jenkins.plugins.packer.hcl.Range;
import java.util.List;
import java.util.Map;

/** The content of a file or block: attributes by name (in source order) and blocks in source order. */
public record Body(Map<String, Attribute> attributes, List<Block> blocks, Range range, Range endRange) {}
