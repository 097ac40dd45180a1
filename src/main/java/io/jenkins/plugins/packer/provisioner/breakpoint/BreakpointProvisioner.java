package io.jenkins.plugins.packer.provisioner.breakpoint;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.Communicator;
import io.jenkins.plugins.packer.run.Provisioner;
import io.jenkins.plugins.packer.run.Ui;
import java.util.Map;

/**
 * The {@code breakpoint} provisioner: pauses the build until the user presses enter (or says it is disabled). A
 * build that cannot ask (no terminal, machine-readable output) fails, as Packer's does. See
 * <a href="https://developer.hashicorp.com/packer/docs/provisioners/breakpoint">breakpoint</a>.
 */
public final class BreakpointProvisioner implements Provisioner {

    @Override
    public String type() {
        return "breakpoint";
    }

    @Override
    public void provision(BuildContext ctx, ComponentConfig config, Communicator communicator,
                          Map<String, String> generatedData) throws BuildFailure {
        String note = config.string("note");
        if (config.bool("disable")) {
            ctx.ui().say(note.isEmpty() ? "Breakpoint provisioner disabled; continuing..."
                    : "Breakpoint provisioner with note \"" + note + "\" disabled; continuing...");
            return;
        }
        ctx.ui().say(note.isEmpty() ? "Pausing at breakpoint provisioner."
                : "Pausing at breakpoint provisioner with note \"" + note + "\".");
        try {
            ctx.ui().ask("Press enter to continue.");
        } catch (Ui.UiException e) {
            throw new BuildFailure("Error asking for input: " + e.getMessage());
        }
    }
}
