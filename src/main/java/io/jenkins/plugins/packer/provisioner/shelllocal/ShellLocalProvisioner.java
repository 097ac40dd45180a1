package io.jenkins.plugins.packer.provisioner.shelllocal;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.Communicator;
import io.jenkins.plugins.packer.run.Provisioner;
import java.util.Map;

/**
 * The {@code shell-local} provisioner: runs scripts on the machine running the build. See
 * <a href="https://developer.hashicorp.com/packer/docs/provisioners/shell-local">shell-local</a>.
 */
public final class ShellLocalProvisioner implements Provisioner {

    @Override
    public String type() {
        return "shell-local";
    }

    @Override
    public void provision(BuildContext ctx, ComponentConfig config, Communicator communicator,
                          Map<String, String> generatedData) throws BuildFailure {
        ShellLocalRunner.run(ctx, ctx.ui(), config, generatedData);
    }
}
