package io.jenkins.plugins.packer.builder.nulls;

import io.jenkins.plugins.packer.communicator.CommunicatorChecks;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.MultiError;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;

/**
 * The null builder's Prepare: it only connects, so unless the communicator is {@code none} it needs a host, a user
 * and exactly one way to authenticate. See <a href="https://developer.hashicorp.com/packer/docs/builders/null">the
 * null builder</a>.
 */
public final class NullBuilderConfig implements Preparer {

    @Override
    public String kind() {
        return "builder";
    }

    @Override
    public String type() {
        return "null";
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        MultiError errs = new MultiError().addAll(CommunicatorChecks.prepare(c, ctx));
        if (!CommunicatorChecks.type(c).equals("none")) {
            if (CommunicatorChecks.host(c).isEmpty()) {
                errs.add("a Host must be specified, please reference your communicator documentation");
            }
            if (CommunicatorChecks.user(c).isEmpty()) {
                errs.add("a Username must be specified, please reference your communicator documentation");
            }
            boolean agent = c.bool("ssh_agent_auth");
            boolean password = !c.string("ssh_password").isEmpty();
            boolean key = io.jenkins.plugins.packer.component.SshLogin.hasPrivateKey(c);
            if (!agent && CommunicatorChecks.password(c).isEmpty() && !key) {
                errs.add("one authentication method must be specified, please reference your communicator"
                        + " documentation");
            }
            if (agent && (password || key) || password && key) {
                errs.add("only one of ssh_agent_auth, ssh_password, and ssh_private_key_file must be specified");
            }
        }
        return Prepared.of(errs);
    }
}
