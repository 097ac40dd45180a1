package io.jenkins.plugins.packer.postprocessor.shelllocal;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.provisioner.shelllocal.ShellLocalRunner;
import io.jenkins.plugins.packer.run.Artifact;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.PostProcessor;

/**
 * The {@code shell-local} post-processor: runs scripts locally after the build and passes the artifact through
 * (always kept). See <a href="https://developer.hashicorp.com/packer/docs/post-processors/shell-local">shell-local</a>.
 */
public final class ShellLocalPostProcessor implements PostProcessor {

    @Override
    public String type() {
        return "shell-local";
    }

    @Override
    public Result postProcess(BuildContext ctx, ComponentConfig config, Artifact input) throws BuildFailure {
        ShellLocalRunner.run(ctx, ctx.ui(), config, input.generatedData(), true);
        return new Result(input, true, true);
    }
}
