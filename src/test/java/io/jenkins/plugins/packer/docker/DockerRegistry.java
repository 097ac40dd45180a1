package io.jenkins.plugins.packer.docker;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A real image registry for the push tests: Debian's docker-registry (the CNCF distribution registry) on 127.0.0.1
 * on a free port, storing under a folder of the test's, with one user (htpasswd, bcrypt) required for every call.
 * The Docker daemon talks plain HTTP to it, as it does to any registry on a loopback address.
 */
public final class DockerRegistry implements AutoCloseable {

    public static final String USER = "pkrj-push";
    public static final String PASSWORD = "pkrj-push-password-7";

    public final int port;
    private final Process process;
    private final Path dir;
    private final String user;
    private final String password;

    private DockerRegistry(int port, Process process, Path dir, String user, String password) {
        this.port = port;
        this.process = process;
        this.dir = dir;
        this.user = user;
        this.password = password;
    }

    /** {@code 127.0.0.1:PORT}, the registry part of the names pushed to it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public static DockerRegistry start(Path dir) throws IOException, InterruptedException {
        return start(dir, USER, PASSWORD);
    }

    /** A registry whose one user is {@code user} with {@code password}. */
    public static DockerRegistry start(Path dir, String user, String password) throws IOException,
            InterruptedException {
        Path exe = Path.of("/usr/bin/docker-registry");
        if (!Files.isExecutable(exe)) {
            String why = "Debian's docker-registry is not installed (apt-get install docker-registry)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            assumeTrue(false, why + ": skipped outside CI");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dir.resolve("data"));
        String hash = new String(BCrypt.with(BCrypt.Version.VERSION_2Y).hash(6, password.toCharArray()),
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("htpasswd"), user + ":" + hash + "\n");
        Files.writeString(dir.resolve("config.yml"), """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                auth:
                  htpasswd:
                    realm: pkrj-test
                    path: %s
                http:
                  addr: 127.0.0.1:%d
                """.formatted(dir.resolve("data"), dir.resolve("htpasswd"), port));
        Process p = new ProcessBuilder(exe.toString(), "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        DockerRegistry r = new DockerRegistry(port, p, dir, user, password);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (!p.isAlive()) {
                throw new IOException("docker-registry ended at start:\n" + r.log());
            }
            try {
                int code = r.status("/v2/");
                if (code == 401 || code == 200) {
                    return r;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                r.close();
                throw new IOException("docker-registry did not answer within 30 s:\n" + r.log());
            }
            Thread.sleep(100);
        }
    }

    private int status(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://" + address() + path).toURL().openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(5000);
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    /** GET {@code path} as the registry's user; the body, or the status when it is not 200. */
    public String get(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://" + address() + path).toURL().openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(5000);
        c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        try {
            if (c.getResponseCode() != 200) {
                return "HTTP " + c.getResponseCode();
            }
            return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("registry.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
