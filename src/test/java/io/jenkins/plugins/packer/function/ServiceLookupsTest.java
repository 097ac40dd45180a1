package io.jenkins.plugins.packer.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.packer.value.Value;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** consul_key and vault against a small HTTP server on 127.0.0.1 that answers as Consul and Vault do. */
class ServiceLookupsTest {

    private HttpServer server;
    private String addr;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/kv/", ex -> {
            String key = ex.getRequestURI().getPath().substring("/v1/kv/".length());
            String token = ex.getRequestHeaders().getFirst("X-Consul-Token");
            if (key.equals("app/name") && "secret-token".equals(token)) {
                String b64 = Base64.getEncoder().encodeToString("web".getBytes(StandardCharsets.UTF_8));
                reply(ex, 200, "[{\"Key\":\"app/name\",\"Value\":\"" + b64 + "\"}]");
            } else if (key.equals("app/empty")) {
                reply(ex, 200, "[{\"Key\":\"app/empty\",\"Value\":null}]");
            } else {
                reply(ex, 404, "");
            }
        });
        server.createContext("/v1/secret/", ex -> {
            if (!"vault-token".equals(ex.getRequestHeaders().getFirst("X-Vault-Token"))) {
                reply(ex, 403, "{\"errors\":[\"permission denied\"]}");
            } else if (ex.getRequestURI().getPath().equals("/v1/secret/data/app")) {
                reply(ex, 200, "{\"data\":{\"data\":{\"password\":\"p4ss\"},\"metadata\":{}}}");
            } else if (ex.getRequestURI().getPath().equals("/v1/secret/v1app")) {
                reply(ex, 200, "{\"data\":{\"password\":\"old\"}}");
            } else {
                reply(ex, 404, "{\"errors\":[]}");
            }
        });
        server.start();
        addr = "127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(code, b.length == 0 ? -1 : b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    private static Function fn(String name, Map<String, String> env) {
        return Functions.packer(new FunctionContext(Path.of("."), null, env, Clock.systemUTC())).get(name);
    }

    @Test
    void consulKeyReadsTheValueWithTheToken() throws FunctionException {
        Value v = fn("consul_key", Map.of("CONSUL_HTTP_ADDR", addr, "CONSUL_HTTP_TOKEN", "secret-token"))
                .call(List.of(Value.string("app/name")));
        assertThat(v.asString()).isEqualTo("web");
    }

    @Test
    void consulKeyThatDoesNotExistIsAnError() {
        assertThatThrownBy(() -> fn("consul_key", Map.of("CONSUL_HTTP_ADDR", addr)).call(List.of(Value.string("x"))))
                .hasMessage("key does not exist at the given path: x");
    }

    @Test
    void consulKeyWithAnEmptyValueIsAnError() {
        assertThatThrownBy(() -> fn("consul_key", Map.of("CONSUL_HTTP_ADDR", addr))
                .call(List.of(Value.string("app/empty")))).hasMessage("value is empty at path app/empty");
    }

    @Test
    void consulThatIsNotRunningReadsAsGoReportsIt() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String a = "127.0.0.1:" + port;
        assertThatThrownBy(() -> fn("consul_key", Map.of("CONSUL_HTTP_ADDR", a)).call(List.of(Value.string("k"))))
                .hasMessage("error reading consul key: Get \"http://" + a + "/v1/kv/k\": dial tcp " + a
                        + ": connect: connection refused");
    }

    @Test
    void vaultReadsAKeyOfAVersionTwoSecret() throws FunctionException {
        Value v = fn("vault", Map.of("VAULT_ADDR", "http://" + addr, "VAULT_TOKEN", "vault-token"))
                .call(List.of(Value.string("secret/data/app"), Value.string("password")));
        assertThat(v.asString()).isEqualTo("p4ss");
    }

    @Test
    void vaultReadsAKeyOfAVersionOneSecret() throws FunctionException {
        Value v = fn("vault", Map.of("VAULT_ADDR", "http://" + addr, "VAULT_TOKEN", "vault-token"))
                .call(List.of(Value.string("secret/v1app"), Value.string("password")));
        assertThat(v.asString()).isEqualTo("old");
    }

    @Test
    void vaultWithoutTheKeyIsAnError() {
        assertThatThrownBy(() -> fn("vault", Map.of("VAULT_ADDR", "http://" + addr, "VAULT_TOKEN", "vault-token"))
                .call(List.of(Value.string("secret/data/app"), Value.string("nope"))))
                .hasMessage("Vault path does not contain the requested key");
    }

    @Test
    void vaultNeedsAToken() {
        assertThatThrownBy(() -> fn("vault", Map.of("VAULT_ADDR", "http://" + addr))
                .call(List.of(Value.string("secret/data/app"), Value.string("password"))))
                .hasMessage("Must set VAULT_TOKEN env var in order to use vault template function");
    }

    @Test
    void vaultSecretThatDoesNotExistIsAnError() {
        assertThatThrownBy(() -> fn("vault", Map.of("VAULT_ADDR", "http://" + addr, "VAULT_TOKEN", "vault-token"))
                .call(List.of(Value.string("secret/none"), Value.string("k"))))
                .hasMessage("Vault Secret does not exist at the given path");
    }
}
