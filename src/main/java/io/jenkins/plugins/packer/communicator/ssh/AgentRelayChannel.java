package io.jenkins.plugins.packer.communicator.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.ChannelOutputStream;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.channel.AbstractServerChannel;

/**
 * SSH agent forwarding as OpenSSH's client does it: each {@code auth-agent@openssh.com} channel the machine opens
 * (a command connecting to its forwarded {@code SSH_AUTH_SOCK}) is relayed byte for byte to a new connection to the
 * local agent's socket, so the commands use the agent's keys (a {@code git clone} over SSH) without them leaving it.
 */
final class AgentRelayChannel extends AbstractServerChannel {

    private final Path socket;
    private SocketChannel agent;
    private OutputStream out;

    private AgentRelayChannel(Path socket) {
        super("", List.of(), null);
        this.socket = socket;
    }

    /** The channel types the machine opens back for the agent. */
    static List<ChannelFactory> factories(Path socket) {
        return List.of(factory("auth-agent@openssh.com", socket), factory("auth-agent", socket));
    }

    private static ChannelFactory factory(String name, Path socket) {
        return new ChannelFactory() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Channel createChannel(Session session) {
                return new AgentRelayChannel(socket);
            }
        };
    }

    @Override
    protected OpenFuture doInit(Buffer buffer) {
        OpenFuture f = new DefaultOpenFuture(this, this);
        try {
            out = new ChannelOutputStream(this, getRemoteWindow(), log, SshConstants.SSH_MSG_CHANNEL_DATA, true);
            agent = SocketChannel.open(StandardProtocolFamily.UNIX);
            agent.connect(UnixDomainSocketAddress.of(socket));
            Thread pump = new Thread(this::pumpReplies, "ssh-agent relay");
            pump.setDaemon(true);
            pump.start();
            signalChannelOpenSuccess();
            f.setOpened();
        } catch (IOException | RuntimeException e) {
            signalChannelOpenFailure(e);
            f.setException(e);
        }
        return f;
    }

    /** The agent's answers, back to the machine until the agent closes the connection. */
    private void pumpReplies() {
        ByteBuffer b = ByteBuffer.allocate(8192);
        try {
            while (agent.read(b) >= 0) {
                b.flip();
                out.write(b.array(), 0, b.limit());
                out.flush();
                b.clear();
            }
        } catch (IOException e) {
            // The channel or the agent went away: the relay ends.
        } finally {
            close(false);
        }
    }

    @Override
    protected void doWriteData(byte[] data, int off, long len) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data, off, (int) len);
        while (b.hasRemaining()) {
            agent.write(b);
        }
        getLocalWindow().release(len);
    }

    @Override
    protected void doWriteExtendedData(byte[] data, int off, long len) throws IOException {
        throw new IOException("an agent channel carries no extended data");
    }

    @Override
    public void handleEof() throws IOException {
        super.handleEof();
        // No more requests: the agent still answers the last ones, then closes, which ends the relay.
        if (agent != null && agent.isOpen()) {
            agent.shutdownOutput();
        }
    }

    @Override
    protected void preClose() {
        try {
            if (agent != null) {
                agent.close();
            }
        } catch (IOException e) {
            // Closing anyway.
        }
        super.preClose();
    }
}
