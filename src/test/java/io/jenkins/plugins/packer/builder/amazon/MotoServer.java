package io.jenkins.plugins.packer.builder.amazon;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A real EC2 API for tests: moto in server mode on 127.0.0.1 on a free port, from the virtualenv {@code .ci/run}
 * makes ({@code .venv/bin/moto_server} at the project's root, or {@code $MOTO_SERVER}); stopped by {@link #close()}.
 */
public final class MotoServer implements AutoCloseable {

    /** The fake keys every test signs with; moto accepts any. */
    public static final String ACCESS_KEY = "AKIAMOTOTESTKEY00001";
    public static final String SECRET_KEY = "moto-test-secret-key-do-not-print";

    public final int port;
    private final Process process;
    private final Path log;
    private final boolean tls;

    private MotoServer(int port, Process process, Path log, boolean tls) {
        this.port = port;
        this.process = process;
        this.log = log;
        this.tls = tls;
    }

    static Path executable() {
        String env = System.getenv("MOTO_SERVER");
        if (env != null && !env.isEmpty()) {
            return Path.of(env);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve(".venv/bin/moto_server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Starts moto and waits (at most 30 s) until it answers; skips outside CI when moto is not installed. */
    public static MotoServer start(Path dir) throws IOException, InterruptedException {
        return start(dir, false);
    }

    /** Starts moto serving HTTPS with a self-signed certificate of its own making. */
    public static MotoServer startTls(Path dir) throws IOException, InterruptedException {
        return start(dir, true);
    }

    private static MotoServer start(Path dir, boolean tls) throws IOException, InterruptedException {
        Path exe = executable();
        if (exe == null || !Files.isExecutable(exe)) {
            String why = "moto is not installed (python3 -m venv .venv && .venv/bin/pip install 'moto[server]')";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            assumeTrue(false, why + ": skipped outside CI");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dir);
        Path log = dir.resolve("moto.log");
        List<String> command = new ArrayList<>(List.of(exe.toString(), "-H", "127.0.0.1", "-p",
                Integer.toString(port)));
        if (tls) {
            command.add("-s");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        MotoServer server = new MotoServer(port, p, log, tls);
        for (int i = 0; i < 300; i++) {
            if (!p.isAlive()) {
                throw new IOException("moto_server exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        server.close();
        throw new IOException("moto_server did not listen on port " + port + " within 30 s");
    }

    public String endpoint() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port;
    }

    /** Forgets every resource: a clean EC2 for the next test. */
    public void reset() throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/moto-api/reset").toURL()
                .openConnection();
        c.setRequestMethod("POST");
        c.setConnectTimeout(5_000);
        c.setReadTimeout(30_000);
        if (c.getResponseCode() != 200) {
            throw new IOException("moto reset answered " + c.getResponseCode());
        }
        c.disconnect();
    }

    /** A client to look at what the builds left, in {@code region}. */
    public Ec2Client client(String region) {
        return Ec2Client.builder().endpointOverride(URI.create(endpoint())).region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY)))
                .build();
    }

    /** An IAM client, to look at the roles and instance profiles the builds left. */
    public software.amazon.awssdk.services.iam.IamClient iam() {
        return software.amazon.awssdk.services.iam.IamClient.builder().endpointOverride(URI.create(endpoint()))
                .region(Region.AWS_GLOBAL).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY)))
                .build();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
