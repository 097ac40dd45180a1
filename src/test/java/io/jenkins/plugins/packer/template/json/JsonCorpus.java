package io.jenkins.plugins.packer.template.json;

import io.jenkins.plugins.packer.SharedCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The conformance corpus: packer 1.6.6's verdicts on real and handmade JSON templates and variables files. */
final class JsonCorpus {

    static final Path DIR = corpusDir();

    private JsonCorpus() {
    }

    private static Path corpusDir() {
        return SharedCorpus.dir();
    }

    /**
     * One {@code packer validate -syntax-only} run: the directory it ran in, the var files and template it was
     * given, its exit code and the file holding its complete output.
     */
    record Run(String name, Path workDir, List<String> varFiles, String template, int exitCode, Path output) {

        @Override
        public String toString() {
            return name;
        }

        String expectedOutput() {
            return read(output);
        }
    }

    /** Every ORACLE.tsv row of kind {@code json} or {@code json-vars} that packer was run on. */
    static List<Run> oracleRuns() {
        List<Run> runs = new ArrayList<>();
        for (String[] row : rows(DIR.resolve("ORACLE.tsv"))) {
            if (!(row[1].equals("json") || row[1].equals("json-vars")) || row[3].equals("-")) {
                continue;
            }
            // validate_cmd reads "cd DIR && packer validate -syntax-only [-var-file=F ...] TARGET".
            String cmd = row[9];
            String dir = cmd.substring("cd ".length(), cmd.indexOf(" && "));
            String[] args = cmd.substring(cmd.indexOf("-syntax-only ") + "-syntax-only ".length()).split(" ");
            List<String> varFiles = new ArrayList<>();
            for (String a : Arrays.asList(args).subList(0, args.length - 1)) {
                varFiles.add(a.substring("-var-file=".length()));
            }
            runs.add(new Run(row[1] + " " + row[0], DIR.resolve(dir), varFiles, args[args.length - 1],
                    Integer.parseInt(row[3]), DIR.resolve("oracle-output/" + row[0] + ".validate-syntax.txt")));
        }
        return runs;
    }

    /** Every handmade JSON template, run alone in its folder. */
    static List<Run> handmadeRuns() {
        Path handmade = DIR.resolve("handmade");
        List<Run> runs = new ArrayList<>();
        for (String[] row : rows(handmade.resolve("ORACLE.tsv"))) {
            if (row[0].endsWith(".json")) {
                runs.add(new Run(row[0], handmade.resolve("templates"), List.of(), row[0], Integer.parseInt(row[3]),
                        handmade.resolve("oracle/" + row[0] + ".validate-syntax.txt")));
            }
        }
        return runs;
    }

    private static List<String[]> rows(Path tsv) {
        List<String> lines = readLines(tsv);
        return lines.subList(1, lines.size()).stream().map(l -> l.split("\t", -1)).toList();
    }

    private static List<String> readLines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
