package io.jenkins.plugins.packer.run;

import io.jenkins.plugins.packer.component.ComponentConfig;
import java.util.Map;

/**
 * A builder that can run, found with {@link java.util.ServiceLoader}: it creates the machine, runs the
 * provisioners through the {@link Hook} once it can reach it, and returns the artifact (null when it produced none).
 */
public interface Builder {

    String type();

    Artifact run(BuildContext ctx, ComponentConfig config, Hook hook) throws BuildFailure;

    /** Runs the build's provisioners (Packer's {@code packer_provision} hook). */
    interface Hook {

        /**
         * Runs the provisioners over {@code communicator} (null for none) with the values the builder generated
         * ({@code build.ID}, {@code build.Host}, …).
         */
        void provision(Communicator communicator, Map<String, String> generatedData) throws BuildFailure;

        /** Runs the error-cleanup provisioner, after provisioning failed. */
        void errorCleanup(Communicator communicator, Map<String, String> generatedData);
    }
}
