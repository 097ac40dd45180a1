package io.jenkins.plugins.packer.template;

import io.jenkins.plugins.packer.hcl.ast.Body;

/**
 * A build's use of a source: the reference, the local name the build gives it (or null) and the attributes a
 * build-level {@code source} block adds or overrides (or null).
 */
public record SourceUse(SourceRef ref, String localName, Body overrides) {

    /** The name this source has within the build: its local name, else the source's own. */
    public String name() {
        return localName != null && !localName.isEmpty() ? localName : ref.name();
    }
}
