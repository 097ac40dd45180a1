package io.jenkins.plugins.packer.template;

import io.jenkins.plugins.packer.function.Function;
import io.jenkins.plugins.packer.function.FunctionContext;
import io.jenkins.plugins.packer.function.Functions;
import io.jenkins.plugins.packer.hcl.BodyContent;
import io.jenkins.plugins.packer.hcl.BodySchema;
import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.EvalContext;
import io.jenkins.plugins.packer.hcl.Evaluator;
import io.jenkins.plugins.packer.hcl.ExpressionFunction;
import io.jenkins.plugins.packer.hcl.Parser;
import io.jenkins.plugins.packer.hcl.TypeExpressions;
import io.jenkins.plugins.packer.hcl.Variables;
import io.jenkins.plugins.packer.hcl.ast.Attribute;
import io.jenkins.plugins.packer.hcl.ast.Block;
import io.jenkins.plugins.packer.hcl.ast.File;
import io.jenkins.plugins.packer.hcl.ast.Traverser;
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
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An HCL2 Packer configuration: the files of a template path, its input variables and locals, and the evaluation
 * context its expressions see. See <a href="https://developer.hashicorp.com/packer/docs/templates/hcl_templates">HCL
 * templates</a>.
 */
public final class HclConfig {

    public static final String HCL_SUFFIX = ".pkr.hcl";
    public static final String JSON_SUFFIX = ".pkr.json";
    /** The Packer version templates see as {@code packer.version}. */
    public static final String PACKER_VERSION = "1.6.6";

    static final BodySchema TOP_LEVEL = BodySchema.of(List.of(), List.of(
            BodySchema.block("packer"),
            BodySchema.block("source", "type", "name"),
            BodySchema.block("variables"),
            BodySchema.block("variable", "name"),
            BodySchema.block("locals"),
            BodySchema.block("build"),
            BodySchema.block("communicator", "type", "name")));

    private static final BodySchema VARIABLE = BodySchema.of(List.of(
            BodySchema.attr("description"), BodySchema.attr("default"), BodySchema.attr("type"),
            BodySchema.attr("sensitive")), List.of(BodySchema.block("validation")));

    private final List<File> files;
    private final Path workDir;
    private final String basedir;
    private final Map<String, Variable> inputVariables = new TreeMap<>();
    private final Map<String, Variable> locals = new TreeMap<>();
    private final Map<String, Function> functions;

    private HclConfig(List<File> files, Path workDir, String basedir, FunctionContext fctx) {
        this.files = files;
        this.workDir = workDir;
        this.basedir = basedir;
        Map<String, Function> fns = new TreeMap<>(Functions.packer(fctx));
        fns.putAll(ExpressionFunction.all());
        this.functions = fns;
    }

    public List<File> files() {
        return files;
    }

    public Map<String, Variable> inputVariables() {
        return inputVariables;
    }

    public Map<String, Variable> locals() {
        return locals;
    }

    /**
     * Reads the configuration at {@code target} (a file or a directory, relative to {@code workDir}) and decodes its
     * variables and locals. Parse errors stop there; other errors are reported and decoding goes on.
     */
    public static HclConfig load(Path workDir, String target, Map<String, String> env, java.time.Clock clock,
                                 Diagnostics diags) {
        Path resolved = workDir.resolve(target);
        List<String> hclFiles = new ArrayList<>();
        if (Files.isDirectory(resolved)) {
            try (Stream<Path> s = Files.list(resolved)) {
                s.sorted().forEach(p -> {
                    String n = p.getFileName().toString();
                    if (!Files.isDirectory(p) && n.endsWith(HCL_SUFFIX)) {
                        hclFiles.add(target.equals(".") ? n : target.replaceAll("/+$", "") + "/" + n);
                    }
                });
            } catch (IOException e) {
                diags.add(Diagnostic.error("Cannot read hcl directory", e.getMessage(), null));
            }
        } else if (target.endsWith(HCL_SUFFIX)) {
            hclFiles.add(target);
        }
        if (hclFiles.isEmpty()) {
            diags.add(Diagnostic.error("Could not find any config file in " + target,
                    "A config file must be suffixed with `.pkr.hcl` or `.pkr.json`. A folder can be referenced.",
                    null));
        }
        List<File> files = new ArrayList<>();
        for (String name : hclFiles) {
            try {
                byte[] src = Files.readAllBytes(workDir.resolve(name));
                files.add(Parser.parseConfig(src, name, diags));
            } catch (IOException e) {
                diags.add(Diagnostic.error("Failed to read file", "The configuration file \"" + name
                        + "\" could not be read.", null));
            }
        }
        String basedir = Files.isDirectory(resolved) ? target : parentOf(target);
        FunctionContext fctx = new FunctionContext(workDir.resolve(basedir).normalize(), null, env, clock);
        HclConfig cfg = new HclConfig(files, workDir, basedir, fctx);
        if (diags.hasErrors()) {
            return cfg;
        }
        for (File f : files) {
            cfg.decodeInputVariables(f, env, diags);
        }
        return cfg;
    }

    private static String parentOf(String path) {
        int i = path.lastIndexOf('/');
        if (i < 0) {
            return ".";
        }
        return i == 0 ? "/" : path.substring(0, i);
    }

