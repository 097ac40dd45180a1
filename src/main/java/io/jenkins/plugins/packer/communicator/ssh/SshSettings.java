package io.jenkins.plugins.packer.communicator.ssh;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.LocalFiles;
import io.jenkins.plugins.packer.component.SshLogin;
import io.jenkins.plugins.packer.template.GoDuration;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The SSH communicator's options of a source, with Packer's defaults: where to connect, as whom, how (a private key
 * file or a password), how long to wait ({@code ssh_timeout}, 5m), how many authentication failures to accept
 * ({@code ssh_handshake_attempts}, 10), keep-alives, a PTY, the file transfer method (scp or sftp) and an optional
 * bastion host.
 */
public record SshSettings(String host, int port, String username, String password, String privateKeyFile,
                          Duration timeout, int handshakeAttempts, boolean pty, Duration keepAliveInterval,
                          boolean sftp, Duration pauseBeforeConnecting, Bastion bastion, List<String> localTunnels,
                          List<String> remoteTunnels, Duration readWriteTimeout, String certificateFile,
                          String agentSocket, String privateKey, String forwardedAgent, Transport transport) {

    public SshSettings {
        localTunnels = List.copyOf(localTunnels);
        remoteTunnels = List.copyOf(remoteTunnels);
    }

    /**
     * How the connection is made: the ciphers and key exchanges offered ({@code ssh_ciphers},
     * {@code ssh_key_exchange_algorithms}; empty for the client's own) and the SOCKS5 proxy it goes through
     * ({@code ssh_proxy_host}…; null for none).
     */
    public record Transport(List<String> ciphers, List<String> keyExchanges, Proxy proxy) {

        public static final Transport DEFAULT = new Transport(List.of(), List.of(), null);

        public Transport {
            ciphers = List.copyOf(ciphers);
            keyExchanges = List.copyOf(keyExchanges);
        }
    }

    /** A SOCKS5 proxy, with a user name and password when they are set. */
    public record Proxy(String host, int port, String username, String password) {}

    /** Settings without tunnels or a read/write timeout. */
    public SshSettings(String host, int port, String username, String password, String privateKeyFile,
                       Duration timeout, int handshakeAttempts, boolean pty, Duration keepAliveInterval, boolean sftp,
                       Duration pauseBeforeConnecting, Bastion bastion) {
        this(host, port, username, password, privateKeyFile, timeout, handshakeAttempts, pty, keepAliveInterval,
                sftp, pauseBeforeConnecting, bastion, List.of(), List.of(), Duration.ZERO, "", "", "", "",
                Transport.DEFAULT);
    }

    /** The same settings aimed at another host (the one the builder chose). */
    public SshSettings withHost(String newHost) {
        return new SshSettings(newHost, port, username, password, privateKeyFile, timeout, handshakeAttempts, pty,
                keepAliveInterval, sftp, pauseBeforeConnecting, bastion, localTunnels, remoteTunnels,
                readWriteTimeout, certificateFile, agentSocket, privateKey, forwardedAgent, transport);
    }

    /** The same settings logging in with a key the builder made ({@code privateKey}, PEM) instead of a file. */
    public SshSettings withPrivateKey(String pem) {
        return new SshSettings(host, port, username, password, "", timeout, handshakeAttempts, pty,
                keepAliveInterval, sftp, pauseBeforeConnecting, bastion, localTunnels, remoteTunnels,
                readWriteTimeout, certificateFile, agentSocket, pem, forwardedAgent, transport);
    }

    /**
     * A bastion (jump) host the connection goes through; {@code privateKey} is the PEM of an in-memory key when it
     * logs in with the run's login key instead of a file.
     */
    public record Bastion(String host, int port, String username, String password, String privateKeyFile,
                          String certificateFile, String privateKey) {}

    /** Reads the options; paths are expanded ({@code ~}) with {@code env}. */
    public static SshSettings of(ComponentConfig c, Map<String, String> env) {
        String key = c.string("ssh_private_key_file");
        Bastion bastion = null;
        if (!c.string("ssh_bastion_host").isEmpty()) {
            String bastionKey = c.string("ssh_bastion_private_key_file");
            bastion = new Bastion(c.string("ssh_bastion_host"), port(c, "ssh_bastion_port"),
                    c.string("ssh_bastion_username"), c.string("ssh_bastion_password"),
                    LocalFiles.expandUser(bastionKey.isEmpty() ? key : bastionKey, env),
                    LocalFiles.expandUser(c.string("ssh_bastion_certificate_file"), env),
                    bastionKey.isEmpty() && key.isEmpty() ? c.string(SshLogin.KEY) : "");
        }
        String timeout = c.string("ssh_timeout").isEmpty() ? c.string("ssh_wait_timeout") : c.string("ssh_timeout");
        long attempts = c.number("ssh_handshake_attempts");
        return new SshSettings(c.string("ssh_host"), port(c, "ssh_port"), c.string("ssh_username"),
                c.string("ssh_password"), LocalFiles.expandUser(key, env), GoDuration.orDefault(timeout, Duration.ofMinutes(5)),
                attempts <= 0 ? 10 : (int) attempts, c.bool("ssh_pty"),
                GoDuration.orDefault(c.string("ssh_keep_alive_interval"), Duration.ofSeconds(5)),
                c.string("ssh_file_transfer_method").equals("sftp"),
                GoDuration.orDefault(c.string("pause_before_connecting"), Duration.ZERO), bastion,
                c.stringList("ssh_local_tunnels"), c.stringList("ssh_remote_tunnels"),
                GoDuration.orDefault(c.string("ssh_read_write_timeout"), Duration.ZERO),
                LocalFiles.expandUser(c.string("ssh_certificate_file"), env),
                c.bool("ssh_agent_auth") || c.bool("ssh_bastion_agent_auth") ? env.getOrDefault("SSH_AUTH_SOCK", "")
                        : "", key.isEmpty() ? c.string(SshLogin.KEY) : "", c.bool("ssh_disable_agent_forwarding") ? "" : env.getOrDefault("SSH_AUTH_SOCK", ""),
                new Transport(c.stringList("ssh_ciphers"), c.stringList("ssh_key_exchange_algorithms"),
                        c.string("ssh_proxy_host").isEmpty() ? null : new Proxy(c.string("ssh_proxy_host"),
                                c.number("ssh_proxy_port") <= 0 ? 1080 : (int) c.number("ssh_proxy_port"),
                                c.string("ssh_proxy_username"), c.string("ssh_proxy_password"))));
    }

    private static int port(ComponentConfig c, String name) {
        long p = c.number(name);
        return p <= 0 ? 22 : (int) p;
    }
}
