package io.jenkins.plugins.packer.communicator.ssh;

import io.jenkins.plugins.packer.component.LocalFiles;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.DebugLog;
import io.jenkins.plugins.packer.run.Communicator;
import io.jenkins.plugins.packer.run.LineStream;
import io.jenkins.plugins.packer.run.Ui;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.scp.client.ScpClient;
import org.apache.sshd.scp.common.helpers.ScpTimestampCommandDetails;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * The SSH communicator over Apache MINA SSHD: one client and session per build, a channel per command, scp (as
 * Packer's default) or sftp for files. Host keys are accepted on first sight and remembered for the build; the user's
 * {@code ~/.ssh} (keys, known hosts, config) is never read or written.
 */
public final class SshCommunicator implements Communicator, AutoCloseable {

    private volatile DebugLog log = DebugLog.OFF;

    private final SshSettings settings;
    private final Path workDir;
    private SshClient client;
    private ClientSession session;
    private ClientSession bastionSession;
    private SocksRelay relay;

    private SshCommunicator(SshSettings settings, Path workDir) {
        this.settings = settings;
        this.workDir = workDir;
    }

    /** A client configured for builds: no user files, host keys remembered in memory. */
    static SshClient newClient(Duration keepAlive, Duration readWriteTimeout, SshSettings.Transport transport)
            throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setServerKeyVerifier(new RememberingVerifier());
        // Connections the machine opens back through a remote tunnel (ssh_remote_tunnels) are accepted.
        client.setForwardingFilter(org.apache.sshd.server.forward.AcceptAllForwardingFilter.INSTANCE);
        // AES first: the JVM runs it with the processor's AES instructions once warm, where its ChaCha20 stays
        // in plain Java (bench/ssh-upload.sh measures both).
        client.setCipherFactories(new java.util.ArrayList<>(NamedFactory.setUpBuiltinFactories(false, List.of(
                BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm, BuiltinCiphers.aes128ctr, BuiltinCiphers.aes192ctr,
                BuiltinCiphers.aes256ctr, BuiltinCiphers.cc20p1305_openssh))));
        // Curve25519 first, as packer's client negotiates it: the post-quantum hybrid the library prefers
        // (sntrup761x25519) runs in plain Java (Bouncy Castle's NTRU Prime), a quarter of a second of a cold JVM's
        // first connection. It stays offered, last, and ssh_key_exchange_algorithms can ask for it.
        List<org.apache.sshd.common.kex.KeyExchangeFactory> kex = new java.util.ArrayList<>(
                client.getKeyExchangeFactories());
        kex.sort(java.util.Comparator.comparing(f -> f.getName().startsWith("sntrup")));
        client.setKeyExchangeFactories(kex);
        List<String> unknown = algorithmErrors(transport.ciphers(), transport.keyExchanges());
        if (!unknown.isEmpty()) {
            throw new IOException("Error setting up SSH config: " + String.join("; ", unknown));
        }
        if (!transport.ciphers().isEmpty()) {
            // ssh_ciphers: only these, in this order.
            client.setCipherFactories(new java.util.ArrayList<>(transport.ciphers().stream()
                    .map(BuiltinCiphers::fromFactoryName).toList()));
        }
        if (!transport.keyExchanges().isEmpty()) {
            // ssh_key_exchange_algorithms: only these, in this order.
            client.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false, transport.keyExchanges()
                    .stream().map(BuiltinDHFactories::fromFactoryName).toList(), ClientBuilder.DH2KEX));
        }
        // Small protocol messages (channel open, exec, exit status, scp acknowledgements) go out at once, as
        // OpenSSH's client sends them; with Nagle's algorithm each round trip waited for a delayed ACK (~40 ms).
        org.apache.sshd.core.CoreModuleProperties.TCP_NODELAY.set(client, true);
        if (!readWriteTimeout.isZero() && !readWriteTimeout.isNegative()) {
            org.apache.sshd.core.CoreModuleProperties.NIO2_READ_TIMEOUT.set(client, readWriteTimeout);
        }
        if (!keepAlive.isNegative() && !keepAlive.isZero()) {
            org.apache.sshd.core.CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, keepAlive);
        }
        client.start();
        return client;
    }

    /**
     * The names in {@code ssh_ciphers} and {@code ssh_key_exchange_algorithms} the client does not implement, each
     * as an error that lists the names it does.
     */
    public static List<String> algorithmErrors(List<String> ciphers, List<String> keyExchanges) {
        List<String> errs = new java.util.ArrayList<>();
        List<BuiltinCiphers> knownCiphers = BuiltinCiphers.VALUES.stream().filter(BuiltinCiphers::isSupported)
                .filter(c -> c != BuiltinCiphers.none).toList();
        for (String name : ciphers) {
            if (!knownCiphers.contains(BuiltinCiphers.fromFactoryName(name))) {
                errs.add("ssh_ciphers: unknown cipher \"" + name + "\", known ciphers: "
                        + NamedResource.getNames(knownCiphers));
            }
        }
        List<BuiltinDHFactories> knownKex = BuiltinDHFactories.VALUES.stream().filter(BuiltinDHFactories::isSupported)
                .toList();
        for (String name : keyExchanges) {
            if (!knownKex.contains(BuiltinDHFactories.fromFactoryName(name))) {
                errs.add("ssh_key_exchange_algorithms: unknown key exchange \"" + name + "\", known key exchanges: "
                        + NamedResource.getNames(knownKex));
            }
        }
        return errs;
    }

    /** Accepts a host's key the first time and refuses another key for it afterwards. */
    static final class RememberingVerifier implements ServerKeyVerifier {
        private final Map<String, PublicKey> known = new ConcurrentHashMap<>();

        @Override
        public boolean verifyServerKey(ClientSession s, SocketAddress remote, PublicKey key) {
            return known.computeIfAbsent(String.valueOf(remote), k -> key).equals(key);
        }
    }

    /**
     * Opens a session and authenticates, through the bastion when there is one.
     *
     * @throws IOException when the connection or the authentication fails (the message tells which)
     */
    public static SshCommunicator connect(SshSettings s, Duration timeout, Path workDir) throws IOException {
        SshCommunicator c = new SshCommunicator(s, workDir);
        c.open(timeout);
        return c;
    }

    /**
     * The session, opened again when the connection dropped (a machine that rebooted), as Packer's communicator
     * reconnects before each command.
     */
    private synchronized ClientSession session() throws IOException {
        if (session == null || !session.isOpen()) {
            close();
            open(Duration.ofMinutes(1));
        }
        return session;
    }

    private void open(Duration timeout) throws IOException {
        SshSettings s = settings;
        SshClient client = newClient(s.keepAliveInterval(), s.readWriteTimeout(), s.transport());
        if (!s.agentSocket().isEmpty()) {
            // ssh_agent_auth: the agent's keys are offered, the agent signs.
            client.setAgentFactory(UnixSocketAgent.factory(Path.of(s.agentSocket())));
        } else if (!s.forwardedAgent().isEmpty()) {
            // The local agent (SSH_AUTH_SOCK) is forwarded to the commands unless ssh_disable_agent_forwarding; as
            // in Packer, its keys may then log in too.
            client.setAgentFactory(UnixSocketAgent.factory(Path.of(s.forwardedAgent())));
        }
        if (!s.forwardedAgent().isEmpty()) {
            List<org.apache.sshd.common.channel.ChannelFactory> channels = new java.util.ArrayList<>(
                    client.getChannelFactories());
            channels.addAll(AgentRelayChannel.factories(Path.of(s.forwardedAgent())));
            client.setChannelFactories(channels);
        }
        ClientSession bastion = null;
        SocksRelay socks = null;
        try {
            String host = s.host();
            int port = s.port();
            if (s.transport().proxy() != null) {
                // ssh_proxy_host: the SOCKS5 proxy opens the connection; the client reaches it through a relay.
                socks = new SocksRelay(s.transport().proxy(), host, port);
                host = "127.0.0.1";
                port = socks.port();
            }
            if (s.bastion() != null) {
                SshSettings.Bastion b = s.bastion();
                bastion = open(client, b.username(), b.host(), b.port(), b.password(), b.privateKeyFile(),
                        b.certificateFile(), b.privateKey(), timeout, workDir);
                SshdSocketAddress local = bastion.startLocalPortForwarding(0, new SshdSocketAddress(host, port));
                host = "127.0.0.1";
                port = local.getPort();
            }
            ClientSession session = open(client, s.username(), host, port, s.password(), s.privateKeyFile(),
                    s.certificateFile(), s.privateKey(), timeout, workDir);
            this.client = client;
            this.session = session;
            this.bastionSession = bastion;
            this.relay = socks;
            tunnels(session, s);
        } catch (IOException | RuntimeException e) {
            if (bastion != null) {
                bastion.close(true);
            }
            client.stop();
            if (socks != null) {
                socks.close();
                if (socks.lastError() != null) {
                    throw new IOException(socks.lastError(), e);
                }
            }
            throw e;
        }
    }

    private static ClientSession open(SshClient client, String user, String host, int port, String password,
                                      String keyFile, String certificateFile, String keyPem, Duration timeout,
                                      Path workDir) throws IOException {
        ClientSession session = client.connect(user, host, port).verify(timeout).getSession();
        try {
            if (!password.isEmpty()) {
                session.addPasswordIdentity(password);
            }
            if (!keyFile.isEmpty()) {
                Path key = workDir.resolve(keyFile);
                try (InputStream in = Files.newInputStream(key)) {
                    Iterable<java.security.KeyPair> pairs = org.apache.sshd.common.util.security.SecurityUtils
                            .loadKeyPairIdentities(session, org.apache.sshd.common.NamedResource.ofName(keyFile), in,
                                    null);
                    if (pairs != null) {
                        java.security.PublicKey certificate = certificateFile.isEmpty() ? null
                                : certificate(session, workDir.resolve(certificateFile), certificateFile);
                        for (java.security.KeyPair pair : pairs) {
                            // With ssh_certificate_file the key logs in as its certificate.
                            session.addPublicKeyIdentity(certificate == null ? pair
                                    : new java.security.KeyPair(certificate, pair.getPrivate()));
                        }
                    }
                } catch (java.security.GeneralSecurityException e) {
                    throw new IOException("Error setting up SSH config: Failed to read key '" + keyFile + "': "
                            + e.getMessage(), e);
                }
            }
            if (!keyPem.isEmpty()) {
                try (InputStream in = new java.io.ByteArrayInputStream(keyPem.getBytes(
                        java.nio.charset.StandardCharsets.UTF_8))) {
                    Iterable<java.security.KeyPair> pairs = org.apache.sshd.common.util.security.SecurityUtils
                            .loadKeyPairIdentities(session, org.apache.sshd.common.NamedResource.ofName(
                                    "temporary key pair"), in, null);
                    if (pairs != null) {
                        pairs.forEach(session::addPublicKeyIdentity);
                    }
                } catch (java.security.GeneralSecurityException e) {
                    throw new IOException("Error setting up SSH config: Failed to read the temporary key pair: "
                            + e.getMessage(), e);
                }
            }
            session.auth().verify(timeout);
            return session;
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw e;
        }
    }

    /** An OpenSSH certificate file ({@code id_ed25519-cert.pub}). */
    private static java.security.PublicKey certificate(ClientSession session, Path file, String shown)
            throws IOException, java.security.GeneralSecurityException {
        String line = Files.readString(file).strip();
        try {
            return org.apache.sshd.common.config.keys.PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(
                    session, Map.of(), org.apache.sshd.common.config.keys.PublicKeyEntryResolver.FAILING);
        } catch (IllegalArgumentException e) {
            throw new IOException("Error setting up SSH config: Failed to read certificate '" + shown + "': "
                    + e.getMessage(), e);
        }
    }

    /**
     * Packer's {@code ssh_local_tunnels} and {@code ssh_remote_tunnels}, each {@code PORT:HOST:HOSTPORT}: a local
     * port forwarded to HOST:HOSTPORT as the machine sees it, or a port of the machine forwarded to HOST:HOSTPORT as
     * this side sees it.
     */
    private static void tunnels(ClientSession session, SshSettings s) throws IOException {
        for (String t : s.localTunnels()) {
            String[] p = tunnel(t);
            session.startLocalPortForwarding(new SshdSocketAddress("127.0.0.1", Integer.parseInt(p[0])),
                    new SshdSocketAddress(p[1], Integer.parseInt(p[2])));
        }
        for (String t : s.remoteTunnels()) {
            String[] p = tunnel(t);
            session.startRemotePortForwarding(new SshdSocketAddress("127.0.0.1", Integer.parseInt(p[0])),
                    new SshdSocketAddress(p[1], Integer.parseInt(p[2])));
        }
    }

    private static String[] tunnel(String spec) throws IOException {
        String[] p = spec.split(":");
        if (p.length != 3 || !p[0].matches("\\d+") || !p[2].matches("\\d+")) {
            throw new IOException("Error setting up SSH config: bad tunnel " + spec + ": want PORT:HOST:HOSTPORT");
        }
        return p;
    }

    @Override
    public String type() {
        return "ssh";
    }

    @Override
    public int execute(String command, Ui ui, Cancellation cancellation) throws IOException,
            Cancellation.CancelledException {
        try (LineStream out = new LineStream(ui::message); LineStream err = new LineStream(ui::error)) {
            return execute(command, null, out, err, cancellation);
        }
    }

    /** Where the commands it runs are logged (see {@link DebugLog}). */
    public void logTo(DebugLog debugLog) {
        this.log = debugLog;
    }

    @Override
    public int execute(String command, InputStream in, OutputStream out, OutputStream err,
                       Cancellation cancellation) throws IOException, Cancellation.CancelledException {
        int status = DISCONNECTED;
        long started = System.nanoTime();
        log.log("[DEBUG] starting remote command: " + command);
        try {
            status = run(command, in, out, err, cancellation);
            return status;
        } finally {
            log.log("[INFO] remote command exited with " + status + " after "
                    + (System.nanoTime() - started) / 1_000_000 + " ms: " + command);
        }
    }

    private int run(String command, InputStream in, OutputStream out, OutputStream err,
                    Cancellation cancellation) throws IOException, Cancellation.CancelledException {
        cancellation.check();
        try (ChannelExec channel = session().createExecChannel(command)) {
            if (in != null) {
                channel.setIn(in);
            }
            channel.setOut(out);
            channel.setErr(err);
            channel.setUsePty(settings.pty());
            channel.setAgentForwarding(!settings.forwardedAgent().isEmpty());
            channel.open().verify(Duration.ofMinutes(1));
            try (Cancellation.Registration r = cancellation.onCancel(() -> {
                signal(channel, "TERM");
                channel.close(true);
            })) {
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0L);
            }
            cancellation.check();
            Integer status = channel.getExitStatus();
            return status == null ? DISCONNECTED : status;
        }
    }

    /**
     * RFC 4254's "signal" request, sent before the channel is closed when the build is cancelled: OpenSSH delivers it
     * to the command's whole process group when the session runs as the login user (privilege separation, any login
     * but root), so the command and everything it started stop; it refuses it for root logins, whose commands keep
     * running on the machine, as with Packer.
     */
    private static void signal(ChannelExec channel, String name) {
        try {
            org.apache.sshd.common.util.buffer.Buffer b = channel.getSession().createBuffer(
                    org.apache.sshd.common.SshConstants.SSH_MSG_CHANNEL_REQUEST, 32);
            b.putUInt(channel.getRecipient());
            b.putString("signal");
            b.putBoolean(false);
            b.putString(name);
            channel.writePacket(b);
        } catch (IOException | RuntimeException e) {
            // The channel is being closed anyway.
        }
    }

    @Override
    public void upload(String remotePath, InputStream data, long size, int mode) throws IOException {
        ClientSession session = session();
        if (settings.sftp()) {
            try (SftpClient client = SftpClientFactory.instance().createSftpClient(session);
                 OutputStream out = client.write(remotePath)) {
                data.transferTo(out);
                client.setStat(remotePath, new SftpClient.Attributes().perms(mode));
            }
            return;
        }
        ScpClient scp = new StrictScpClient(session);
        scp.upload(data, remotePath, size, permissions(mode), (ScpTimestampCommandDetails) null);
    }

    @Override
    public void uploadDir(String remoteDir, Path localDir, boolean contentsOnly) throws IOException {
        String target = contentsOnly ? remoteDir : join(remoteDir, localDir.getFileName().toString());
        ClientSession session = session();
        if (settings.sftp()) {
            try (SftpClient client = SftpClientFactory.instance().createSftpClient(session)) {
                mkdirs(client, target);
                try (Stream<Path> walk = Files.walk(localDir)) {
                    for (Path p : walk.toList()) {
                        String rel = localDir.relativize(p).toString().replace('\\', '/');
                        String remote = rel.isEmpty() ? target : join(target, rel);
                        if (Files.isDirectory(p)) {
                            mkdirs(client, remote);
                        } else {
                            try (InputStream in = Files.newInputStream(p); OutputStream out = client.write(remote)) {
                                in.transferTo(out);
                            }
                            client.setStat(remote, new SftpClient.Attributes().perms(LocalFiles.mode(p)));
                        }
                    }
                }
            }
            return;
        }
        ScpClient scp = new StrictScpClient(session);
        try {
            execute("mkdir -p '" + target.replace("'", "'\"'\"'") + "'", quiet(), new Cancellation());
        } catch (Cancellation.CancelledException e) {
            throw new IOException(e.getMessage(), e);
        }
        try (Stream<Path> children = Files.list(localDir)) {
            List<Path> all = children.toList();
            if (!all.isEmpty()) {
                scp.upload(all.toArray(Path[]::new), target, ScpClient.Option.Recursive,
                        ScpClient.Option.PreserveAttributes, ScpClient.Option.TargetIsDirectory);
            }
        }
    }

    @Override
    public void download(String remotePath, OutputStream out) throws IOException {
        ClientSession session = session();
        if (settings.sftp()) {
            try (SftpClient client = SftpClientFactory.instance().createSftpClient(session);
                 InputStream in = client.read(remotePath)) {
                in.transferTo(out);
            }
            return;
        }
        new StrictScpClient(session).download(remotePath, out);
    }

    @Override
    public void downloadDir(String remoteDir, Path localDir) throws IOException {
        Files.createDirectories(localDir);
        ClientSession session = session();
        if (settings.sftp()) {
            // As scp -r does: the folder itself lands in the local one.
            String dir = remoteDir.endsWith("/") && remoteDir.length() > 1
                    ? remoteDir.substring(0, remoteDir.length() - 1) : remoteDir;
            Path target = localDir.resolve(dir.substring(dir.lastIndexOf('/') + 1));
            Files.createDirectories(target);
            try (SftpClient client = SftpClientFactory.instance().createSftpClient(session)) {
                downloadTree(client, dir, target);
            }
            return;
        }
        new StrictScpClient(session).download(remoteDir, localDir,
                ScpClient.Option.Recursive, ScpClient.Option.TargetIsDirectory);
    }

    private static void downloadTree(SftpClient client, String remote, Path local) throws IOException {
        for (SftpClient.DirEntry e : client.readDir(remote)) {
            String name = e.getFilename();
            if (name.equals(".") || name.equals("..")) {
                continue;
            }
            String child = remote + "/" + name;
            Path target = local.resolve(name);
            if (e.getAttributes().isDirectory()) {
                Files.createDirectories(target);
                downloadTree(client, child, target);
            } else {
                try (InputStream in = client.read(child); OutputStream out = Files.newOutputStream(target)) {
                    in.transferTo(out);
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (session != null) {
                session.close(true);
            }
            if (bastionSession != null) {
                bastionSession.close(true);
            }
        } finally {
            if (client != null) {
                client.stop();
            }
            if (relay != null) {
                relay.close();
            }
            relay = null;
            session = null;
            bastionSession = null;
            client = null;
        }
    }

    private static void mkdirs(SftpClient client, String dir) throws IOException {
        StringBuilder path = new StringBuilder(dir.startsWith("/") ? "/" : "");
        for (String part : dir.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            path.append(part);
            try {
                client.stat(path.toString());
            } catch (IOException e) {
                client.mkdir(path.toString());
            }
            path.append('/');
        }
    }

    private static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }


    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                perms.add(p);
            }
        }
        return perms;
    }

    private static Ui quiet() {
        return new Ui() {
            @Override
            public void say(String message) {
            }

            @Override
            public void message(String message) {
            }

            @Override
            public void error(String message) {
            }

            @Override
            public String ask(String query) throws UiException {
                throw new UiException("no input");
            }
        };
    }
}
