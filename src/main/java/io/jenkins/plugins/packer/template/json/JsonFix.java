package io.jenkins.plugins.packer.template.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code packer fix [-validate=true] TEMPLATE}: reads a legacy JSON template as packer 1.6.6 does (Go's streaming
 * decoder: the first JSON value, a later duplicate key wins), runs its fixers in order ({@link JsonFixers}), prints
 * the result as Go's encoder writes it (sorted keys, two-space indent, {@code &} still escaped),
 * then with {@code -validate} parses and validates what it printed. Output and exit codes are packer's; see
 * <a href="https://developer.hashicorp.com/packer/docs/commands/fix">packer fix</a>.
 */
public final class JsonFix {

    /** What packer printed (it writes errors to standard output too) and its exit code. */
    public record Result(int exitCode, String output) {}

    private static final String IN_THE_INPUT = "\n\nThis is usually caused by an error in the input template.\n"
            + "Please fix the error and try again.\n";

    private JsonFix() {
    }

    /**
     * Runs the command.
     *
     * @param workDir the directory relative paths start from
     * @param template the template path as given on the command line
     * @param validate whether to parse and validate the fixed template ({@code -validate}, true by default)
     */
    public static Result run(Path workDir, String template, boolean validate) {
        byte[] content;
        try {
            content = Files.readAllBytes(workDir.resolve(template));
        } catch (IOException e) {
            if (Files.isDirectory(workDir.resolve(template))) {
                // Go opens a directory without complaint; the decoder's first read fails.
                return new Result(1, "Error parsing template: read " + template + ": is a directory\n");
            }
            return new Result(1, "Error opening template: open " + template + ": " + reason(e) + "\n");
        }
        Decoded decoded = decode(content);
        if (decoded.error() != null) {
            return new Result(1, "Error parsing template: " + decoded.error() + "\n");
        }
        Map<String, Object> input = decoded.template();
        for (JsonFixers.Fixer fixer : JsonFixers.ORDER) {
            try {
                fixer.fix().apply(input);
            } catch (JsonFixers.FixException e) {
                return new Result(1, "Error fixing: " + e.getMessage() + "\n");
            }
        }
        String fixed = GoJsonEncoder.indented(input).replace("\\u003c", "<").replace("\\u003e", ">");
        String output = fixed + "\n";
        if (!validate) {
            return new Result(0, output);
        }
        byte[] bytes = fixed.getBytes(StandardCharsets.UTF_8);
        // Putting back < and > breaks a string that held a backslash followed by "u003c"; packer parses the text from a
        // reader, so a syntax error comes without the pointer at the offending line that a template file gets.
        JsonReader.Result read = JsonReader.readDocument(bytes);
        if (read.problem() != null) {
            return new Result(1, output + "Error! Fixed template fails to parse: " + read.problem().message()
                    + IN_THE_INPUT);
        }
        JsonTemplateParser.Result parsed = JsonTemplateParser.parse(bytes);
        if (!parsed.ok()) {
            return new Result(1, output + "Error! Fixed template fails to parse: " + parsed.error().message()
                    + IN_THE_INPUT);
        }
        List<String> errors = parsed.template().validationErrors();
        if (!errors.isEmpty()) {
            return new Result(1, output + "Error! Fixed template failed to validate: " + GoText.multiError(errors)
                    + IN_THE_INPUT);
        }
        return new Result(0, output);
    }

    /** The fixers in the order they run, one line each, as packer's help lists them: name, then what it does. */
    public static String fixerList() {
        StringBuilder sb = new StringBuilder();
        for (JsonFixers.Fixer f : JsonFixers.ORDER) {
            sb.append(String.format("  %-27s%s\n", f.name(), f.synopsis()));
        }
        return sb.toString();
    }

