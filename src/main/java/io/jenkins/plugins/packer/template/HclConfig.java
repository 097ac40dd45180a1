package io.jenkins.plugins.packer.template;

import io.jenkins.plugins.packer.component.ComponentSpecs;
import io.jenkins.plugins.packer.component.LocalFiles;
import io.jenkins.plugins.packer.function.Function;
import io.jenkins.plugins.packer.function.FunctionContext;
import io.jenkins.plugins.packer.function.Functions;
import io.jenkins.plugins.packer.hcl.BodyContent;
import io.jenkins.plugins.packer.hcl.BodySchema;
import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.DynamicBlocks;
import io.jenkins.plugins.packer.hcl.EvalContext;
import io.jenkins.plugins.packer.hcl.Evaluator;
import io.jenkins.plugins.packer.hcl.ExpressionFunction;
import io.jenkins.plugins.packer.hcl.Lexer;
import io.jenkins.plugins.packer.hcl.Parser;
import io.jenkins.plugins.packer.hcl.Range;
import io.jenkins.plugins.packer.hcl.TypeExpressions;
import io.jenkins.plugins.packer.hcl.Variables;
import io.jenkins.plugins.packer.hcl.ast.Attribute;
import io.jenkins.plugins.packer.hcl.ast.Block;
import io.jenkins.plugins.packer.hcl.ast.Expression;
import io.jenkins.plugins.packer.hcl.ast.File;
import io.jenkins.plugins.packer.hcl.ast.Traverser;
import io.jenkins.plugins.packer.hcl.json.JsonParser;
import io.jenkins.plugins.packer.value.ConversionException;
import io.jenkins.plugins.packer.value.Convert;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * An HCL2 Packer configuration: the files of a template path, its input variables and locals, and the evaluation
 * context its expressions see. See <a href="https://developer.hashicorp.com/packer/docs/templates/hcl_templates">HCL
 * templates</a>.
 */
public final class HclConfig {

    public static final String HCL_SUFFIX = ".pkr.hcl";
    public static final String JSON_SUFFIX = ".pkr.json";
    public static final String AUTO_VARS_SUFFIX = ".auto.pkrvars.hcl";
    public static final String AUTO_VARS_JSON_SUFFIX = ".auto.pkrvars.json";
    /**
     * The Packer version this engine implements, for {@code packer.version} and {@code required_version}: its
     * template language is Packer 1.16's (a superset of the 1.6.6 reference's).
     */
    public static final String PACKER_VERSION = "1.16.0";
    private static final VersionConstraint.Version CORE_VERSION = VersionConstraint.Version.parse(PACKER_VERSION);

    static final BodySchema TOP_LEVEL = BodySchema.of(List.of(), List.of(
            BodySchema.block("packer"),
            BodySchema.block("source", "type", "name"),
            BodySchema.block("variables"),
            BodySchema.block("variable", "name"),
            BodySchema.block("locals"),
            BodySchema.block("local", "name"),
            BodySchema.block("data", "type", "name"),
            BodySchema.block("build"),
            BodySchema.block("hcp_packer_registry"),
            BodySchema.block("communicator", "type", "name")));

    private static final BodySchema PACKER_BLOCK = BodySchema.of(List.of(BodySchema.attr("required_version")),
            List.of(BodySchema.block("required_plugins")));

    private static final BodySchema VARIABLE = BodySchema.of(List.of(
            BodySchema.attr("description"), BodySchema.attr("default"), BodySchema.attr("type"),
            BodySchema.attr("sensitive")), List.of(BodySchema.block("validation")));

    private static final BodySchema LOCAL = BodySchema.of(List.of(BodySchema.attr("expression"),
            BodySchema.attr("sensitive")), List.of());

    private static final String BAD_IDENTIFIER = "A name must start with a letter or underscore and may contain only"
            + " letters, digits, underscores, and dashes.";

    private final List<File> files;
    private final List<File> varFiles = new ArrayList<>();
    private final Path workDir;
    private final String basedir;
    private final Map<String, Variable> inputVariables = new TreeMap<>();
    private final Map<String, Variable> locals = new TreeMap<>();
    private final List<LocalDef> localDefs = new ArrayList<>();
    /** {@link #localDefs} by name, to find a duplicate without a scan. */
    private final Map<String, LocalDef> localDefsByName = new HashMap<>();
    private final List<DataDef> dataDefs = new ArrayList<>();
    /** Data source outputs by type and name. */
    private final Map<String, Map<String, Value>> data = new TreeMap<>();
    private boolean executeDataSources;
    private final Map<String, String> env;
    private final Map<String, Function> functions;
    private final Map<SourceRef, SourceBlock> sources = new LinkedHashMap<>();
    private final List<BuildBlock> builds = new ArrayList<>();
    private final List<BuildBlock> inspectBuilds = new ArrayList<>();

