package io.jenkins.plugins.packer.docker;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A real Docker daemon for tests: Debian's {@code dockerd} (package docker.io, run as root), with a data root, an
 * exec root, a pid file and a socket of its own under a temporary folder, no iptables rules and no bridge, so that
 * it neither touches nor depends on the machine's own daemon or network; containers run with {@code --network none}.
 * One daemon serves every test of the JVM and stops when it exits. Nothing is pulled: {@link #BUSYBOX}, a base
 * image with a shell and the usual commands, is imported from the static busybox binary of Debian's busybox-static.
 */
public final class DockerDaemon {

    /**
     * A name of an Amazon ECR registry that this daemon, and only it, resolves to 127.0.0.1 (its own /etc/hosts, in
     * a mount namespace of its own): the ECR login tests push to a registry of theirs under this name.
     */
    public static final String ECR_HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

    /** The base image the tests build from: busybox's shell and tools, nothing else. */
    public static final String BUSYBOX = "pkrj-test/busybox:1";
    /** The {@code docker run} options of every test container: no network. */
    public static final String RUN_COMMAND =
            "[\"-d\", \"-i\", \"-t\", \"--network\", \"none\", \"--entrypoint=/bin/sh\", \"--\", \"{{.Image}}\"]";

    private static DockerDaemon shared;

    private final Path dir;
    private final Process process;
    private final String host;
    private final int tlsPort;

    private DockerDaemon(Path dir, Process process, int tlsPort) {
        this.dir = dir;
        this.process = process;
        this.host = "unix://" + dir.resolve("d.sock");
        this.tlsPort = tlsPort;
    }

    /**
     * The environment that reaches this daemon over TCP with TLS on 127.0.0.1, as {@code docker --tlsverify} does:
     * the client certificate and CA of {@code DOCKER_CERT_PATH} (the daemon's own, see {@link TlsFiles}).
     */
    public Map<String, String> tlsEnv() {
        return Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + tlsPort, "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH",
                dir.resolve("tls").toString(), "PATH", "/usr/bin:/bin");
    }

    /** {@code DOCKER_HOST} for this daemon. */
    public String host() {
        return host;
    }

    /** The environment a build reaches this daemon with. */
    public Map<String, String> env() {
        return Map.of("DOCKER_HOST", host, "PATH", "/usr/bin:/bin");
    }

    /** A client of this daemon, for a test's own checks. */
    public DockerEngine engine() {
        return DockerEngine.connect(env());
    }

    /** The daemon of this JVM, started on first use (at most 60 s); skipped outside CI when dockerd is missing. */
    public static synchronized DockerDaemon shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = start();
            DockerDaemon d = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(d::stop, "dockerd stop"));
        }
        return shared;
    }

    private static DockerDaemon start() throws IOException, InterruptedException {
        Path dockerd = Path.of("/usr/sbin/dockerd");
        Path busybox = Path.of("/bin/busybox");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!Files.isExecutable(dockerd) || !Files.isExecutable(busybox) || !root) {
            String why = "a Docker daemon needs root and Debian's docker.io and busybox-static"
                    + " (apt-get install docker.io busybox-static)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            assumeTrue(false, why + ": skipped outside CI");
        }
        // Short: containerd's sockets live under the exec root, and a Unix socket's path is at most 107 bytes.
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "pkrj-dockerd");
        Files.createDirectories(dir.resolve("data"));
        try {
            TlsFiles.write(dir.resolve("tls"));
        } catch (Exception e) {
            throw new IOException("cannot make the TLS files", e);
        }
        int tlsPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            tlsPort = s.getLocalPort();
        }
        Path tls = dir.resolve("tls");
        Files.writeString(dir.resolve("hosts"), Files.readString(Path.of("/etc/hosts")) + "\n127.0.0.1 " + ECR_HOST
                + "\n");
        List<String> command = new java.util.ArrayList<>(List.of("unshare", "--mount", "--propagation", "private",
                "sh", "-c", "mount --bind \"$0\" /etc/hosts && exec \"$@\"", dir.resolve("hosts").toString()));
        command.addAll(List.of(dockerd.toString(),
                "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(),
                "--pidfile", dir.resolve("dockerd.pid").toString(),
                "-H", "unix://" + dir.resolve("d.sock"),
                "-H", "tcp://127.0.0.1:" + tlsPort, "--tlsverify", "--tlscacert", tls.resolve("ca.pem").toString(),
                "--tlscert", tls.resolve("server-cert.pem").toString(), "--tlskey",
                tls.resolve("server-key.pem").toString(),
                "--iptables=false", "--bridge=none", "--ip-forward=false", "--ip-masq=false"));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("dockerd.log").toFile())
                .start();
        DockerDaemon d = new DockerDaemon(dir, p, tlsPort);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (!p.isAlive()) {
                throw new IOException("dockerd ended at start (" + p.exitValue() + "):\n" + d.log());
            }
            if (Files.exists(dir.resolve("d.sock"))) {
                try (DockerEngine e = d.engine()) {
                    e.client().pingCmd().exec();
                    break;
                } catch (RuntimeException notYet) {
                    // not answering yet
                }
            }
            if (System.nanoTime() > deadline) {
                d.stop();
                throw new IOException("dockerd did not answer within 60 s:\n" + d.log());
            }
            Thread.sleep(200);
        }
        d.importBusybox(busybox);
        return d;
    }

    /** Imports a root file system of busybox and its applets' links as {@link #BUSYBOX}. */
    private void importBusybox(Path busybox) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (String dirName : List.of("bin/", "etc/", "tmp/", "root/", "usr/", "usr/bin/")) {
                TarArchiveEntry e = new TarArchiveEntry(dirName);
                e.setMode(dirName.equals("tmp/") ? 01777 : 0755);
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            }
            byte[] binary = Files.readAllBytes(busybox);
            TarArchiveEntry bin = new TarArchiveEntry("bin/busybox");
            bin.setMode(0755);
            bin.setSize(binary.length);
            tar.putArchiveEntry(bin);
            tar.write(binary);
            tar.closeArchiveEntry();
            for (String applet : List.of("sh", "ls", "cat", "echo", "mkdir", "rm", "cp", "mv", "touch", "sleep",
                    "tar", "chmod", "chown", "id", "env", "test", "[", "true", "false", "wc", "find", "xargs", "sed",
                    "grep", "head", "tail", "stat", "printf", "kill", "ps", "sort", "uniq", "md5sum", "sha256sum",
                    "dd", "ln", "readlink", "dirname", "basename", "whoami", "adduser", "su", "date", "pwd", "tty")) {
                TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
                link.setLinkName("busybox");
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
            }
            file(tar, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
            file(tar, "etc/group", "root:x:0:\nnogroup:x:65534:\n");
        }
        try (DockerEngine e = engine()) {
            e.importImage(new ByteArrayInputStream(bytes.toByteArray()), DockerEngine.repositoryOf(BUSYBOX),
                    DockerEngine.tagOf(BUSYBOX), List.of("ENV PATH=/bin:/usr/bin"), "");
        }
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] b = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(0644);
        e.setSize(b.length);
        tar.putArchiveEntry(e);
        tar.write(b);
        tar.closeArchiveEntry();
    }

    /** The daemon's log so far. */
    public String log() {
        try {
            return Files.readString(dir.resolve("dockerd.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops the daemon (its containers with it) and removes its folder. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A mount left by a daemon killed mid-way keeps its folder; the rest goes.
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException busy) {
                    // a mount point still busy stays in /tmp
                }
            }
        } catch (IOException e) {
            // gone already
        }
    }
}
