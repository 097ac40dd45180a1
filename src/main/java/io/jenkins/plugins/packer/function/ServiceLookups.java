package io.jenkins.plugins.packer.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The {@code consul_key} and {@code vault} lookups: Consul's KV and Vault's logical read HTTP APIs, configured by the
 * run's environment as Consul's and Vault's own clients are ({@code CONSUL_HTTP_ADDR}, {@code CONSUL_HTTP_TOKEN},
 * {@code CONSUL_HTTP_SSL}, {@code VAULT_ADDR}, {@code VAULT_TOKEN}), with Packer's messages.
 */
final class ServiceLookups {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** Immutable and thread-safe; one for the JVM keeps connection pools and threads from multiplying. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    private ServiceLookups() {
    }

    /** Reads a Consul key; Packer's errors when the service fails, the key is missing or its value empty. */
    static String consulKey(Map<String, String> env, String key) throws FunctionException {
        String addr = env.getOrDefault("CONSUL_HTTP_ADDR", "");
        if (addr.isEmpty()) {
            addr = "127.0.0.1:8500";
        }
        String scheme = "http";
        if (addr.startsWith("https://") || addr.startsWith("http://")) {
            scheme = addr.substring(0, addr.indexOf(':'));
            addr = addr.substring(scheme.length() + 3);
        } else if ("true".equalsIgnoreCase(env.get("CONSUL_HTTP_SSL"))) {
            scheme = "https";
        }
        String url = scheme + "://" + addr + "/v1/kv/" + key;
        String token = env.get("CONSUL_HTTP_TOKEN");
        HttpResponse<String> resp = get(url, addr, token == null || token.isEmpty() ? List.of()
                : List.of("X-Consul-Token", token), "error reading consul key: ");
        if (resp.statusCode() == 404) {
            throw new FunctionException("key does not exist at the given path: " + key);
        }
        if (resp.statusCode() != 200) {
            throw new FunctionException("error reading consul key: Unexpected response code: " + resp.statusCode()
                    + " (" + resp.body() + ")");
        }
        JsonNode entries = parse(resp.body(), "error reading consul key: ");
        JsonNode value = entries.path(0).path("Value");
        String decoded = value.isTextual()
                ? new String(Base64.getDecoder().decode(value.asText()), StandardCharsets.UTF_8) : "";
        if (decoded.isEmpty()) {
            throw new FunctionException("value is empty at path " + key);
        }
        return decoded;
    }

    /** Reads {@code key} of the Vault secret at {@code path}, from a KV version 2 or version 1 engine. */
    static String vault(Map<String, String> env, String path, String key) throws FunctionException {
        String token = env.get("VAULT_TOKEN");
        if (token == null || token.isEmpty()) {
            throw new FunctionException("Must set VAULT_TOKEN env var in order to use vault template function");
        }
        String addr = env.getOrDefault("VAULT_ADDR", "");
        if (addr.isEmpty()) {
            addr = "https://127.0.0.1:8200";
        }
        URI base = URI.create(addr);
        String hostPort = base.getHost() + ":" + (base.getPort() > 0 ? base.getPort()
                : "https".equals(base.getScheme()) ? 443 : 80);
        String url = addr.replaceAll("/+$", "") + "/v1/" + path;
        HttpResponse<String> resp = get(url, hostPort, List.of("X-Vault-Token", token), "Error reading vault secret: ");
        if (resp.statusCode() == 404) {
            throw new FunctionException("Vault Secret does not exist at the given path");
        }
        if (resp.statusCode() != 200) {
            throw new FunctionException("Error reading vault secret: Error making API request.\n\nURL: GET " + url
                    + "\nCode: " + resp.statusCode() + ". Errors:\n\n" + errors(resp.body()));
        }
        JsonNode secret = parse(resp.body(), "Error reading vault secret: ");
        JsonNode data = secret.path("data");
        JsonNode v2 = data.get("data");
        if (v2 == null) {
            JsonNode v1 = data.get(key);
            if (v1 != null && v1.isTextual()) {
                return v1.asText();
            }
            List<String> warnings = new ArrayList<>();
            secret.path("warnings").forEach(w -> warnings.add(w.asText()));
            throw new FunctionException("Vault data was empty at the given path. Warnings: "
                    + String.join("; ", warnings));
        }
        JsonNode value = v2.get(key);
        if (value != null && value.isTextual()) {
            return value.asText();
        }
        throw new FunctionException("Vault path does not contain the requested key");
    }

    private static String errors(String body) {
        StringBuilder b = new StringBuilder();
        try {
            JSON.readTree(body).path("errors").forEach(e -> b.append("* ").append(e.asText()).append('\n'));
        } catch (IOException e) {
            b.append(body);
        }
        return b.toString().stripTrailing();
    }

    private static JsonNode parse(String body, String prefix) throws FunctionException {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new FunctionException(prefix + e.getMessage());
        }
    }

    /** A GET with bounded waits; failures read as Go's HTTP client reports them. */
    private static HttpResponse<String> get(String url, String hostPort, List<String> headers, String prefix)
            throws FunctionException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET();
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            req.header(headers.get(i), headers.get(i + 1));
        }
        try {
            return CLIENT.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new FunctionException(prefix + "Get \"" + url + "\": dial tcp " + hostPort
                    + ": connect: connection refused");
        } catch (HttpTimeoutException e) {
            throw new FunctionException(prefix + "Get \"" + url + "\": context deadline exceeded");
        } catch (IOException e) {
            throw new FunctionException(prefix + "Get \"" + url + "\": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FunctionException(prefix + "Get \"" + url + "\": context canceled");
        }
    }
}
