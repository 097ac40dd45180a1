package io.jenkins.plugins.packer.postprocessor.vagrant;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.LocalFiles;
import io.jenkins.plugins.packer.component.MultiError;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;
import java.util.List;

/**
 * The vagrant post-processor's Configure, as Packer 1.6.6's: a Vagrantfile template that exists (unless generated)
 * and a {@code provider_override} among the providers it knows. See
 * <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/vagrant/latest/components/post-processor/vagrant">
 * the vagrant post-processor</a>.
 */
public final class VagrantConfig implements Preparer {

    /** The providers packer 1.6.6 makes boxes for, in the order its error message happened to list them here. */
    static final List<String> PROVIDERS = List.of("aws", "virtualbox", "vmware", "digitalocean", "google",
            "scaleway", "parallels", "hyperv", "libvirt", "lxc", "azure", "docker");

    @Override
    public String kind() {
        return "post-processor";
    }

    @Override
    public String type() {
        return "vagrant";
    }

    @Override
    public List<String> renderExcluded() {
        return List.of("output");
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        MultiError errs = new MultiError();
        String template = c.string("vagrantfile_template");
        if (!template.isEmpty() && !c.bool("vagrantfile_template_generated")
                && LocalFiles.statError(ctx.workDir(), template) != null) {
            errs.add("vagrantfile_template '" + template + "' does not exist");
        }
        if (!errs.isEmpty()) {
            return Prepared.of(errs);
        }
        String override = c.string("provider_override");
        if (!override.isEmpty() && !PROVIDERS.contains(override)) {
            return Prepared.error("The given provider_override " + override + " is not valid. Please choose from one"
                    + " of " + String.join(", ", PROVIDERS));
        }
        return Prepared.OK;
    }
}
