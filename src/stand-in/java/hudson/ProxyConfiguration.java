package hudson;

import hudson.model.Describable;
import hudson.util.Secret;
import java.io.Serializable;

/** Mirrors jenkins-core {@code hudson.ProxyConfiguration}: the controller's HTTP proxy (Manage Jenkins › Plugins). */
public final class ProxyConfiguration implements Describable<ProxyConfiguration>, Serializable {

    public final String name;
    public final int port;
    private String userName;
    public String noProxyHost;
    private Secret secretPassword;

    public ProxyConfiguration(String name, int port, String userName, String password, String noProxyHost) {
        this.name = name;
        this.port = port;
        this.userName = userName;
        this.noProxyHost = noProxyHost;
        this.secretPassword = password == null ? null : Secret.fromString(password);
    }

    public String getUserName() {
        return userName;
    }

    public Secret getSecretPassword() {
        return secretPassword;
    }

    public int getPort() {
        return port;
    }

    public String getName() {
        return name;
    }

    public String getNoProxyHost() {
        return noProxyHost;
    }
}
