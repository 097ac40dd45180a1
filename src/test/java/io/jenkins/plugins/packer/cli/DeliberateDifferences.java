package io.jenkins.plugins.packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a command deliberately differs from packer 1.6.6 (docs/differences.md), kept as data under
 * {@code src/test/resources/<name>/}: {@code differences.tsv} gives each case's exit code and reason, {@code <case>.txt}
 * our exact output. A listed case must print that and must still differ from packer's output.
 */
final class DeliberateDifferences {

    private final Path dir;
    private final Map<String, String[]> rows = new HashMap<>();

    private DeliberateDifferences(Path dir) {
        this.dir = dir;
        try {
            for (String[] r : CorpusFiles.tsv(dir.resolve("differences.tsv"))) {
                rows.put(r[0], r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DeliberateDifferences of(String name) {
        return new DeliberateDifferences(Path.of("src/test/resources", name));
    }

    /**
     * Checks a listed case and returns true; returns false for a case that is not listed, which the caller compares
     * with packer's output as usual. Outputs are compared byte for byte.
     */
    boolean check(String key, Run run, byte[] packerOutput) throws IOException {
        String[] row = rows.get(key);
        if (row == null) {
            return false;
        }
        String ours = latin1(Files.readAllBytes(dir.resolve(key + ".txt")));
        assertThat(latin1(run.bytes())).as("deliberate difference: %s", row[2]).isEqualTo(ours)
                .isNotEqualTo(latin1(packerOutput));
        assertThat(run.rc()).as("exit code of deliberate difference %s", key).isEqualTo(Integer.parseInt(row[1]));
        return true;
    }

    /** Each listed case's reason, by case. */
    Map<String, String> reasons() {
        Map<String, String> m = new HashMap<>();
        rows.forEach((k, r) -> m.put(k, r[2]));
        return m;
    }

    static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
