package io.jenkins.plugins.packer.communicator.ssh;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH {@code sshd} for tests: on 127.0.0.1, on a free port, with throwaway host keys (rsa and ed25519),
 * a user key of each kind in its own {@code authorized_keys}, and its own configuration; it runs in the foreground
 * as a child of the test and is stopped by {@link #close()}. Logins are as the user running the tests.
 */
public final class OpenSshServer implements AutoCloseable {

    static final Path SSHD = Path.of("/usr/sbin/sshd");

    public final Path dir;
    public final int port;
    public final Path ed25519Key;
    final Path rsaKey;
    private Process process;

    private OpenSshServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        this.ed25519Key = dir.resolve("user_ed25519");
        this.rsaKey = dir.resolve("user_rsa");
    }

    /** Skips the test outside CI when sshd cannot run here; fails it in CI. */
    public static void assumeAvailable() {
        String why = null;
        if (!Files.isExecutable(SSHD)) {
            why = "OpenSSH's sshd is not installed (apt-get install openssh-server)";
        } else {
            try {
                Files.createDirectories(Path.of("/run/sshd"));
            } catch (IOException e) {
                why = "sshd needs /run/sshd, which cannot be created here: " + e.getMessage();
            }
        }
        if (why != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            assumeTrue(false, why + ": skipped outside CI");
        }
    }

    /** Generates keys and a configuration in {@code dir}; the server is not started yet. */
    public static OpenSshServer prepare(Path dir, String... extraConfig) throws IOException, InterruptedException {
        assumeAvailable();
        Files.createDirectories(dir);
        OpenSshServer s = new OpenSshServer(dir, freePort());
        keygen(dir.resolve("host_ed25519"), "ed25519");
        keygen(dir.resolve("host_rsa"), "rsa");
        keygen(s.ed25519Key, "ed25519");
        keygen(s.rsaKey, "rsa");
        Files.writeString(dir.resolve("authorized_keys"), Files.readString(dir.resolve("user_ed25519.pub"))
                + Files.readString(dir.resolve("user_rsa.pub")));
        StringBuilder config = new StringBuilder()
                .append("Port ").append(s.port).append('\n')
                .append("ListenAddress 127.0.0.1\n")
                .append("HostKey ").append(dir.resolve("host_ed25519")).append('\n')
                .append("HostKey ").append(dir.resolve("host_rsa")).append('\n')
                .append("AuthorizedKeysFile ").append(dir.resolve("authorized_keys")).append('\n')
                .append("PidFile ").append(dir.resolve("sshd.pid")).append('\n')
                .append("UsePAM no\nStrictModes no\nPermitRootLogin yes\nPasswordAuthentication yes\n")
                .append("KbdInteractiveAuthentication no\nAllowTcpForwarding yes\n")
                .append("Subsystem sftp internal-sftp\n");
        for (String line : extraConfig) {
            config.append(line).append('\n');
        }
        Files.writeString(dir.resolve("sshd_config"), config);
        return s;
    }

    /** Starts sshd and waits (at most 10 s) until it accepts connections. */
    public OpenSshServer start() throws IOException, InterruptedException {
        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                throw new IOException("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IOException("sshd did not listen on port " + port + " within 10 s");
    }

    public static String user() {
        return System.getProperty("user.name");
    }

    /** Stops sshd and every session it started. */
    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void keygen(Path file, String type) throws IOException, InterruptedException {
        List<String> cmd = type.equals("rsa")
                ? List.of("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-f", file.toString())
                : List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-f", file.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ssh-keygen failed: " + new String(p.getInputStream().readAllBytes()));
        }
    }
}
