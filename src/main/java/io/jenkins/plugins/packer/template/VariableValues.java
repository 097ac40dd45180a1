package io.jenkins.plugins.packer.template;

import io.jenkins.plugins.packer.hcl.BodyContent;
import io.jenkins.plugins.packer.hcl.BodySchema;
import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.Evaluator;
import io.jenkins.plugins.packer.hcl.Parser;
import io.jenkins.plugins.packer.hcl.Range;
import io.jenkins.plugins.packer.hcl.ast.Attribute;
import io.jenkins.plugins.packer.hcl.ast.Block;
import io.jenkins.plugins.packer.hcl.ast.Expression;
import io.jenkins.plugins.packer.hcl.ast.File;
import io.jenkins.plugins.packer.value.ConversionException;
import io.jenkins.plugins.packer.value.Convert;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies input variable values in Packer's precedence: {@code PKR_VAR_*} from the environment, then var-files
 * (the automatic ones of a directory first), then {@code -var} arguments; each later value wins. See
 * <a href="https://developer.hashicorp.com/packer/docs/templates/hcl_templates/variables#variable-definition-precedence">
 * variable definition precedence</a>.
 */
final class VariableValues {

    static final String ENV_PREFIX = "PKR_VAR_";

    private final HclConfig config;
    private final Map<String, Variable> variables;

    VariableValues(HclConfig config) {
        this.config = config;
        this.variables = config.inputVariables();
    }

    void collect(Path workDir, Map<String, String> env, List<String> varFiles, Map<String, String> argVars,
                 Diagnostics diags) {
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (!e.getKey().startsWith(ENV_PREFIX)) {
                continue;
            }
            String name = e.getKey().substring(ENV_PREFIX.length());
            Variable v = variables.get(name);
            if (v == null) {
                continue;
            }
            assignText(v, "env", "<value for var." + name + " from env>", e.getValue(), "Invalid value for variable",
                    "The value for " + name + " is not compatible with the variable's type constraint: ", diags);
        }
        for (String file : varFiles) {
            if (file.endsWith(".hcl") || file.endsWith(".json")) {
                Diagnostics parse = new Diagnostics();
                File f = HclConfig.parseFile(workDir, file, config.workspaceRoot(), parse);
                diags.addAll(parse);
                if (f != null) {
                    config.addVarFile(f);
                }
                if (f != null && !parse.hasErrors()) {
                    applyVarFile(f, diags);
                }
            } else {
                diags.add(Diagnostic.error("Could not guess format of " + file,
                        "A var file must be suffixed with `.hcl` or `.json`.", null));
            }
        }
        for (Map.Entry<String, String> e : argVars.entrySet()) {
            String name = e.getKey();
            Variable v = variables.get(name);
            if (v == null) {
                diags.add(Diagnostic.error("Undefined -var variable", "A \"" + name + "\" variable was passed in the"
                        + " command line but was not found in known variables. To declare variable \"" + name
                        + "\", place this block in one of your .pkr files, such as variables.pkr.hcl", null));
                continue;
            }
            assignText(v, "cmd", "<value for var." + name + " from arguments>", e.getValue(),
                    "Invalid argument value for -var variable", "The received arg value for " + name
                            + " is not compatible with the variable's type constraint: ", diags);
        }
    }

    /** A value given as text: taken literally for string, number and untyped variables, else read as HCL. */
    private void assignText(Variable v, String from, String filename, String text, String summary, String detail,
                            Diagnostics diags) {
        Type t = v.type();
        Value val;
        Expression expr = null;
        if (!v.typed() || t.equals(Type.STRING) || t.equals(Type.NUMBER) || t.isDynamic()) {
            val = Value.string(text);
        } else {
            Diagnostics parse = new Diagnostics();
            expr = Parser.parseExpression(text.getBytes(StandardCharsets.UTF_8), filename, parse);
            diags.addAll(parse);
            if (parse.hasErrors()) {
                return;
            }
            val = Evaluator.evaluate(expr, null, diags);
        }
        v.assign(new Variable.Assignment(from, convert(v, val, summary, detail,
                expr == null ? null : expr.range(), diags), expr));
    }

    private static Value convert(Variable v, Value val, String summary, String detail, Range subject,
                                 Diagnostics diags) {
        if (!v.typed()) {
            return val;
        }
        try {
            return Convert.convert(val, v.type());
        } catch (ConversionException e) {
            diags.error(summary, detail + e.getMessage() + ".", subject);
            return Value.DYNAMIC_UNKNOWN;
        }
    }

    /** A var-file of either syntax: attributes only, each setting a declared variable. */
    private void applyVarFile(File f, Diagnostics diags) {
        BodyContent blocks = BodyContent.partial(f.body(), BodySchema.of(List.of(),
                List.of(BodySchema.block("variable", "name"))), new Diagnostics());
        Diagnostics declared = new Diagnostics();
        for (Block block : blocks.blocks()) {
            String name = block.labels().get(0);
            declared.error("Variable declaration in a .pkrvar file", "A .pkrvar file is used to assign values to"
                    + " variables that have already been declared in .pkr files, not to declare new variables. To"
                    + " declare variable \"" + name + "\", place this block in one of your .pkr files, such as"
                    + " variables.pkr.hcl\n\nTo set a value for this variable in " + f.filename() + ", use the"
                    + " definition syntax instead:\n    " + name + " = <value>", block.typeRange());
        }
        diags.addAll(declared);
        if (declared.hasErrors()) {
            return;
        }
        for (Attribute attr : BodyContent.justAttributes(f.body(), diags).values()) {
            Variable v = variables.get(attr.name());
            if (v == null) {
                diags.add(undefined(attr.name(), attr.range()));
                continue;
            }
            Value val = Evaluator.evaluate(attr.expr(), null, diags);
            v.assign(new Variable.Assignment("varfile", convert(v, val, "Invalid value for variable",
                    "The value for " + attr.name() + " is not compatible with the variable's type constraint: ",
                    attr.expr().range(), diags), attr.expr()));
        }
    }

    private static Diagnostic undefined(String name, Range context) {
        return new Diagnostic(Diagnostic.Severity.WARNING, "Undefined variable", "A \"" + name + "\" variable was"
                + " set but was not found in known variables. To declare variable \"" + name + "\", place this block"
                + " in one of your .pkr files, such as variables.pkr.hcl", null, context, null);
    }
}
