package io.jenkins.plugins.packer.value;

import io.jenkins.plugins.packer.SharedCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The expression oracle: packer console v1.6.6 outputs in corpus/handmade/expressions. */
final class Corpus {

    private static final Path DIR = corpusDir().resolve("handmade/expressions");
    private static final Map<String, String> EXPRESSIONS = readCases();

    private Corpus() {
    }

    private static Path corpusDir() {
        return SharedCorpus.dir();
    }

    private static Map<String, String> readCases() {
        Map<String, String> cases = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(DIR.resolve("cases.tsv"), StandardCharsets.UTF_8)) {
                String[] fields = line.split("\t");
                cases.put(fields[0], fields[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** The expression of a case, as typed into the console. */
    static String expression(String id) {
        String e = EXPRESSIONS.get(id);
        if (e == null) {
            throw new IllegalArgumentException("no case " + id);
        }
        return e;
    }

    /** What the console printed for a successful case, without the final newline. */
    static String output(String id) {
        String text = rawOutput(id);
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /** What the console printed for a failed case, its wrapped lines joined by single spaces. */
    static String errorText(String id) {
        return rawOutput(id).replaceAll("\\s+", " ");
    }

    private static String rawOutput(String id) {
        try {
            return Files.readString(DIR.resolve("out/" + id + ".txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
