package io.jenkins.plugins.packer.builder.amazon.common;

import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;

/**
 * Packer's {@code CheckPublicIp}, for {@code temporary_security_group_source_public_ip}: this host's public address
 * as {@code https://checkip.amazonaws.com} (or the service {@code PKRJ_CHECKIP_URL} names) answers it, as a
 * one-address CIDR block. The service is reached through the run's proxy, as the AWS clients are.
 */
final class PublicIp {

    static final String URL = "https://checkip.amazonaws.com";
    static final String URL_VARIABLE = "PKRJ_CHECKIP_URL";

    private PublicIp() {
    }

    /** The block, or an {@link IOException} worded as Packer's error. */
    static String block(Map<String, String> env) throws IOException {
        String url = env.getOrDefault(URL_VARIABLE, "");
        String body;
        try {
            body = get(url.isEmpty() ? URL : url, env).strip();
        } catch (IOException e) {
            throw new IOException("failed to get current host's public ip: " + e.getMessage(), e);
        }
        String block = Cidrs.hostBlock(body);
        if (block == null) {
            throw new IOException("failed to get current host's public ip: failed to parse response body: " + body);
        }
        if (block.equals("0.0.0.0/32") || block.equals("::/128")) {
            throw new IOException("Current host's public IP is unspecified: " + block.substring(0,
                    block.indexOf('/')));
        }
        return block;
    }

    private static String get(String url, Map<String, String> env) throws IOException {
        var proxy = AwsAccess.proxy(env, url);
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .proxy(selector(proxy)).followRedirects(HttpClient.Redirect.NORMAL);
        if (proxy.username() != null) {
            b.authenticator(new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return getRequestorType() != RequestorType.PROXY ? null : new PasswordAuthentication(
                            proxy.username(), proxy.password() == null ? new char[0] : proxy.password().toCharArray());
                }
            });
        }
        HttpClient client = b.build();
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException("GET failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("GET failed: interrupted", e);
        } catch (IOException e) {
            throw new IOException("GET failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("received status " + response.statusCode());
        }
        return response.body();
    }

    /** The proxy of {@code p} for every host but those it bypasses; none when it names none. */
    static ProxySelector selector(ProxyConfiguration p) {
        if (p.host() == null) {
            return HttpClient.Builder.NO_PROXY;
        }
        Proxy through = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.host(), p.port()));
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                String host = uri.getHost() == null ? "" : uri.getHost();
                return List.of(p.nonProxyHosts().stream().anyMatch(host::matches) ? Proxy.NO_PROXY : through);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
                // Nothing else to try: the error is the build's.
            }
        };
    }
}
