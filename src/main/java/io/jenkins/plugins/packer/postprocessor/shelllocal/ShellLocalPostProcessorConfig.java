package io.jenkins.plugins.packer.postprocessor.shelllocal;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;
import io.jenkins.plugins.packer.provisioner.shelllocal.ShellLocalConfig;

/**
 * The shell-local post-processor's Configure: the same checks as the shell-local provisioner. See
 * <a href="https://developer.hashicorp.com/packer/docs/post-processors/shell-local">shell-local</a>.
 */
public final class ShellLocalPostProcessorConfig implements Preparer {

    @Override
    public String kind() {
        return "post-processor";
    }

    @Override
    public String type() {
        return "shell-local";
    }

    @Override
    public java.util.List<String> renderExcluded() {
        return java.util.List.of("execute_command");
    }

    @Override
    public String decodeErrorPrefix() {
        return ShellLocalConfig.DECODE_ERROR_PREFIX;
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        return ShellLocalConfig.validate(c, ctx);
    }
}
