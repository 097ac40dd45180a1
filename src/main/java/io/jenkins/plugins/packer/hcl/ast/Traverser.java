package io.jenkins.plugins.packer.hcl.ast;

import io.jenkins.plugins.packer.hcl.Range;
import io.jenkins.plugins.packer.value.Value;

/** One step of a static traversal such as {@code var.list[0].name}. */
public sealed interface Traverser {

    Range range();

    record Root(String name, Range range) implements Traverser {}

    record Attr(String name, Range range) implements Traverser {}

    record Index(Value key, Range range) implements Traverser {}
}
