package io.jenkins.plugins.packer.provisioner.breakpoint;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;

/**
 * The breakpoint provisioner's Prepare: any {@code note} and {@code disable} are valid once decoded. See
 * <a href="https://developer.hashicorp.com/packer/docs/provisioners/breakpoint">the breakpoint provisioner</a>.
 */
public final class BreakpointConfig implements Preparer {

    @Override
    public String kind() {
        return "provisioner";
    }

    @Override
    public String type() {
        return "breakpoint";
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        return Prepared.OK;
    }
}
