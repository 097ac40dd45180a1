package io.jenkins.plugins.packer.ops;

import io.jenkins.plugins.packer.hcl.DiagnosticWriter;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.ast.File;
import io.jenkins.plugins.packer.plan.BuildPlanner;
import io.jenkins.plugins.packer.template.HclConfig;
import io.jenkins.plugins.packer.template.LoadRequest;
import io.jenkins.plugins.packer.template.VariableChecks;
import io.jenkins.plugins.packer.template.json.JsonBuildPlanner;
import io.jenkins.plugins.packer.template.json.JsonValidate;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code packer validate}, shared by {@code pkrj validate} and the Jenkins {@code packerValidate} step. For an HCL2
 * configuration: read it, initialize it (variables checked, locals evaluated, sources and builds decoded), then start
 * every selected build's builder, provisioners and post-processors so that each checks its configuration; with
 * {@code -syntax-only}, only read it. See
 * <a href="https://developer.hashicorp.com/packer/docs/commands/validate">packer validate</a>.
 */
public final class Validate {

    /** The exit code, what packer prints (stdout and stderr together) and every diagnostic found. */
    public record Result(int exitCode, byte[] output, Diagnostics diagnostics) {

        public String text() {
            return new String(output, StandardCharsets.UTF_8);
        }
    }

    static final String SYNTAX_ONLY_PASSED = "Syntax-only check passed. Everything looks okay.\n";

    private Validate() {
    }

    /** Packer's config type detection: HCL2 for a directory or a .pkr.hcl/.pkr.json file, else legacy JSON. */
    public static boolean isHcl2(Path workDir, String path) {
        return path.endsWith(HclConfig.HCL_SUFFIX) || path.endsWith(HclConfig.JSON_SUFFIX)
                || Files.isDirectory(workDir.resolve(path));
    }

    /**
     * Validates the template {@code req} names, HCL2 or legacy JSON, fully or ({@code syntaxOnly}) only its syntax,
     * as {@code packer validate} does.
     */
    public static Result run(LoadRequest req, boolean syntaxOnly, List<String> only, List<String> except) {
        boolean hcl2 = isHcl2(req.workDir(), req.target());
        if (!hcl2 && syntaxOnly) {
            JsonValidate.Result r = JsonValidate.syntaxOnly(req.workDir(), req.target(), req.varFiles());
            return new Result(r.exitCode(), r.output().getBytes(StandardCharsets.UTF_8), new Diagnostics());
        }
        if (hcl2 && !syntaxOnly) {
            return hcl(req, only, except);
        }
        if (!hcl2) {
            return json(req, only, except);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Diagnostics all = new Diagnostics();
        Diagnostics diags = new Diagnostics();
        HclConfig cfg = HclConfig.load(req, diags);
        if (write(out, cfg.sourceFiles(), diags, all)) {
            return new Result(1, out.toByteArray(), all);
        }
        if (syntaxOnly) {
            out.writeBytes(SYNTAX_ONLY_PASSED.getBytes(StandardCharsets.UTF_8));
        }
        return new Result(0, out.toByteArray(), all);
    }

    /**
     * Validates the configuration {@code req} names, with {@code -only}/{@code -except} globs (empty lists: all
     * builds). Like packer, it stops after the first stage that has errors, and prints each stage's diagnostics
     * as a block; packer 1.6.6 shows the source lines only for the first stage's.
     */
    public static Result hcl(LoadRequest req, List<String> only, List<String> except) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Diagnostics all = new Diagnostics();
        Diagnostics loadDiags = new Diagnostics();
        HclConfig cfg = HclConfig.load(req, loadDiags);
        if (write(out, cfg.sourceFiles(), loadDiags, all)) {
            return new Result(1, out.toByteArray(), all);
        }
        Diagnostics initDiags = new Diagnostics();
        VariableChecks.check(cfg, initDiags);
        cfg.initialize(initDiags);
        if (write(out, Map.of(), initDiags, all)) {
            return new Result(1, out.toByteArray(), all);
        }
        Diagnostics buildDiags = new Diagnostics();
        new BuildPlanner(cfg, req.workDir(), req.env()).plan(only, except, buildDiags);
        int rc = write(out, Map.of(), buildDiags, all) ? 1 : 0;
        return new Result(rc, out.toByteArray(), all);
    }

    /**
     * Validates a legacy JSON template: read, its own checks, user variables, then every selected build prepared
     * (builder, provisioners, post-processors), as {@code packer validate} does; silent when valid.
     */
    static Result json(LoadRequest req, List<String> only, List<String> except) {
        JsonValidate.Loaded loaded = JsonValidate.load(req.workDir(), req.target(), req.varFiles());
        if (loaded.failure() != null) {
            return new Result(loaded.failure().exitCode(), loaded.failure().output().getBytes(StandardCharsets.UTF_8),
                    new Diagnostics());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Diagnostics all = new Diagnostics();
        JsonBuildPlanner planner = JsonBuildPlanner.of(loaded.template(), req, req.env());
        Diagnostics init = new Diagnostics();
        if (!planner.checkTemplate(init) || !planner.resolveVariables(req.varFiles(), req.vars(), init)) {
            write(out, Map.of(), init, all);
            return new Result(1, out.toByteArray(), all);
        }
        Diagnostics builds = new Diagnostics();
        planner.plan(only, except, builds);
        int rc = write(out, Map.of(), builds, all) ? 1 : 0;
        return new Result(rc, out.toByteArray(), all);
    }

    /** Writes a stage's diagnostics as packer's Ui does (the text, then a newline); true when any is an error. */
    private static boolean write(ByteArrayOutputStream out, Map<String, DiagnosticWriter.SourceFile> files,
                                 Diagnostics diags, Diagnostics all) {
        all.addAll(diags);
        byte[] text = new DiagnosticWriter(files, 80).writeBytes(diags);
        if (text.length > 0) {
            out.writeBytes(text);
            out.write('\n');
        }
        return diags.hasErrors();
    }

}