    /**
     * The plugin type each component we ship decodes its JSON configuration with in packer 1.6.6 (a builder's id, or
     * the name its {@code Prepare} gives), by {@code kind/type}; the shell-local provisioner and post-processor and
     * the file builder give none.
     */
    private static final Map<String, String> PLUGIN_TYPES = Map.ofEntries(
            Map.entry("builder/amazon-chroot", "mitchellh.amazon.chroot"),
            Map.entry("builder/amazon-ebs", "mitchellh.amazonebs"),
            Map.entry("builder/amazon-ebssurrogate", "mitchellh.amazon.ebssurrogate"),
            Map.entry("builder/amazon-ebsvolume", "mitchellh.amazon.ebsvolume"),
            Map.entry("builder/amazon-instance", "mitchellh.amazon.instance"),
            Map.entry("builder/null", "fnoeding.null"),
            Map.entry("provisioner/breakpoint", "breakpoint"),
            Map.entry("provisioner/file", "file"),
            Map.entry("provisioner/shell", "shell"),
            Map.entry("post-processor/artifice", "artifice"),
            Map.entry("post-processor/checksum", "checksum"),
            Map.entry("post-processor/compress", "compress"),
            Map.entry("post-processor/manifest", "packer.post-processor.manifest"));

    /**
     * packer's errors for configuration keys a component does not know, sorted: a key that a fixer replaces for
     * components of its plugin type is "deprecated" and points to {@code packer fix}, any other is unknown.
     *
     * @param kind {@code builder}, {@code provisioner} or {@code post-processor}
     * @param type the component's type
     * @param keys the keys, in any order
     */
    public static List<String> unusedKeyErrors(String kind, String type, List<String> keys) {
        String pluginType = PLUGIN_TYPES.getOrDefault(kind + "/" + type, "");
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(GoText.ORDER);
        List<String> errors = new ArrayList<>();
        for (String key : sorted) {
            errors.add(isDeprecatedOption(pluginType, key) ? "Deprecated configuration key: '" + key + "'. Please "
                    + "call `packer fix` against your template to update your template to be compatible with the "
                    + "current version of Packer. Visit https://www.packer.io/docs/commands/fix/ for more detail."
                    : "unknown configuration key: '" + GoText.quote(key) + "'");
        }
        return errors;
    }

    /** Whether a fixer replaces the key for components of the plugin type (none for an empty type). */
    private static boolean isDeprecatedOption(String pluginType, String key) {
        if (pluginType.isEmpty()) {
            return false;
        }
        for (JsonFixers.Fixer fixer : JsonFixers.ORDER) {
            for (Map.Entry<String, List<String>> e : fixer.deprecatedOptions().entrySet()) {
                if (e.getValue().contains(key) && glob(e.getKey(), pluginType)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A pattern where {@code *} stands for any text, as packer matches plugin types. */
    private static boolean glob(String pattern, String subject) {
        String[] parts = pattern.split("\\*", -1);
        if (parts.length == 1) {
            return pattern.equals(subject);
        }
        if (!subject.startsWith(parts[0])) {
            return false;
        }
        int at = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = subject.indexOf(parts[i], at);
            if (found < 0) {
                return false;
            }
            at = found + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return subject.length() - at >= last.length() && subject.endsWith(last);
    }

    /** A decoded template, or the decoder's error. */
    private record Decoded(Map<String, Object> template, String error) {}

    /** The template as Go's decoder reads it into {@code map[string]interface{}}. */
    private static Decoded decode(byte[] content) {
        var syntax = GoJsonSyntax.checkFirstValue(content);
        if (syntax.isPresent()) {
            return new Decoded(null, syntax.get());
        }
        String text = GoText.decodeUtf8(content, 0, content.length).stripLeading();
        String kind = switch (text.charAt(0)) {
            case '{' -> null;
            case 'n' -> "null";
            case '"' -> "string";
            case 't', 'f' -> "bool";
            case '[' -> "array";
            default -> "number";
        };
        if ("null".equals(kind)) {
            // packer 1.6.6 decodes this into a nil map and crashes when the first fixer writes to it.
            return new Decoded(null, "the template is null; it must be a JSON object");
        }
        if (kind != null) {
            return new Decoded(null, "json: cannot unmarshal " + kind
                    + " into Go value of type map[string]interface {}");
        }
        JsonReader.Tree tree = JsonReader.tree(text);
        if (tree.outOfRange() != null) {
            return new Decoded(null, tree.outOfRange().message());
        }
        return new Decoded(GoJson.asMap(GoJson.of(tree.root())), null);
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        } else if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return String.valueOf(e.getMessage());
    }
}
