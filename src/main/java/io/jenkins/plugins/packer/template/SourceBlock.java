package io.jenkins.plugins.packer.template;

import io.jenkins.plugins.packer.hcl.ast.Block;

/** A top-level {@code source "TYPE" "NAME" { … }} block: a builder and its configuration. */
public record SourceBlock(String type, String name, Block block) {

    public SourceRef ref() {
        return new SourceRef(type, name);
    }
}
