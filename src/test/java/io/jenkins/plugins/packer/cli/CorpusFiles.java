package io.jenkins.plugins.packer.cli;

import io.jenkins.plugins.packer.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Locates the shared conformance corpus and reads its tab-separated oracle files. */
final class CorpusFiles {

    private CorpusFiles() {
    }

    static Path root() {
        return SharedCorpus.dir();
    }

    /** The rows of a TSV file without its header, split on tabs. */
    static List<String[]> tsv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isEmpty()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }
}
