package io.jenkins.plugins.packer.communicator.ssh;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentKeyConstraint;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * The keys of a running SSH agent ({@code SSH_AUTH_SOCK}, {@code ssh_agent_auth}), reached over its Unix socket
 * with the agent protocol's list and sign requests: the private keys never leave the agent.
 */
final class UnixSocketAgent implements SshAgent {

    private static final byte REQUEST_IDENTITIES = 11;
    private static final byte IDENTITIES_ANSWER = 12;
    private static final byte SIGN_REQUEST = 13;
    private static final byte SIGN_RESPONSE = 14;
    private static final int RSA_SHA2_256 = 2;
    private static final int RSA_SHA2_512 = 4;

    private final SocketChannel channel;

    UnixSocketAgent(Path socket) throws IOException {
        this.channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
    }

    /** An agent factory for the client: every session asks the agent at {@code socket}. */
    static SshAgentFactory factory(Path socket) {
        return new SshAgentFactory() {
            @Override
            public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
                // Forwarding is set up by the communicator itself (AgentRelayChannel).
                return List.of();
            }

            @Override
            public SshAgent createClient(Session session, FactoryManager manager) throws IOException {
                return new UnixSocketAgent(socket);
            }

            @Override
            public SshAgentServer createServer(ConnectionService service) {
                throw new UnsupportedOperationException("agent forwarding is not offered");
            }
        };
    }

    private synchronized Buffer request(byte type, Buffer payload) throws IOException {
        byte[] body = payload == null ? new byte[0] : payload.getCompactData();
        ByteBuffer out = ByteBuffer.allocate(5 + body.length);
        out.putInt(1 + body.length).put(type).put(body).flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        ByteBuffer len = read(4);
        return new ByteArrayBuffer(read(len.getInt()).array());
    }

    private ByteBuffer read(int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new IOException("the SSH agent closed the connection");
            }
        }
        return b.flip();
    }

    @Override
    public Iterable<? extends Map.Entry<PublicKey, String>> getIdentities() throws IOException {
        Buffer answer = request(REQUEST_IDENTITIES, null);
        if (answer.getByte() != IDENTITIES_ANSWER) {
            throw new IOException("the SSH agent did not list its keys");
        }
        long count = answer.getUInt();
        List<Map.Entry<PublicKey, String>> keys = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            byte[] blob = answer.getBytes();
            String comment = answer.getString();
            try {
                keys.add(new AbstractMap.SimpleImmutableEntry<>(new ByteArrayBuffer(blob).getRawPublicKey(), comment));
            } catch (IOException e) {
                // A key type this client does not know is left out.
            }
        }
        return keys;
    }

    @Override
    public Map.Entry<String, byte[]> sign(SessionContext session, PublicKey key, String algo, byte[] data)
            throws IOException {
        Buffer req = new ByteArrayBuffer();
        Buffer blob = new ByteArrayBuffer();
        blob.putRawPublicKey(key);
        req.putBytes(blob.getCompactData());
        req.putBytes(data);
        req.putInt("rsa-sha2-256".equals(algo) ? RSA_SHA2_256 : "rsa-sha2-512".equals(algo) ? RSA_SHA2_512 : 0);
        Buffer answer = request(SIGN_REQUEST, req);
        if (answer.getByte() != SIGN_RESPONSE) {
            throw new IOException("the SSH agent refused to sign with the key");
        }
        Buffer signature = new ByteArrayBuffer(answer.getBytes());
        return new AbstractMap.SimpleImmutableEntry<>(signature.getString(), signature.getBytes());
    }

    @Override
    public void addIdentity(java.security.KeyPair key, String comment, SshAgentKeyConstraint... constraints) {
        throw new UnsupportedOperationException("keys are added to the agent outside the build");
    }

    @Override
    public void removeIdentity(PublicKey key) {
        throw new UnsupportedOperationException("keys are removed from the agent outside the build");
    }

    @Override
    public void removeAllIdentities() {
        throw new UnsupportedOperationException("keys are removed from the agent outside the build");
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