    private void decodeInputVariables(File f, Map<String, String> env, Diagnostics diags) {
        BodyContent content = BodyContent.of(f.body(), TOP_LEVEL, diags);
        // Variable defaults may call env() and nothing else, and may not refer to other variables.
        Map<String, Function> defaultFunctions = new HashMap<>();
        Function envFn = EnvFunction.create(env);
        defaultFunctions.put(envFn.name(), envFn);
        EvalContext defaultsCtx = new EvalContext(null, defaultFunctions);
        for (Block block : content.blocks()) {
            if (block.type().equals("variable")) {
                decodeVariableBlock(block, defaultsCtx, diags);
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
        Variable var = new Variable(attr.name(), v.type(), false, "", attr.range());
        var.assign(new Variable.Assignment("default", v, attr.expr()));
        inputVariables.put(attr.name(), var);
    }

    private void decodeVariableBlock(Block block, EvalContext ctx, Diagnostics diags) {
        String name = block.labels().get(0);
        if (inputVariables.containsKey(name)) {
            diags.add(new Diagnostic(Diagnostic.Severity.ERROR, "Duplicate variable",
                    "Duplicate " + name + " variable definition found.", null, block.defRange(), null));
            return;
        }
        BodyContent content = BodyContent.of(block.body(), VARIABLE, diags);
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
        Variable var = new Variable(name, type == null ? Type.DYNAMIC : type, sensitive, description,
                block.defRange());
        if (defaultValue != null) {
            var.assign(new Variable.Assignment("default", defaultValue, def.expr()));
        }
        inputVariables.put(name, var);
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

    private record LocalDef(String name, Attribute attr) {}

    /** Evaluates the locals, in dependency order; a local that refers to itself through others is an error. */
    public void initialize(Diagnostics diags) {
        Map<String, LocalDef> defs = new LinkedHashMap<>();
        for (File f : files) {
            Diagnostics ignore = new Diagnostics();
            for (Block block : BodyContent.partial(f.body(), TOP_LEVEL, ignore).blocks()) {
                if (!block.type().equals("locals")) {
                    continue;
                }
                for (Attribute attr : BodyContent.justAttributes(block.body(), diags).values()) {
                    if (defs.containsKey(attr.name())) {
                        diags.error("Duplicate local variable", "Duplicate " + attr.name()
                                + " local variable definition found.", attr.nameRange());
                        continue;
                    }
                    defs.put(attr.name(), new LocalDef(attr.name(), attr));
                }
            }
        }
        Map<String, Integer> state = new HashMap<>();
        for (String name : defs.keySet()) {
            evaluateLocal(name, defs, state, new ArrayList<>(), diags);
        }
    }

    private void evaluateLocal(String name, Map<String, LocalDef> defs, Map<String, Integer> state,
                               List<String> path, Diagnostics diags) {
        Integer st = state.get(name);
        if (st != null) {
            return;
        }
        LocalDef def = defs.get(name);
        state.put(name, 1);
        path.add(name);
        for (List<Traverser> ref : Variables.of(def.attr().expr())) {
            if (ref.size() >= 2 && ((Traverser.Root) ref.get(0)).name().equals("local")
                    && ref.get(1) instanceof Traverser.Attr a && defs.containsKey(a.name())) {
                if (Integer.valueOf(1).equals(state.get(a.name()))) {
                    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(a.name()), path.size()));
                    cycle.add(a.name());
                    diags.error("Cycle in local variables", "The local variables "
                            + String.join(" -> ", cycle.stream().map(n -> "local." + n).toList())
                            + " refer to each other in a cycle.", def.attr().range());
                    continue;
                }
                evaluateLocal(a.name(), defs, state, path, diags);
            }
        }
        path.remove(path.size() - 1);
        Diagnostics own = new Diagnostics();
        Value v = Evaluator.evaluate(def.attr().expr(), evalContext(), own);
        diags.addAll(own);
        state.put(name, 2);
        if (!own.hasErrors()) {
            Variable local = new Variable(name, v.type(), false, "", def.attr().range());
            local.assign(new Variable.Assignment("default", v, def.attr().expr()));
            locals.put(name, local);
        }
    }

    /** The context expressions in sources, builds and the console see. */
    public EvalContext evalContext() {
        Map<String, Value> vars = new LinkedHashMap<>();
        Map<String, Value> in = new TreeMap<>();
        inputVariables.forEach((k, v) -> in.put(k, v.value()));
        Map<String, Value> loc = new TreeMap<>();
        locals.forEach((k, v) -> loc.put(k, v.value()));
        vars.put("var", Value.object(in));
        vars.put("local", Value.object(loc));
        vars.put("source", Value.object(Map.of("type", Value.unknown(Type.STRING), "name",
                Value.unknown(Type.STRING))));
        vars.put("build", Value.unknown(Type.object(Map.of())));
        vars.put("packer", Value.object(Map.of("version", Value.string(PACKER_VERSION))));
        vars.put("path", Value.object(Map.of("cwd", Value.string(workDir.toString().replace('\\', '/')),
                "root", Value.string(basedir.replace('\\', '/')))));
        return new EvalContext(vars, functions);
    }
}
