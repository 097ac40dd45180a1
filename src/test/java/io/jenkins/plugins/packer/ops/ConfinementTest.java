package io.jenkins.plugins.packer.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.template.LoadRequest;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine reads for a template in Jenkins stays inside the workspace, checked when each file is opened: a
 * template file or an auto var-file of the folder that links outside is refused (its lines never reach the output),
 * and neither a FIFO nor a huge file hangs or exhausts the agent.
 */
class ConfinementTest {

    @TempDir
    Path tmp;

    private Path ws;
    private Path outside;

    private static final String VALID = """
            source "null" "n" {
              communicator = "none"
            }
            build {
              sources = ["source.null.n"]
            }
            """;

    @BeforeEach
    void workspace() throws Exception {
        ws = Files.createDirectories(tmp.resolve("ws"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.pkr.hcl"), "locals {\n  leaked = \"TOP-SECRET-LINE\"\n  bad = \n}\n");
        Files.writeString(ws.resolve("main.pkr.hcl"), VALID);
    }

    /** The validation's output, its lines joined (diagnostics wrap their details). */
    private String validate(String target) {
        LoadRequest load = new LoadRequest(ws, target, List.of(), Map.of(), Map.of(), Clock.systemUTC(), ws);
        Validate.Result r = Validate.run(load, false, List.of(), List.of());
        assertThat(r.exitCode()).as(r.text()).isOne();
        return r.text().replaceAll("\\s+", " ");
    }

    @Test
    void aTemplateFileOfTheFolderThatLinksOutsideIsNotRead() throws Exception {
        Files.createSymbolicLink(ws.resolve("evil.pkr.hcl"), outside.resolve("secret.pkr.hcl"));

        String out = validate(".");

        assertThat(out).contains("The configuration file \"evil.pkr.hcl\" could not be read: it leads outside"
                + " the workspace").doesNotContain("TOP-SECRET-LINE");
    }

    @Test
    void anAutoVarFileThatLinksOutsideIsNotRead() throws Exception {
        Files.writeString(outside.resolve("x.pkrvars.hcl"), "TOP-SECRET-LINE = \n");
        Files.createSymbolicLink(ws.resolve("evil.auto.pkrvars.hcl"), outside.resolve("x.pkrvars.hcl"));

        String out = validate(".");

        assertThat(out).contains("could not be read: it leads outside the workspace")
                .doesNotContain("TOP-SECRET-LINE");
    }

    @Test
    @Timeout(30)
    void aFifoIsRefusedInsteadOfBlocking() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", ws.resolve("pipe.pkr.hcl").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        String out = validate(".");

        assertThat(out).contains("The configuration file \"pipe.pkr.hcl\" could not be read: it is not a regular"
                + " file");
    }

    @Test
    @Timeout(30)
    void aHugeFileIsRefusedInsteadOfRead() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(ws.resolve("huge.pkr.hcl").toFile(), "rw")) {
            f.setLength(300L * 1024 * 1024);
        }
        Files.writeString(ws.resolve("uses.pkr.hcl"), "locals {\n  a = file(\"huge.txt\")\n}\n");
        try (RandomAccessFile f = new RandomAccessFile(ws.resolve("huge.txt").toFile(), "rw")) {
            f.setLength(300L * 1024 * 1024);
        }

        String out = validate(".");

        assertThat(out).contains("\"huge.pkr.hcl\" could not be read: it is larger than 256 MiB");
        Files.delete(ws.resolve("huge.pkr.hcl"));
        assertThat(validate(".")).contains("failed to read huge.txt: it is larger than 256 MiB");
    }
}
