package io.jenkins.plugins.packer.component;

import io.jenkins.plugins.packer.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An SSH login given to a run from outside the template (a Jenkins SSH credential): its private key file is used
 * by every source on the SSH communicator that names no password, private key or agent of its own, and its user
 * name where the source names none.
 */
public record SshLogin(String username, String privateKeyFile) {

    /** The builder's decoded configuration with the login filled in where it applies; {@code login} may be null. */
    public static Value apply(SshLogin login, Value config) {
        if (login == null || config == null || config.isNull() || !config.isKnown() || !config.type().isObject()
                || !config.entries().containsKey("ssh_private_key_file")) {
            return config;
        }
        ComponentConfig c = new ComponentConfig(config);
        String communicator = c.string("communicator");
        if (!communicator.isEmpty() && !communicator.equals("ssh")) {
            return config;
        }
        if (!c.string("ssh_password").isEmpty() || !c.string("ssh_private_key_file").isEmpty()
                || c.bool("ssh_agent_auth")) {
            return config;
        }
        Map<String, Value> attrs = new LinkedHashMap<>(config.entries());
        attrs.put("ssh_private_key_file", Value.string(login.privateKeyFile()));
        if (c.string("ssh_username").isEmpty() && login.username() != null && !login.username().isEmpty()) {
            attrs.put("ssh_username", Value.string(login.username()));
        }
        return Value.object(attrs);
    }
}
