package io.jenkins.plugins.packer.template.json;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code packer validate -syntax-only} on a legacy JSON template, with packer 1.6.6's output and exit code. For JSON
 * that checks only what its template parser checks, then reads every {@code -var-file} as JSON variables; variable
 * interpolation, builder and provisioner configuration and the template's own validation (at least one builder,
 * {@code only}/{@code except} names) belong to full validation, and so does the {@code fix} report.
 */
public final class JsonValidate {

    /** What packer printed (standard output and error together, as it writes both to standard output). */
    public record Result(int exitCode, String output) {}

    static final String PASSED = "Syntax-only check passed. Everything looks okay.\n";

    private JsonValidate() {
    }

    /**
     * Runs the syntax-only check.
     *
     * @param workDir the directory relative paths start from
     * @param template the template path as given on the command line
     * @param varFiles the {@code -var-file} paths as given, in order
     */
    public static Result syntaxOnly(Path workDir, String template, List<String> varFiles) {
        Loaded loaded = load(workDir, template, varFiles);
        return loaded.failure() != null ? loaded.failure() : new Result(0, PASSED);
    }

    /**
     * A template read as packer reads it before any command-specific work, or why it could not be.
     *
     * @param template the parsed template, {@code null} on failure
     * @param failure what packer printed and its exit code, {@code null} on success
     */
    public record Loaded(JsonTemplate template, Result failure) {}

    /**
     * Reads and parses the template, then every {@code -var-file}, failing as packer's shared start of the JSON
     * commands does ({@code validate}, {@code inspect}, {@code build}).
     *
     * @param workDir the directory relative paths start from
     * @param template the template path as given on the command line
     * @param varFiles the {@code -var-file} paths as given, in order
     */
    public static Loaded load(Path workDir, String template, List<String> varFiles) {
        Path path = workDir.resolve(template);
        if (!Files.exists(path)) {
            // packer looks at the path first to tell HCL2 directories from JSON files.
            return failed(1, GoText.quote(template) + ": stat " + template + ": no such file or directory\n");
        }
        byte[] content;
        try {
            content = Files.isDirectory(path) ? null : Files.readAllBytes(path);
        } catch (IOException e) {
            return failed(1, "Failed to parse template: " + pathError("open", template, e) + "\n");
        }
        if (content == null) {
            return failed(1, "Failed to parse template: read " + template + ": is a directory\n");
        }
        JsonTemplateParser.Result parsed = JsonTemplateParser.parse(content);
        if (!parsed.ok()) {
            return failed(1, "Failed to parse template: " + parsed.error().message() + "\n");
        }
        for (String varFile : varFiles) {
            byte[] vars;
            Path varPath = workDir.resolve(varFile);
            if (Files.isDirectory(varPath)) {
                // Go opens a directory without complaint and fails on the first read.
                return failed(1, "Error reading variables in '" + varFile + "': read " + varFile
                        + ": is a directory\n");
            }
            try {
                vars = Files.readAllBytes(varPath);
            } catch (IOException e) {
                return failed(1, pathError("open", varFile, e) + "\n");
            }
            JsonVarFile.Result read = JsonVarFile.parse(vars);
            if (!read.ok()) {
                return failed(1, "Error reading variables in '" + varFile + "': " + read.error() + "\n");
            }
        }
        return new Loaded(parsed.template(), null);
    }

    private static Loaded failed(int exitCode, String output) {
        return new Loaded(null, new Result(exitCode, output));
    }

    /** An I/O failure worded as Go's {@code *PathError}: {@code open NAME: no such file or directory}. */
    private static String pathError(String op, String name, IOException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "no such file or directory";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            reason = fse.getReason().toLowerCase(Locale.ROOT);
        } else {
            reason = String.valueOf(e.getMessage());
        }
        return op + " " + name + ": " + reason;
    }
}
