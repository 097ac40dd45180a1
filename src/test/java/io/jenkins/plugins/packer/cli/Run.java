package io.jenkins.plugins.packer.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs pkrj in process, as packer's oracle runs were made: given stdin, a reduced environment, one directory. */
record Run(int rc, String out, byte[] bytes) {

    /** A scratch home directory, as the oracle runs had one. */
    private static final Path HOME = scratchHome();

    /**
     * {@code /usr/bin:/bin} as the oracle machine had it: without Ansible, Puppet or Salt, which were not installed
     * there (so the ansible provisioner's Prepare failed to run {@code ansible-playbook --version}) and are here for
     * the provisioner tests. A folder of links to every other command.
     */
    private static final String ORACLE_PATH = oraclePath();

    private static String oraclePath() {
        try {
            Path bin = Files.createTempDirectory("pkrj-oracle-path");
            for (String dir : new String[] {"/usr/bin", "/bin"}) {
                try (var files = Files.list(Path.of(dir))) {
                    for (Path f : files.toList()) {
                        String name = f.getFileName().toString();
                        if (!name.matches("(ansible|puppet|salt|facter|hiera).*") && !Files.exists(bin.resolve(name),
                                java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                            Files.createSymbolicLink(bin.resolve(name), f);
                        }
                    }
                }
            }
            return bin.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path scratchHome() {
        try {
            Path home = Files.createTempDirectory("pkrj-home");
            home.toFile().deleteOnExit();
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Run pkrj(Path dir, String stdin, String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        Main.Io io = new Main.Io(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out,
                Map.of("PATH", ORACLE_PATH, "CHECKPOINT_DISABLE", "1", "LANG", "C.UTF-8", "HOME", HOME.toString()),
                dir);
        int rc = Main.run(io, args);
        return new Run(rc, buf.toString(StandardCharsets.UTF_8), buf.toByteArray());
    }
}
