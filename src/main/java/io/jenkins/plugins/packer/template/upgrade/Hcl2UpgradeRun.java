package io.jenkins.plugins.packer.template.upgrade;

import io.jenkins.plugins.packer.template.json.JsonTemplate;
import io.jenkins.plugins.packer.template.json.JsonTemplateParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * {@code packer hcl2_upgrade [-output-file=PATH] [-with-annotations] TEMPLATE} on files, with packer's messages,
 * order of effects and exit code: the output file is created (with the header) before the template is read, problems
 * that still leave a usable conversion are reported as {@code Ignoring following ...} and make the exit code 1.
 */
public final class Hcl2UpgradeRun {

    /** What the command printed, in order, one message a line; and its exit code. */
    public record Result(int exitCode, String output) {}

    private Hcl2UpgradeRun() {
    }

    /**
     * Runs the upgrade.
     *
     * @param workDir the directory relative paths start from
     * @param template the template path as given
     * @param outputFile the {@code -output-file} as given, or null for {@code TEMPLATE.pkr.hcl}
     * @param builderAvailable the builder types that can be used
     */
    public static Result run(Path workDir, String template, String outputFile, boolean withAnnotations,
            Predicate<String> builderAvailable) {
        String output = outputFile == null || outputFile.isEmpty() ? template + ".pkr.hcl" : outputFile;
        StringBuilder ui = new StringBuilder();
        Path out = workDir.resolve(output);
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            ui.append("Failed to create output directory: ").append(pathError("mkdir", e)).append('\n');
            return new Result(1, ui.toString());
        }
        try {
            Files.write(out, withAnnotations ? Hcl2Upgrade.FILE_HEADER.getBytes(StandardCharsets.UTF_8)
                    : new byte[0]);
        } catch (IOException e) {
            ui.append("Failed to create output file: ").append(pathError("open", e)).append('\n');
            return new Result(1, ui.toString());
        }

        byte[] content;
        JsonTemplateParser.Result parsed;
        try {
            content = Files.readAllBytes(workDir.resolve(template));
            parsed = JsonTemplateParser.parse(content);
        } catch (IOException e) {
            content = null;
            parsed = null;
            ui.append(notJson("open " + template + ": " + reason(e)));
        }
        if (parsed != null && !parsed.ok()) {
            ui.append(notJson(parsed.error().message()));
        }
        if (parsed == null || !parsed.ok()) {
            ui.append("Failed to get config from JSON\n");
            return new Result(1, ui.toString());
        }

        String initError = initializationError(parsed.template());
        if (initError != null) {
            ui.append("Ignoring following initialization error: <nil>: ; ").append(initError).append('\n');
        }
        Hcl2Upgrade.Conversion c = Hcl2Upgrade.convert(parsed.template(), new String(content, StandardCharsets.UTF_8),
                withAnnotations, builderAvailable);
        int exit = c.errors().isEmpty() ? 0 : 1;
        c.errors().forEach(e -> ui.append(e).append('\n'));
        try {
            Files.write(out, c.hcl().getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        } catch (IOException e) {
            ui.append("Failed to write to file: ").append(pathError("write", e)).append('\n');
            return new Result(1, ui.toString());
        }
        ui.append("Successfully created ").append(output).append(". Exit ").append(exit).append('\n');
        return new Result(exit, ui.toString());
    }

    private static String notJson(String error) {
        return "Failed to parse file as legacy JSON template: if you are using an HCL template, check your file "
                + "extensions; they should be either *.pkr.hcl or *.pkr.json; see the docs for more details: "
                + "https://www.packer.io/docs/templates/hcl_templates. \nOriginal error: " + error + "\n";
    }

    /**
     * What packer's core reports when it initializes the template before the upgrade: the template's own checks,
     * then required variables that have no value (hcl2_upgrade takes no {@code -var}). Packer also renders the
     * variables' defaults, calling out to AWS or Vault for secret lookups; the upgrade has no need of those values,
     * so it does not make those calls, and reports nothing about them.
     */
    static String initializationError(JsonTemplate t) {
        List<String> errors = new ArrayList<>(t.validationErrors());
        if (errors.isEmpty()) {
            // Go's map order is random; sorted names make the message stable.
            for (String name : new TreeSet<>(t.variables().keySet())) {
                if (t.variables().get(name).required()) {
                    errors.add("required variable not set: " + name);
                }
            }
        }
        if (errors.isEmpty()) {
            return null;
        }
        return multiError(errors);
    }

    private static String multiError(List<String> errors) {
        StringBuilder sb = new StringBuilder();
        sb.append(errors.size() == 1 ? "1 error occurred:" : errors.size() + " errors occurred:");
        errors.forEach(e -> sb.append("\n\t* ").append(e));
        return sb.append("\n\n").toString();
    }

    private static String pathError(String op, IOException e) {
        String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : "";
        return op + " " + file + ": " + reason(e);
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        } else if (e instanceof AccessDeniedException) {
            return "permission denied";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(e.getMessage());
    }
}
