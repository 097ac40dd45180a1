package io.jenkins.plugins.packer.provisioner.ansible;

import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.Communicator;
import io.jenkins.plugins.packer.run.Ui;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.subsystem.SubsystemFactory;

/**
 * Packer's SSH proxy for Ansible: an SSH server on 127.0.0.1 that lets in one user with one key and runs what its
 * sessions ask for on the build's machine through the build's communicator, so that Ansible reaches the machine
 * however the build does (a bastion, a temporary key, a container). An {@code exec} runs the command with its
 * standard streams relayed; {@code scp -t}/{@code scp -f} are served here and become the communicator's uploads and
 * downloads; the {@code sftp} subsystem runs {@code sftp_command} on the machine. Port forwarding and shells are
 * refused.
 */
final class SshProxyAdapter implements AutoCloseable {

    static final String DEFAULT_SFTP_COMMAND = "/usr/lib/sftp-server -e";

    private final SshServer server;
    private final Set<Cancellation> running = ConcurrentHashMap.newKeySet();

    private SshProxyAdapter(SshServer server) {
        this.server = server;
    }

    /**
     * Listens on 127.0.0.1: on the first free port of the ten from {@code localPort}, or on one the system picks when
     * it is 0 (each refused port is said, as Packer does).
     */
    static SshProxyAdapter start(int localPort, String user, PublicKey authorized, KeyPair hostKey,
                                 String sftpCommand, Communicator comm, Ui ui) throws IOException {
        int tries = localPort == 0 ? 1 : 10;
        int port = localPort;
        for (int i = 0; i < tries; i++, port++) {
            SshServer server = SshServer.setUpDefaultServer();
            SshProxyAdapter adapter = new SshProxyAdapter(server);
            // Small writes go out at once: every relayed session is a conversation of small messages.
            org.apache.sshd.core.CoreModuleProperties.TCP_NODELAY.set(server, true);
            server.setHost("127.0.0.1");
            server.setPort(port);
            server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
            server.setPasswordAuthenticator(null);
            server.setKeyboardInteractiveAuthenticator(null);
            server.setChannelFactories(List.of(new ChannelSessionFactory() {
                @Override
                public Channel createChannel(Session session) {
                    return new StatusFirstSession();
                }
            }));
            server.setPublickeyAuthenticator((name, key, session) -> name.equals(user)
                    && KeyUtils.compareKeys(key, authorized));
            server.setCommandFactory((channel, command) -> adapter.new Relay(command, comm, true));
            String sftp = sftpCommand.isEmpty() ? DEFAULT_SFTP_COMMAND : sftpCommand;
            server.setSubsystemFactories(List.of(new SubsystemFactory() {
                @Override
                public String getName() {
                    return "sftp";
                }

                @Override
                public Command createSubsystem(ChannelSession channel) {
                    return adapter.new Relay(sftp, comm, false);
                }
            }));
            try {
                server.start();
                return adapter;
            } catch (IOException e) {
                ui.say("listen tcp 127.0.0.1:" + port + ": bind: " + bindError(e));
                server.stop(true);
            }
        }
        throw new IOException("Error setting up SSH proxy connection");
    }

    private static String bindError(IOException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return m.contains("in use") ? "address already in use" : m.contains("permission") ? "permission denied"
                : String.valueOf(e.getMessage());
    }

    int port() {
        return server.getPort();
    }

    /** Stops listening, ends every session and stops what they run on the machine. */
    @Override
    public void close() {
        running.forEach(c -> c.cancel("the SSH proxy is shutting down"));
        try {
            server.stop(true);
        } catch (IOException e) {
            // Closing immediately does not fail in a way that leaves anything behind.
        }
    }

    /** One session's command, run on the machine with the session's streams. */
    private final class Relay implements Command {

        private final String command;
        private final Communicator comm;
        private final boolean scp;
        private final Cancellation cancellation = new Cancellation();
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private ChannelSession channel;

        Relay(String command, Communicator comm, boolean scp) {
            this.command = command;
            this.comm = comm;
            this.scp = scp;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = new Flushing(out);
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = new Flushing(err);
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            this.channel = channel;
            running.add(cancellation);
            Thread t = new Thread(this::run, "ansible-proxy-session");
            t.setDaemon(true);
            t.start();
        }

        private void run() {
            int status;
            try {
                ScpRelay.Mode mode = scp && command.startsWith("scp ") ? ScpRelay.mode(command.substring(4)) : null;
                status = mode != null ? ScpRelay.serve(mode, command.substring(4), in, out, comm)
                        : comm.execute(command, in, out, err, cancellation);
            } catch (IOException | RuntimeException e) {
                status = 1;
            } catch (Cancellation.CancelledException e) {
                status = Communicator.DISCONNECTED;
            } finally {
                running.remove(cancellation);
            }
            // A channel the client has closed gets nothing more: OpenSSH drops the whole connection (and with it
            // the ControlMaster every later session goes through) on a message for a channel it has let go.
            synchronized (this) {
                if (cancellation.isCancelled()) {
                    return;
                }
                try {
                    out.flush();
                    err.flush();
                } catch (IOException e) {
                    // The session is gone; its client learns nothing more.
                }
                if (channel instanceof StatusFirstSession s) {
                    s.exitStatus(status);
                }
                exit.onExit(status);
            }
        }

        @Override
        public synchronized void destroy(ChannelSession channel) {
            cancellation.cancel("the session ended");
        }
    }

    /**
     * A session channel that sends the exit status before its end of file, as OpenSSH's sshd does. (The library sends
     * it after: an OpenSSH client that has sent its own end of file closes the channel on ours, and a status sent
     * then is lost; a client behind a ControlMaster, as Ansible's are, then fails with "Control master terminated
     * unexpectedly".)
     */
    private static final class StatusFirstSession extends ChannelSession {

        void exitStatus(int status) {
            try {
                sendExitStatus(status);
            } catch (IOException e) {
                // The channel is gone; the library's own attempt after this one finds the same.
            }
        }
    }

    /** A session stream that sends what is written at once (the relayed commands are interactive protocols). */
    private static final class Flushing extends FilterOutputStream {

        Flushing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            out.flush();
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            out.flush();
        }

        /**
         * Leaves the session's stream open: the communicator closes what it writes to when its command ends, and a
         * session stream closed then would end the session before its exit status is sent.
         */
        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
