package io.jenkins.plugins.packer.template;

import io.jenkins.plugins.packer.hcl.Range;

/** One entry of {@code packer { required_plugins { NAME = { source, version } } }}. */
public record RequiredPlugin(String name, String source, String version, Range range) {}
