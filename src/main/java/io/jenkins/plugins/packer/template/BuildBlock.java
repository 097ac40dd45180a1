package io.jenkins.plugins.packer.template;

import io.jenkins.plugins.packer.hcl.Range;
import java.util.List;

/**
 * A {@code build { … }} block: the sources it builds, its provisioners in order, the provisioner that runs on error,
 * and its post-processor chains (a lone post-processor is a chain of one).
 */
public record BuildBlock(String name, String description, List<SourceUse> sources,
                         List<ProvisionerBlock> provisioners, ProvisionerBlock errorCleanupProvisioner,
                         List<List<PostProcessorBlock>> postProcessorChains, Range defRange) {}
