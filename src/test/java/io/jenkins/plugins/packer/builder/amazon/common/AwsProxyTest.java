package io.jenkins.plugins.packer.builder.amazon.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.builder.amazon.MotoServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS clients go through the proxy of the run's environment, as packer's do: {@code HTTP_PROXY} for a plain
 * endpoint ({@code HTTPS_PROXY} for the real ones), not for the hosts of {@code NO_PROXY}.
 */
class AwsProxyTest {

    @TempDir
    Path dir;

    /** A forward HTTP proxy on 127.0.0.1 that passes each request on and remembers its request line. */
    static final class ForwardProxy implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<String> requests = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        ForwardProxy() throws IOException {
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        Thread t = new Thread(() -> serve(s), "proxied connection");
                        t.setDaemon(true);
                        t.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "forward proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        private void serve(Socket socket) {
            try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
                 OutputStream out = socket.getOutputStream()) {
                while (true) {
                    String requestLine = line(in);
                    if (requestLine == null || requestLine.isEmpty()) {
                        return;
                    }
                    requests.add(requestLine);
                    String[] parts = requestLine.split(" ");
                    HttpURLConnection c = (HttpURLConnection) URI.create(parts[1]).toURL()
                            .openConnection(java.net.Proxy.NO_PROXY);
                    c.setRequestMethod(parts[0]);
                    int length = 0;
                    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                        int colon = h.indexOf(':');
                        String name = h.substring(0, colon).strip();
                        String value = h.substring(colon + 1).strip();
                        if (name.equalsIgnoreCase("Content-Length")) {
                            length = Integer.parseInt(value);
                        } else if (!name.equalsIgnoreCase("Host") && !name.toLowerCase().startsWith("proxy-")) {
                            c.addRequestProperty(name, value);
                        }
                    }
                    byte[] body = in.readNBytes(length);
                    if (length > 0) {
                        c.setDoOutput(true);
                        try (OutputStream o = c.getOutputStream()) {
                            o.write(body);
                        }
                    }
                    int status = c.getResponseCode();
                    InputStream r = status >= 400 ? c.getErrorStream() : c.getInputStream();
                    byte[] answer = r == null ? new byte[0] : r.readAllBytes();
                    String type = c.getContentType() == null ? "text/xml" : c.getContentType();
                    out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: " + type + "\r\nContent-Length: "
                            + answer.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(answer);
                    out.flush();
                }
            } catch (IOException e) {
                // The client went away.
            }
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c = in.read(); c != -1; c = in.read()) {
                if (c == '\n') {
                    return b.toString(StandardCharsets.ISO_8859_1).replaceAll("\r$", "");
                }
                b.write(c);
            }
            return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static io.jenkins.plugins.packer.component.ComponentConfig source(String endpoint) {
        return io.jenkins.plugins.packer.component.PrepareFixture.config("builder", "amazon-ebs", """
                region                  = "us-east-1"
                skip_metadata_api_check = true
                access_key              = "%s"
                secret_key              = "%s"
                custom_endpoint_ec2     = "%s"
                """.formatted(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY, endpoint));
    }

    @Test
    void theClientsGoThroughTheRunsProxyExceptForNoProxyHosts() throws Exception {
        try (MotoServer moto = MotoServer.start(dir.resolve("moto")); ForwardProxy proxy = new ForwardProxy()) {
            try (AwsAccess a = AwsAccess.of(source(moto.endpoint()), Map.of("HTTP_PROXY", proxy.url()));
                 var ec2 = a.ec2(a.region())) {
                assertThat(ec2.describeRegions().regions()).isNotEmpty();
            }
            assertThat(proxy.requests).anyMatch(r -> r.startsWith("POST " + moto.endpoint()));
            int through = proxy.requests.size();

            try (AwsAccess a = AwsAccess.of(source(moto.endpoint()), Map.of("HTTP_PROXY", proxy.url(),
                    "NO_PROXY", "localhost,127.0.0.1"));
                 var ec2 = a.ec2(a.region())) {
                assertThat(ec2.describeRegions().regions()).isNotEmpty();
            }
            assertThat(proxy.requests).as("NO_PROXY hosts are reached directly").hasSize(through);
        }
    }

    /** {@code temporary_security_group_source_public_ip}'s check-IP service is reached as the AWS clients are. */
    @Test
    void theCheckIpServiceIsReachedThroughTheRunsProxyExceptForNoProxyHosts() throws Exception {
        var checkIp = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        checkIp.createContext("/", ex -> {
            byte[] b = "203.0.113.7\n".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        checkIp.start();
        try (ForwardProxy proxy = new ForwardProxy()) {
            String url = "http://127.0.0.1:" + checkIp.getAddress().getPort() + "/";
            assertThat(PublicIp.block(Map.of(PublicIp.URL_VARIABLE, url, "HTTP_PROXY", proxy.url())))
                    .isEqualTo("203.0.113.7/32");
            assertThat(proxy.requests).containsExactly("GET " + url + " HTTP/1.1");

            assertThat(PublicIp.block(Map.of(PublicIp.URL_VARIABLE, url, "HTTP_PROXY", proxy.url(),
                    "NO_PROXY", "127.0.0.1"))).isEqualTo("203.0.113.7/32");
            assertThat(proxy.requests).as("NO_PROXY hosts are reached directly").hasSize(1);
        } finally {
            checkIp.stop(0);
        }
    }

    @Test
    void theProxysUserAndTheHttpsVariableAreRead() {
        var p = AwsAccess.proxy(Map.of("HTTPS_PROXY", "http://ci%40corp:s3cret@proxy.corp:3128",
                "NO_PROXY", ".internal,example.com"), "");

        assertThat(p.host()).isEqualTo("proxy.corp");
        assertThat(p.port()).isEqualTo(3128);
        assertThat(p.username()).isEqualTo("ci@corp");
        assertThat(p.password()).isEqualTo("s3cret");
        assertThat(p.nonProxyHosts()).anyMatch("build.internal"::matches).anyMatch("example.com"::matches)
                .anyMatch("api.example.com"::matches).noneMatch("example.org"::matches)
                .noneMatch("internal"::matches);
        assertThat(AwsAccess.proxy(Map.of(), "").host()).as("no proxy in the run's environment").isNull();
    }
}
