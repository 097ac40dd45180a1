package io.jenkins.plugins.packer.hcl.ast;

import io.jenkins.plugins.packer.hcl.Range;

/** {@code name = expression}. */
public record Attribute(String name, Expression expr, Range range, Range nameRange, Range equalsRange) {}
