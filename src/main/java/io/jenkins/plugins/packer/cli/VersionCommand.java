package io.jenkins.plugins.packer.cli;

import io.jenkins.plugins.packer.template.HclConfig;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pkrj version}: this tool's version and the Packer version whose template language it implements. Like
 * packer with {@code CHECKPOINT_DISABLE} set, it looks up nothing online.
 */
final class VersionCommand extends Declared {

    @Override
    String name() {
        return "version";
    }

    @Override
    void declare(CommandSpec spec) {
        // No flags, no arguments.
    }

    @Override
    String help() {
        return """
                Usage: pkrj version

                  Prints the version of pkrj and of the Packer template language it implements.""";
    }

    @Override
    public Integer call() {
        io.out().println("pkrj v" + Main.version() + " (Packer v" + HclConfig.PACKER_VERSION + ")");
        return 0;
    }
}
