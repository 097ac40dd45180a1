package io.jenkins.plugins.packer.communicator.ssh;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Packer's {@code ssh_proxy_host}: the connection to the machine goes through a SOCKS5 proxy (RFC 1928), which
 * is given {@code ssh_proxy_username} and {@code ssh_proxy_password} (RFC 1929) when they are set. The SSH client
 * connects to this relay on 127.0.0.1, which opens the proxied connection for each client connection and copies the
 * bytes both ways.
 */
final class SocksRelay implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 30_000;

    private final SshSettings.Proxy proxy;
    private final String host;
    private final int port;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pkrj-socks-relay");
        t.setDaemon(true);
        return t;
    });
    private volatile String lastError;

    SocksRelay(SshSettings.Proxy proxy, String host, int port) throws IOException {
        this.proxy = proxy;
        this.host = host;
        this.port = port;
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    /** The relay's port on 127.0.0.1. */
    int port() {
        return server.getLocalPort();
    }

    /** Why the last proxied connection could not be opened, or null. */
    String lastError() {
        return lastError;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            threads.execute(() -> relay(client));
        }
    }

    private void relay(Socket client) {
        Socket upstream = new Socket();
        try (client; upstream) {
            try {
                upstream.connect(new InetSocketAddress(proxy.host(), proxy.port()), CONNECT_TIMEOUT_MILLIS);
                upstream.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
                handshake(upstream.getInputStream(), upstream.getOutputStream());
            } catch (IOException e) {
                lastError = "socks connect tcp " + proxy.host() + ":" + proxy.port() + "->" + host + ":" + port
                        + ": " + e.getMessage();
                return;
            }
            lastError = null;
            threads.execute(() -> copy(upstream, client));
            copy(client, upstream);
        } catch (IOException e) {
            // The connection ended.
        }
    }

    /** Copies until either side ends, then closes both. */
    private static void copy(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // The other direction or the session closed the sockets.
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException e) {
                // Already closed.
            }
        }
    }

    /** RFC 1928 method selection, RFC 1929 authentication when there is a user name, then CONNECT. */
    private void handshake(InputStream rawIn, OutputStream out) throws IOException {
        DataInputStream in = new DataInputStream(rawIn);
        boolean withPassword = !proxy.username().isEmpty();
        out.write(withPassword ? new byte[] {5, 2, 0, 2} : new byte[] {5, 1, 0});
        out.flush();
        int version = in.readUnsignedByte();
        int method = in.readUnsignedByte();
        if (version != 5) {
            throw new IOException("unexpected protocol version " + version);
        }
        if (method == 2 && withPassword) {
            byte[] user = proxy.username().getBytes(StandardCharsets.UTF_8);
            byte[] password = proxy.password().getBytes(StandardCharsets.UTF_8);
            if (user.length > 255 || password.length > 255) {
                throw new IOException("invalid username/password");
            }
            out.write(1);
            out.write(user.length);
            out.write(user);
            out.write(password.length);
            out.write(password);
            out.flush();
            in.readUnsignedByte();
            if (in.readUnsignedByte() != 0) {
                throw new IOException("username/password authentication failed");
            }
        } else if (method != 0) {
            throw new IOException("no acceptable authentication methods");
        }
        out.write(connectRequest());
        out.flush();
        version = in.readUnsignedByte();
        int reply = in.readUnsignedByte();
        in.readUnsignedByte();
        int type = in.readUnsignedByte();
        if (version != 5) {
            throw new IOException("unexpected protocol version " + version);
        }
        if (reply != 0) {
            throw new IOException("unknown error " + replyText(reply));
        }
        int addressLength = switch (type) {
            case 1 -> 4;
            case 4 -> 16;
            case 3 -> in.readUnsignedByte();
            default -> throw new IOException("unknown address type " + type);
        };
        in.readFully(new byte[addressLength + 2]);
    }

    private byte[] connectRequest() throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.write(new byte[] {5, 1, 0});
        byte[] literal = literal(host);
        if (literal != null) {
            b.write(literal.length == 4 ? 1 : 4);
            b.write(literal);
        } else {
            byte[] name = host.getBytes(StandardCharsets.UTF_8);
            if (name.length > 255) {
                throw new IOException("FQDN too long");
            }
            b.write(3);
            b.write(name.length);
            b.write(name);
        }
        b.write(port >> 8);
        b.write(port & 0xff);
        return b.toByteArray();
    }

    /** The bytes of an IP literal, or null for a host name (which the proxy resolves). */
    private static byte[] literal(String host) {
        if (!host.matches("[0-9.]+") && !(host.contains(":") && host.matches("[0-9A-Fa-f:.]+"))) {
            return null;
        }
        try {
            return InetAddress.getByName(host).getAddress();
        } catch (IOException e) {
            return null;
        }
    }

    private static String replyText(int reply) {
        return switch (reply) {
            case 1 -> "general SOCKS server failure";
            case 2 -> "connection not allowed by ruleset";
            case 3 -> "network unreachable";
            case 4 -> "host unreachable";
            case 5 -> "connection refused";
            case 6 -> "TTL expired";
            case 7 -> "command not supported";
            case 8 -> "address type not supported";
            default -> "unknown code: " + reply;
        };
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Closing anyway.
        }
        threads.shutdownNow();
    }
}