    private final Path workspaceRoot;

    private HclConfig(List<File> files, Path workDir, String basedir, FunctionContext fctx) {
        this.files = files;
        this.env = fctx.env() == null ? Map.of() : fctx.env();
        this.workDir = workDir;
        this.basedir = basedir;
        this.workspaceRoot = fctx.workspaceRoot();
        Map<String, Function> fns = new TreeMap<>(Functions.packer(fctx));
        fns.putAll(ExpressionFunction.all());
        this.functions = fns;
    }

    public List<File> files() {
        return files;
    }

    /** Every HCL file read: the configuration's, then the var-files', for diagnostics that quote them. */
    /** Every file read, by name, as the diagnostics writer shows their lines. */
    public java.util.Map<String, io.jenkins.plugins.packer.hcl.DiagnosticWriter.SourceFile> sourceFiles() {
        java.util.Map<String, io.jenkins.plugins.packer.hcl.DiagnosticWriter.SourceFile> m = new java.util.HashMap<>();
        for (File f : allFiles()) {
            m.put(f.filename(), new io.jenkins.plugins.packer.hcl.DiagnosticWriter.SourceFile(f.bytes(), f.body()));
        }
        return m;
    }

    public List<File> allFiles() {
        List<File> all = new ArrayList<>(files);
        all.addAll(varFiles);
        return all;
    }

    void addVarFile(File f) {
        varFiles.add(f);
    }

    public Map<String, Variable> inputVariables() {
        return inputVariables;
    }

    public Map<String, Variable> locals() {
        return locals;
    }

    /** The data sources' outputs, by type and name (unknown values when they were not run). */
    public Map<String, Map<String, Value>> dataOutputs() {
        return data;
    }

    public Map<SourceRef, SourceBlock> sources() {
        return sources;
    }

    public List<BuildBlock> builds() {
        return builds;
    }

    /** An "Unknown provisioner/post-processor type" error for a type packer 1.6.6 bundles (and we do not ship). */
    private static boolean packerKnowsTheType(Diagnostic d) {
        String s = d.summary();
        for (String[] kind : new String[][] {{"Unknown provisioner type \"", "p"},
                {"Unknown post-processor type \"", "pp"}}) {
            if (s.startsWith(kind[0]) && s.endsWith("\"")) {
                String type = s.substring(kind[0].length(), s.length() - 1);
                return (kind[1].equals("p") ? ComponentSpecs.PACKER_PROVISIONERS
                        : ComponentSpecs.PACKER_POST_PROCESSORS).contains(type);
            }
        }
        return false;
    }

    /**
     * The builds {@code inspect} lists: those that run, and those whose only errors are component types packer
     * bundles but pkrj does not ship (packer lists them; it drops a build naming a type it does not know).
     */
    public List<BuildBlock> inspectBuilds() {
        return inspectBuilds;
    }

    /**
     * Reads the configuration: parses its files, checks {@code required_version} and the top-level blocks, decodes
     * the variables and collects the locals, then applies the variable values from the environment, var-files and
     * {@code -var} arguments, in Packer's precedence. This is what {@code validate -syntax-only} checks.
     */
    public static HclConfig load(LoadRequest req, Diagnostics diags) {
        Path workDir = req.workDir();
        String target = req.target();
        Path resolved = workDir.resolve(target);
        List<String> hclFiles = configFiles(workDir, target, HCL_SUFFIX, diags);
        if (Files.exists(resolved)) {
            // Packer reads the native syntax files first, then the JSON ones.
            hclFiles.addAll(configFiles(workDir, target, JSON_SUFFIX, diags));
        }
        if (hclFiles.isEmpty()) {
            diags.add(Diagnostic.error("Could not find any config file in " + target,
                    "A config file must be suffixed with `.pkr.hcl` or `.pkr.json`. A folder can be referenced.",
                    null));
        }
        List<File> files = new ArrayList<>();
        for (String name : hclFiles) {
            File f = parseFile(workDir, name, req.workspaceRoot(), diags);
            if (f != null) {
                files.add(f);
            }
        }
        String basedir = Files.isDirectory(resolved) ? target : parentOf(target);
        FunctionContext fctx = new FunctionContext(workDir.resolve(basedir).normalize(), req.workspaceRoot(), req.env(),
                req.clock());
        HclConfig cfg = new HclConfig(files, workDir, basedir, fctx);
        if (diags.hasErrors()) {
            return cfg;
        }
        Diagnostics versionDiags = new Diagnostics();
        for (File f : files) {
            cfg.checkCoreVersion(f, versionDiags);
        }
        diags.addAll(versionDiags);
        if (versionDiags.hasErrors()) {
            return cfg;
        }
        for (File f : files) {
            cfg.decodeInputVariables(f, req.env(), diags);
        }
        for (File f : files) {
            cfg.collectLocals(f, diags);
        }
        List<String> varFiles = new ArrayList<>();
        if (Files.isDirectory(resolved)) {
            varFiles.addAll(configFiles(workDir, target, AUTO_VARS_SUFFIX, diags));
            varFiles.addAll(configFiles(workDir, target, AUTO_VARS_JSON_SUFFIX, diags));
        }
        varFiles.addAll(req.varFiles());
        new VariableValues(cfg).collect(workDir, req.env(), varFiles, req.vars(), diags);
        return cfg;
    }

