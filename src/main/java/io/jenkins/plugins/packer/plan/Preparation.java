package io.jenkins.plugins.packer.plan;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.gotemplate.Interpolation;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import java.util.Map;

/**
 * How a planned build's components are prepared again right before they run, and with which Go-template context
 * they render what they render themselves: HCL2 configurations decode their blocks again with the builder's values
 * ({@code build.ID}, …); legacy JSON templates keep what they prepared, whose {@code {{ build `ID` }}} placeholders
 * the components render with the values.
 */
public interface Preparation {

    /** The provisioner's configuration for this run, or null with the problem in {@code diags}. */
    ComponentConfig provisioner(PlannedBuild build, PlannedBuild.Provisioner p, Map<String, String> buildValues,
                                Diagnostics diags);

    /** The post-processor's configuration for this run, or null with the problem in {@code diags}. */
    ComponentConfig postProcessor(PlannedBuild build, PlannedBuild.PostProcessor pp, Map<String, String> buildValues,
                                  Diagnostics diags);

    /** The Go-template context of a build's components. */
    Interpolation.Context interpolation(PlannedBuild build);
}
