package io.jenkins.plugins.packer.component;

import io.jenkins.plugins.packer.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An SSH login given to a run from outside the template (a Jenkins SSH credential): its private key, held in memory
 * and never written to disk, is used by every source on the SSH communicator that names no password, private key or
 * agent of its own, and its user name where the source names none.
 */
public record SshLogin(String username, String privateKey) {

    /**
     * Where the login's key goes in a builder's decoded configuration: not an option a template can set (the
     * template's keys were decoded before), read by the SSH settings beside {@code ssh_private_key_file}.
     */
    public static final String KEY = "ssh_private_key";

    @Override
    public String toString() {
        return "SshLogin[" + username + ", <sensitive>]";
    }

    /** Whether a source logs in with a private key: its own file, or the login's key. */
    public static boolean hasPrivateKey(ComponentConfig c) {
        return !c.string("ssh_private_key_file").isEmpty() || !c.string(KEY).isEmpty();
    }

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
        attrs.put(KEY, Value.string(login.privateKey()));
        if (c.string("ssh_username").isEmpty() && login.username() != null && !login.username().isEmpty()) {
            attrs.put("ssh_username", Value.string(login.username()));
        }
        return Value.object(attrs);
    }
}
