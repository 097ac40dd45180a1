package io.jenkins.plugins.packer.postprocessor.docker;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.MultiError;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;

/** docker-push's Prepare: an ECR login needs the registry's address. */
public final class DockerPushConfig implements Preparer {

    @Override
    public String kind() {
        return "post-processor";
    }

    @Override
    public String type() {
        return "docker-push";
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        MultiError errs = new MultiError();
        if (c.bool("ecr_login") && c.string("login_server").isEmpty()) {
            errs.add("ECR login requires login server to be provided.");
        }
        return Prepared.of(errs);
    }
}
