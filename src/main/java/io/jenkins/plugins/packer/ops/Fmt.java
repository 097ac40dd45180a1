package io.jenkins.plugins.packer.ops;

import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.Parser;
import io.jenkins.plugins.packer.hcl.fmt.Formatter;
import io.jenkins.plugins.packer.template.HclConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code packer fmt}: finds the HCL files of a path, checks that each parses, rewrites it in canonical form and
 * reports the files that changed. Shared by {@code pkrj fmt} and the Jenkins {@code packerFmt} step.
 * See <a href="https://developer.hashicorp.com/packer/docs/commands/fmt">packer fmt</a>.
 */
public final class Fmt {

    public static final String HCL_SUFFIX = ".pkr.hcl";
    public static final String VARS_SUFFIX = ".pkrvars.hcl";

    /** What fmt found: the files it would change (or changed), their diffs when asked, and errors. */
    public record Result(List<Changed> changed, Diagnostics diags) {
        public boolean anyChanged() {
            return !changed.isEmpty();
        }
    }

    /** A file whose canonical form differs from its content. */
    public record Changed(String displayName, Path path, byte[] before, byte[] after) {}

    private Fmt() {
    }

    /**
     * Formats {@code target} (a file or a directory, not recursive unless asked) resolved against {@code workDir};
     * names in the result are the target as given, joined with file names, as packer prints them.
     */
    public static Result run(Path workDir, String target, boolean write, boolean recursive) {
        Diagnostics diags = new Diagnostics();
        List<String> files = new ArrayList<>();
        Path resolved = workDir.resolve(target);
        if (Files.isDirectory(resolved)) {
            collect(resolved, target, recursive, files, diags);
        } else if (Files.exists(resolved)) {
            if (target.endsWith(HCL_SUFFIX) || target.endsWith(VARS_SUFFIX)) {
                files.add(target);
            }
        } else {
            diags.add(Diagnostic.error("Cannot tell wether " + target + " is a directory",
                    "stat " + target + ": no such file or directory", null));
            return new Result(List.of(), diags);
        }
        if (files.isEmpty() && !diags.hasErrors()) {
            diags.add(Diagnostic.error("Cannot tell whether " + target + " contains HCL2 configuration data", null,
                    null));
            return new Result(List.of(), diags);
        }
        List<Changed> changed = new ArrayList<>();
        for (String name : files) {
            Path p = workDir.resolve(name);
            byte[] src;
            try {
                src = Files.readAllBytes(p);
            } catch (java.nio.file.AccessDeniedException e) {
                // Go's os.Open error, as packer's formatter reports it.
                diags.add(Diagnostic.error("encountered an error while formatting " + name,
                        "failed to open " + name + ": open " + name + ": permission denied", null));
                continue;
            } catch (IOException e) {
                diags.add(Diagnostic.error("encountered an error while formatting " + name,
                        "failed to read " + name + ": " + e.getMessage(), null));
                continue;
            }
            Diagnostics parse = new Diagnostics();
            Parser.parseConfig(src, name, parse);
            if (parse.hasErrors()) {
                diags.add(Diagnostic.error("encountered an error while formatting " + name,
                        "failed to parse HCL " + name, null));
                continue;
            }
            byte[] out = Formatter.format(src);
            if (Arrays.equals(src, out)) {
                continue;
            }
            changed.add(new Changed(name, p, src, out));
            if (write) {
                try {
                    // Like Go's WriteFile: an existing file keeps its mode.
                    Files.write(p, out);
                } catch (IOException e) {
                    diags.add(Diagnostic.error("encountered an error while formatting " + name, e.getMessage(),
                            null));
                }
            }
        }
        return new Result(changed, diags);
    }

    /**
     * {@code packer fmt -} (Packer 1.7+): formats standard input; the canonical text is the output whether or not it
     * changed (with {@code -write=false} only when unchanged, as packer does).
     */
    public static Result stdin(byte[] src, boolean write, byte[][] output) {
        Diagnostics diags = new Diagnostics();
        Diagnostics parse = new Diagnostics();
        Parser.parseConfig(src, "-", parse);
        if (parse.hasErrors()) {
            diags.add(Diagnostic.error("encountered an error while formatting -", "failed to parse HCL -", null));
            output[0] = new byte[0];
            return new Result(List.of(), diags);
        }
        byte[] out = Formatter.format(src);
        if (Arrays.equals(src, out)) {
            output[0] = out;
            return new Result(List.of(), diags);
        }
        output[0] = write ? out : new byte[0];
        return new Result(List.of(new Changed("-", null, src, out)), diags);
    }

    private static void collect(Path dir, String display, boolean recursive, List<String> files, Diagnostics diags) {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.sorted().toList();
        } catch (IOException e) {
            diags.add(Diagnostic.error("Cannot read hcl directory", e.getMessage(), null));
            return;
        }
        List<String> hcl = new ArrayList<>();
        List<String> vars = new ArrayList<>();
        List<Path> subdirs = new ArrayList<>();
        for (Path e : entries) {
            String name = e.getFileName().toString();
            if (Files.isDirectory(e)) {
                if (recursive && !name.startsWith(".")) {
                    subdirs.add(e);
                }
                continue;
            }
            String joined = HclConfig.joinPath(display, name);
            if (name.endsWith(HCL_SUFFIX)) {
                hcl.add(joined);
            } else if (name.endsWith(VARS_SUFFIX)) {
                vars.add(joined);
            }
        }
        files.addAll(hcl);
        files.addAll(vars);
        for (Path sub : subdirs) {
            collect(sub, HclConfig.joinPath(display, sub.getFileName().toString()), true, files, diags);
        }
    }
}
