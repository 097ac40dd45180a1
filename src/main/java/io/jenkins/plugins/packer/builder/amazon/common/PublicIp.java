package io.jenkins.plugins.packer.builder.amazon.common;

import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Packer's {@code CheckPublicIp}, for {@code temporary_security_group_source_public_ip}: this host's public address
 * as {@code https://checkip.amazonaws.com} (or the service {@code PKRJ_CHECKIP_URL} names) answers it, as a
 * one-address CIDR block.
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
            body = get(url.isEmpty() ? URL : url).strip();
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

    private static String get(String url) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .proxy(ProxySelector.getDefault()).followRedirects(HttpClient.Redirect.NORMAL).build();
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
}