    /** The files of {@code target} (itself, or the directory's entries) whose names end in {@code suffix}. */
    static List<String> configFiles(Path workDir, String target, String suffix, Diagnostics diags) {
        Path resolved = workDir.resolve(target);
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(resolved)) {
            try (Stream<Path> s = Files.list(resolved)) {
                s.sorted().forEach(p -> {
                    String n = p.getFileName().toString();
                    if (!Files.isDirectory(p) && n.endsWith(suffix)) {
                        out.add(joinPath(target, n));
                    }
                });
            } catch (IOException e) {
                diags.add(Diagnostic.error("Cannot read hcl directory", e.getMessage(), null));
            }
        } else if (!Files.exists(resolved)) {
            diags.add(Diagnostic.error("Cannot tell wether " + target + " is a directory",
                    "stat " + target + ": no such file or directory", null));
        } else if (target.endsWith(suffix)) {
            out.add(target);
        }
        return out;
    }

    /** The warning for an {@code hcp_packer_registry} block: read, and not used. */
    static Diagnostic hcpRegistryIgnored(Block block) {
        return Diagnostic.warning("hcp_packer_registry is ignored", "pkrj does not publish build metadata to HCP"
                + " Packer: this block is read and has no effect.", block.defRange());
    }

    /** A configuration without files, for the console started without a template. */
    public static HclConfig empty(Path workDir, Map<String, String> env, java.time.Clock clock) {
        return new HclConfig(List.of(), workDir, ".", new FunctionContext(workDir, null, env, clock));
    }

    /** Go's filepath.Join of a directory as given and a file name. */
    public static String joinPath(String dir, String name) {
        String d = dir;
        while (d.length() > 1 && d.endsWith("/")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.equals(".") || d.isEmpty()) {
            return name;
        }
        return Path.of(d).normalize() + "/" + name;
    }

    /** Reads a configuration or var-file: its name ending in {@code .json} says it uses HCL's JSON syntax. */
    static File parseFile(Path workDir, String name, Path workspaceRoot, Diagnostics diags) {
        try {
            byte[] src = LocalFiles.read(workDir.resolve(name), workspaceRoot);
            return name.endsWith(".json") ? JsonParser.parse(src, name, diags) : Parser.parseConfig(src, name, diags);
        } catch (LocalFiles.Refused e) {
            diags.add(Diagnostic.error("Failed to read file", "The configuration file \"" + name
                    + "\" could not be read: " + e.getMessage() + ".", null));
            return null;
        } catch (IOException e) {
            diags.add(Diagnostic.error("Failed to read file", "The configuration file \"" + name
                    + "\" could not be read.", null));
            return null;
        }
    }

    /** The workspace the template's files must stay in (Jenkins), or null. */
    Path workspaceRoot() {
        return workspaceRoot;
    }

    private static String parentOf(String path) {
        int i = path.lastIndexOf('/');
        if (i < 0) {
            return ".";
        }
        return i == 0 ? "/" : path.substring(0, i);
    }

    /** Decodes the {@code packer} blocks of a file and checks their {@code required_version} against ours. */
    private void checkCoreVersion(File f, Diagnostics diags) {
        BodyContent root = BodyContent.partial(f.body(), BodySchema.of(List.of(), List.of(BodySchema.block("packer"))),
                new Diagnostics());
        for (Block block : root.blocks()) {
            BodyContent content = BodyContent.of(block.body(), PACKER_BLOCK, diags);
            Attribute attr = content.attributes().get("required_version");
            if (attr == null) {
                continue;
            }
            Diagnostics own = new Diagnostics();
            Value v = Evaluator.evaluate(attr.expr(), null, own);
            diags.addAll(own);
            if (own.hasErrors()) {
                continue;
            }
            try {
                v = Convert.convert(v, Type.STRING);
            } catch (ConversionException e) {
                diags.error("Invalid version constraint", "A string value is required for required_version.",
                        attr.expr().range());
                continue;
            }
            if (v.isNull() || !v.isKnown()) {
                continue;
            }
            VersionConstraint constraint;
            try {
                constraint = VersionConstraint.parse(v.asString());
            } catch (IllegalArgumentException e) {
                diags.error("Invalid version constraint", "This string does not use correct version constraint"
                        + " syntax. Check out the docs:"
                        + " https://packer.io/docs/from-1.5/blocks/packer#version-constraints", attr.expr().range());
                continue;
            }
            if (!constraint.check(CORE_VERSION)) {
                diags.error("Unsupported Packer Core version", "This configuration does not support Packer version "
                        + PACKER_VERSION + ". To proceed, either choose another supported Packer version or update"
                        + " this version constraint. Version constraints are normally set for good reason, so"
                        + " updating the constraint may lead to other errors or unexpected behavior.", attr.range());
            }
        }
    }

    private void decodeInputVariables(File f, Map<String, String> env, Diagnostics diags) {
        // Packer reads the top level once for variables and once for locals, and reports what it rejects each time.
        BodyContent content = BodyContent.of(f.body(), TOP_LEVEL, diags);
        // Variable defaults may call env() and nothing else, and may not refer to other variables.
        Map<String, Function> defaultFunctions = new HashMap<>();
        Function envFn = EnvFunction.create(env);
        defaultFunctions.put(envFn.name(), envFn);
        EvalContext defaultsCtx = new EvalContext(null, defaultFunctions);
        for (Block block : content.blocks()) {
            if (block.type().equals("variable")) {
                decodeVariableBlock(block, defaultsCtx, diags);
            } else if (block.type().equals("hcp_packer_registry")) {
                diags.add(hcpRegistryIgnored(block));
            } else if (block.type().equals("variables")) {
                for (Attribute attr : BodyContent.justAttributes(block.body(), diags).values()) {
                    decodeVariablesAttribute(attr, defaultsCtx, diags);
                }
            }
        }
    }

    private void decodeVariablesAttribute(Attribute attr, EvalContext ctx, Diagnostics diags) {
        if (inputVariables.containsKey(attr.name())) {
            diags.error("Duplicate variable", "Duplicate " + attr.name() + " variable definition found.",
                    attr.nameRange());
            return;
        }
        Diagnostics own = new Diagnostics();
        Value v = Evaluator.evaluate(attr.expr(), ctx, own);
        diags.addAll(own);
        if (own.hasErrors()) {
            return;
        }
        Variable var = new Variable(attr.name(), v.type(), true, false, "", attr.range());
        var.assign(new Variable.Assignment("default", v, attr.expr()));
        inputVariables.put(attr.name(), var);
        varObject = null;
    }

    private void decodeVariableBlock(Block block, EvalContext ctx, Diagnostics diags) {
        String name = block.labels().get(0);
        if (inputVariables.containsKey(name)) {
            diags.add(new Diagnostic(Diagnostic.Severity.ERROR, "Duplicate variable",
                    "Duplicate " + name + " variable definition found.", null, block.defRange(), null));
            return;
        }
        BodyContent content = BodyContent.of(block.body(), VARIABLE, diags);
        if (!Lexer.isIdentifier(name)) {
            diags.error("Invalid variable name", BAD_IDENTIFIER, block.labelRanges().get(0));
        }
        Type type = null;
        Attribute typeAttr = content.attributes().get("type");
        if (typeAttr != null) {
            Diagnostics typeDiags = new Diagnostics();
            type = TypeExpressions.parse(typeAttr.expr(), true, typeDiags);
            diags.addAll(typeDiags);
            if (typeDiags.hasErrors()) {
                return;
            }
        }
        List<VariableValidation> validations = new ArrayList<>();
        boolean sensitive = false;
        Attribute sensAttr = content.attributes().get("sensitive");
        if (sensAttr != null) {
            Value s = staticValue(sensAttr, Type.BOOL, diags);
            sensitive = s != null && s.asBool();
        }
        String description = "";
        Attribute descAttr = content.attributes().get("description");
        if (descAttr != null) {
            Value d = staticValue(descAttr, Type.STRING, diags);
            description = d == null ? "" : d.asString();
        }
        Value defaultValue = null;
        Attribute def = content.attributes().get("default");
        if (def != null) {
            Diagnostics defDiags = new Diagnostics();
            defaultValue = Evaluator.evaluate(def.expr(), ctx, defDiags);
            diags.addAll(defDiags);
            if (defDiags.hasErrors()) {
                return;
            }
            if (type != null) {
                try {
                    defaultValue = Convert.convert(defaultValue, type);
                } catch (ConversionException e) {
                    diags.error("Invalid default value for variable", "This default value is not compatible with the"
                            + " variable's type constraint: " + e.getMessage() + ".", def.expr().range());
                    defaultValue = Value.DYNAMIC_UNKNOWN;
                }
            }
            if (type == null) {
                type = defaultValue.type();
            }
        }
        for (Block vb : content.blocks()) {
            if (vb.type().equals("validation")) {
                validations.add(decodeValidation(name, vb, diags));
            }
        }
        Variable var = new Variable(name, type == null ? Type.DYNAMIC : type, type != null, sensitive, description,
                block.defRange());
        if (defaultValue != null) {
            var.assign(new Variable.Assignment("default", defaultValue, def.expr()));
        }
        validations.forEach(var::addValidation);
        inputVariables.put(name, var);
        varObject = null;
    }

    private static final BodySchema VALIDATION = BodySchema.of(List.of(BodySchema.required("condition"),
            BodySchema.required("error_message")), List.of());

    /** A variable's validation rule: the condition may only refer to the variable itself. */
    private static VariableValidation decodeValidation(String varName, Block block, Diagnostics diags) {
        BodyContent content = BodyContent.of(block.body(), VALIDATION, diags);
        Attribute cond = content.attributes().get("condition");
        if (cond != null) {
            int goodRefs = 0;
            for (List<Traverser> ref : Variables.of(cond.expr())) {
                if (ref.size() >= 2 && ((Traverser.Root) ref.get(0)).name().equals("var")
                        && ref.get(1) instanceof Traverser.Attr a && a.name().equals(varName)) {
                    goodRefs++;
                    continue;
                }
                diags.error("Invalid reference in variable validation", "The condition for variable \"" + varName
                        + "\" can only refer to the variable itself, using var." + varName + ".",
                        io.jenkins.plugins.packer.hcl.Range.between(ref.get(0).range(), ref.get(ref.size() - 1).range()));
            }
            if (goodRefs < 1) {
                diags.error("Invalid variable validation condition", "The condition for variable \"" + varName
                        + "\" must refer to var." + varName + " in order to test incoming values.", cond.expr().range());
            }
        }
        String message = "";
        Attribute msg = content.attributes().get("error_message");
        if (msg != null) {
            Value m = staticValue(msg, Type.STRING, diags);
            if (m != null) {
                message = m.asString();
                if (message.isEmpty()) {
                    diags.error("Invalid validation error message", "An empty string is not a valid nor useful error"
                            + " message.", msg.expr().range());
                } else if (!looksLikeSentences(message)) {
                    diags.error("Invalid validation error message", "Validation error message must be at least one"
                            + " full sentence starting with an uppercase letter ( if the alphabet permits it ) and"
                            + " ending with a period or question mark.", msg.expr().range());
                }
            }
        }
        return new VariableValidation(cond == null ? null : cond.expr(), message, block.defRange());
    }

    /** Starts with an uppercase letter (when it starts with a letter) and ends like a sentence. */
    static boolean looksLikeSentences(String s) {
        int first = s.codePointAt(0);
        int last = s.codePointBefore(s.length());
        if (Character.isLetter(first) && !Character.isUpperCase(first) && !Character.isTitleCase(first)) {
            return false;
        }
        return last == '.' || last == '?' || last == '!';
    }

    /** Decodes an attribute that may use no variables or functions, like gohcl.DecodeExpression with a nil context. */
    private static Value staticValue(Attribute attr, Type want, Diagnostics diags) {
        Diagnostics own = new Diagnostics();
        Value v = Evaluator.evaluate(attr.expr(), null, own);
        if (!own.hasErrors()) {
            try {
                v = Convert.convert(v, want);
            } catch (ConversionException e) {
                own.error("Unsuitable value type", "Unsuitable value: " + e.getMessage(), attr.expr().range());
            }
        }
        diags.addAll(own);
        return own.hasErrors() || v.isNull() || !v.isKnown() ? null : v;
    }

    /** A local value's definition, from a {@code locals} attribute or a {@code local} block. */
    private record LocalDef(String name, Expression expr, boolean sensitive, Range range) {}

    private void collectLocals(File f, Diagnostics diags) {
        BodyContent content = BodyContent.of(f.body(), TOP_LEVEL, diags);
        for (Block block : content.blocks()) {
            if (block.type().equals("locals")) {
                for (Attribute attr : BodyContent.justAttributes(block.body(), diags).values()) {
                    addLocal(new LocalDef(attr.name(), attr.expr(), false, attr.range()), diags);
                }
            } else if (block.type().equals("data")) {
                collectDataSource(block, diags);
            } else if (block.type().equals("local")) {
                String name = block.labels().get(0);
                BodyContent lc = BodyContent.of(block.body(), LOCAL, diags);
                if (!Lexer.isIdentifier(name)) {
                    diags.error("Invalid local name", BAD_IDENTIFIER, block.labelRanges().get(0));
                }
                boolean sensitive = false;
                Attribute sens = lc.attributes().get("sensitive");
                if (sens != null) {
                    Value sv = staticValue(sens, Type.BOOL, diags);
                    sensitive = sv != null && sv.asBool();
                }
                Attribute expr = lc.attributes().get("expression");
                if (expr != null) {
                    addLocal(new LocalDef(name, expr.expr(), sensitive, block.defRange()), diags);
                }
            }
        }
    }

    private void addLocal(LocalDef def, Diagnostics diags) {
        LocalDef other = localDefsByName.putIfAbsent(def.name(), def);
        if (other != null) {
            diags.error("Duplicate local definition", "Local variable \"" + def.name() + "\" is defined twice in"
                    + " your templates. Other definition found at \"" + other.expr().range() + "\"",
                    def.expr().range());
            return;
        }
        localDefs.add(def);
    }

    /**
     * Evaluates the locals (in dependency order; a local that refers to itself through others is an error), then
     * decodes the sources and builds.
     */
    public void initialize(Diagnostics diags) {
        evaluateLocalsAndData(diags);
        for (File f : files) {
            decodeSourcesAndBuilds(f, diags);
        }
    }

    private void decodeSourcesAndBuilds(File f, Diagnostics diags) {
        // As packer does, dynamic blocks are expanded throughout sources and builds.
        BodyContent content = BodyContent.of(DynamicBlocks.expand(f.body(), evalContext()), TOP_LEVEL, diags);
        for (Block block : content.blocks()) {
            if (block.type().equals("source")) {
                SourceBlock source = new SourceBlock(block.labels().get(0), block.labels().get(1), block);
                if (ComponentSpecs.builder(source.type()) == null) {
                    diags.error("Unknown source type " + source.type(), "known builders: "
                            + goList(ComponentSpecs.builders()), block.labelRanges().get(0));
                    continue;
                }
                SourceBlock existing = sources.get(source.ref());
                if (existing != null) {
                    diags.error("Duplicate source block", "This source block has the same builder type and name as a"
                            + " previous block declared at " + Parser.rangeString(existing.block().defRange())
                            + ". Each source must have a unique name per builder type.", block.defRange());
                    continue;
                }
                sources.put(source.ref(), source);
            } else if (block.type().equals("build")) {
                Diagnostics buildDiags = new Diagnostics();
                BuildBlock build = BuildDecoder.decode(block, evalContext(), buildDiags);
                diags.addAll(buildDiags);
                // Packer drops a build that has any error; inspect still lists one whose only errors are component
                // types that are not available.
                if (build != null && !buildDiags.hasErrors()) {
                    builds.add(build);
                }
                if (build != null && buildDiags.list().stream().filter(Diagnostic::isError)
                        .allMatch(HclConfig::packerKnowsTheType)) {
                    inspectBuilds.add(build);
                }
            }
        }
    }

    /** Go's {@code %v} of a list of names: {@code [a b c]}. */
    static String goList(java.util.Collection<String> names) {
        return "[" + String.join(" ", names) + "]";
    }

    /**
     * Whether {@link #initialize} runs the data sources (a build, the console) or gives them unknown outputs of their
     * type (validation, inspection), as Packer does without {@code -evaluate-datasources}.
     */
    public HclConfig executeDataSources(boolean execute) {
        this.executeDataSources = execute;
        return this;
    }

    /** A data source's definition: {@code data "TYPE" "NAME" {...}}. */
    private record DataDef(String type, String name, Block block) {
        String key() {
            return "data." + type + "." + name;
        }
    }

    private void collectDataSource(Block block, Diagnostics diags) {
        {
            DataDef def = new DataDef(block.labels().get(0), block.labels().get(1), block);
            boolean duplicate = false;
            for (DataDef other : dataDefs) {
                if (other.key().equals(def.key())) {
                    diags.error("Duplicate data block", "This data block has the same data type and name as a"
                            + " previous block declared at " + Parser.rangeString(other.block().defRange())
                            + ". Each data must have a unique name per builder type.", block.defRange());
                    duplicate = true;
                }
            }
            if (!duplicate) {
                dataDefs.add(def);
            }
        }
    }

    /** The locals and data sources, each after the ones it refers to; a cycle among them is an error. */
    private void evaluateLocalsAndData(Diagnostics diags) {
        Map<String, LocalDef> defs = new LinkedHashMap<>();
        localDefs.forEach(d -> defs.put(d.name(), d));
        Map<String, DataDef> datas = new LinkedHashMap<>();
        dataDefs.forEach(d -> datas.put(d.key(), d));
        Map<String, Integer> state = new HashMap<>();
        for (String key : datas.keySet()) {
            evaluateNode(key, defs, datas, state, new ArrayList<>(), diags);
        }
        for (String name : defs.keySet()) {
            evaluateNode("local." + name, defs, datas, state, new ArrayList<>(), diags);
        }
    }

    /** The locals and data sources an expression or body refers to, as {@code local.X} and {@code data.T.N}. */
    private static List<Map.Entry<String, Range>> dependencies(
            List<List<Traverser>> refs) {
        List<Map.Entry<String, Range>> out = new ArrayList<>();
        for (List<Traverser> ref : refs) {
            String root = ((Traverser.Root) ref.get(0)).name();
            if (root.equals("local") && ref.size() >= 2 && ref.get(1) instanceof Traverser.Attr a) {
                out.add(Map.entry("local." + a.name(), a.range()));
            } else if (root.equals("data") && ref.size() >= 3 && ref.get(1) instanceof Traverser.Attr t
                    && ref.get(2) instanceof Traverser.Attr n) {
                out.add(Map.entry("data." + t.name() + "." + n.name(), n.range()));
            }
        }
        return out;
    }

    private void evaluateNode(String key, Map<String, LocalDef> locals, Map<String, DataDef> datas,
                              Map<String, Integer> state, List<String> path, Diagnostics diags) {
        if (state.get(key) != null) {
            return;
        }
        LocalDef local = key.startsWith("local.") ? locals.get(key.substring(6)) : null;
        DataDef dataDef = key.startsWith("data.") ? datas.get(key) : null;
        if (local == null && dataDef == null) {
            return;
        }
        state.put(key, 1);
        path.add(key);
        List<List<Traverser>> refs = local != null ? Variables.of(local.expr())
                : ComponentSpecs.dataSource(dataDef.type()) == null ? List.of()
                : references(dataDef.block().body(), ComponentSpecs.dataSource(dataDef.type()));
        for (Map.Entry<String, Range> dep : dependencies(refs)) {
            String d = dep.getKey();
            if (Integer.valueOf(1).equals(state.get(d))) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(d), path.size()));
                cycle.add(d);
                if (local != null && cycle.stream().allMatch(n -> n.startsWith("local."))) {
                    diags.error("Cycle in local variables", "The local variables " + String.join(" -> ", cycle)
                            + " refer to each other in a cycle.", local.expr().range());
                } else {
                    diags.error("Cycle between locals and data sources", String.join(" -> ", cycle)
                            + " refer to each other in a cycle.", dep.getValue());
                }
                continue;
            }
            evaluateNode(d, locals, datas, state, path, diags);
        }
        path.remove(path.size() - 1);
        if (local != null) {
            Set<String> referenced = new TreeSet<>();
            for (Map.Entry<String, Range> dep : dependencies(refs)) {
                if (dep.getKey().startsWith("local.")) {
                    referenced.add(dep.getKey().substring(6));
                }
            }
            evaluateLocal(local, referenced, diags);
        } else {
            evaluateData(dataDef, diags);
        }
        state.put(key, 2);
    }

    /** The traversals in a body: every attribute's, nested blocks' included. */
    private static List<List<Traverser>> references(io.jenkins.plugins.packer.hcl.ast.Body body,
                                                    io.jenkins.plugins.packer.component.ConfigSpec spec) {
        List<List<Traverser>> out = new ArrayList<>();
        if (body instanceof io.jenkins.plugins.packer.hcl.ast.SyntaxBody sb) {
            sb.attributes().values().forEach(a -> out.addAll(Variables.of(a.expr())));
            sb.blocks().forEach(b -> out.addAll(references(b.body(), spec)));
        } else {
            body.partialContent(spec.schema(), new Diagnostics()).attributes().values()
                    .forEach(a -> out.addAll(Variables.of(a.expr())));
        }
        return out;
    }

    private void evaluateData(DataDef def, Diagnostics diags) {
        if (ComponentSpecs.dataSource(def.type()) == null) {
            diags.error("Unknown data source type " + def.type(), "known data sources: "
                    + goList(ComponentSpecs.dataSources()), def.block().labelRanges().get(0));
            return;
        }
        Diagnostics own = new Diagnostics();
        Value decoded = io.jenkins.plugins.packer.component.ConfigDecoder.decode(def.block().body(),
                ComponentSpecs.dataSource(def.type()), evalContext(), own);
        diags.addAll(own);
        if (own.hasErrors()) {
            return;
        }
        io.jenkins.plugins.packer.component.DataSource source =
                io.jenkins.plugins.packer.component.DataSource.of(def.type());
        if (source == null) {
            diags.error("Data source " + def.type() + " is not available", "pkrj reads the " + def.type()
                    + " data source but cannot run it yet.", def.block().labelRanges().get(0));
            return;
        }
        io.jenkins.plugins.packer.component.Prepared configured =
                source.configure(new io.jenkins.plugins.packer.component.ComponentConfig(decoded));
        if (!configured.ok()) {
            // Packer 1.16 reports a data source's configuration errors as the summary, at the block.
            diags.error(configured.error(), null, def.block().defRange());
            return;
        }
        Value out;
        if (!executeDataSources || !decoded.isWhollyKnown()) {
            out = Value.unknown(source.outputType());
        } else {
            try {
                out = source.execute(new io.jenkins.plugins.packer.component.ComponentConfig(decoded), env,
                        workDir.resolve(basedir).normalize());
            } catch (io.jenkins.plugins.packer.component.DataSource.Failure e) {
                diags.error("Datasource.Execute failed: " + e.getMessage(), "The " + def.type() + " data source "
                        + def.name() + " could not be read.", def.block().defRange());
                return;
            }
        }
        data.computeIfAbsent(def.type(), t -> new TreeMap<>()).put(def.name(), out);
        // The locals evaluated from now on see this data source.
        withoutLocals = null;
    }

    /**
     * Evaluates a local. It sees the locals it refers to, all evaluated before it: a context of just those, so that a
     * chain of thousands of locals costs what their references do, not the number of locals squared. A reference to
     * a local that does not exist gets the full context, whose error names what there is.
     */
    private void evaluateLocal(LocalDef def, Set<String> referenced, Diagnostics diags) {
        String name = def.name();
        Diagnostics own = new Diagnostics();
        EvalContext ctx;
        if (locals.keySet().containsAll(referenced)) {
            Map<String, Value> loc = new TreeMap<>();
            referenced.forEach(n -> loc.put(n, locals.get(n).value()));
            ctx = contextWithoutLocals().child(Map.of("local", Value.object(loc)));
        } else {
            ctx = evalContext();
        }
        Value v = Evaluator.evaluate(def.expr(), ctx, own);
        diags.addAll(own);
        if (!own.hasErrors()) {
            Variable local = new Variable(name, v.type(), true, def.sensitive(), "", def.range());
            local.assignLocal(new Variable.Assignment("default", v, def.expr()));
            locals.put(name, local);
        }
    }

    /**
     * {@link #evalContext()} as it is before any local is set; made again after a data source is read, or a variable
     * changed.
     */
    private EvalContext withoutLocals;
    private Value withoutLocalsVar;

    private EvalContext contextWithoutLocals() {
        Value var = inputVariablesObject();
        if (withoutLocals == null || withoutLocalsVar != var) {
            withoutLocals = evalContext(Map.of());
            withoutLocalsVar = var;
        }
        return withoutLocals;
    }

    /** The context expressions in sources, builds and the console see. */
    public EvalContext evalContext() {
        Map<String, Value> loc = new TreeMap<>();
        locals.forEach((k, v) -> loc.put(k, v.value()));
        return evalContext(loc);
    }

    /** The {@code var} object, made again only when a variable was declared or given a value since. */
    private Value varObject;
    /** {@link Variable#assignments()} and the number of variables when {@link #varObject} was made. */
    private long varObjectAssignments = -1;
    private int varObjectCount = -1;

    private Value inputVariablesObject() {
        long assignments = Variable.assignments();
        if (varObject == null || assignments != varObjectAssignments || inputVariables.size() != varObjectCount) {
            Map<String, Value> in = new LinkedHashMap<>();
            inputVariables.forEach((k, v) -> in.put(k, v.value()));
            varObject = Value.object(in);
            varObjectAssignments = assignments;
            varObjectCount = inputVariables.size();
        }
        return varObject;
    }

    /** The context with {@code loc} as the locals. */
    private EvalContext evalContext(Map<String, Value> loc) {
        Map<String, Value> vars = new LinkedHashMap<>();
        vars.put("var", inputVariablesObject());
        vars.put("local", Value.object(loc));
        if (!dataDefs.isEmpty()) {
            Map<String, Value> byType = new TreeMap<>();
            data.forEach((type, byName) -> byType.put(type, Value.object(new TreeMap<>(byName))));
            vars.put("data", Value.object(byType));
        }
        vars.put("source", Value.object(Map.of("type", Value.unknown(Type.STRING), "name",
                Value.unknown(Type.STRING))));
        vars.put("build", Value.unknown(Type.object(Map.of())));
        vars.put("packer", Value.object(Map.of("version", Value.string(PACKER_VERSION))));
        vars.put("path", Value.object(Map.of("cwd", Value.string(workDir.toString().replace('\\', '/')),
                "root", Value.string(basedir.replace('\\', '/')))));
        return new EvalContext(vars, functions);
    }
}
