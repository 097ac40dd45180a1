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
                Map.of("PATH", "/usr/bin:/bin", "CHECKPOINT_DISABLE", "1", "LANG", "C.UTF-8", "HOME", HOME.toString()),
                dir);
        int rc = Main.run(io, args);
        return new Run(rc, buf.toString(StandardCharsets.UTF_8), buf.toByteArray());
    }
}
