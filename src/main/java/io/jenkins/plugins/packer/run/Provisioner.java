package io.jenkins.plugins.packer.run;

import io.jenkins.plugins.packer.component.ComponentConfig;
import java.util.Map;

/** A provisioner that can run, found with {@link java.util.ServiceLoader}. */
public interface Provisioner {

    String type();

    /**
     * Provisions the machine {@code communicator} reaches (null when the build has none) with the configuration
     * prepared for this build, whose {@code build.*} values are the generated data.
     */
    void provision(BuildContext ctx, ComponentConfig config, Communicator communicator,
                   Map<String, String> generatedData) throws BuildFailure;
}
