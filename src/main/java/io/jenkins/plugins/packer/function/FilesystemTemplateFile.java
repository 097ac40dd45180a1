package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.EvalContext;
import io.jenkins.plugins.packer.hcl.Evaluator;
import io.jenkins.plugins.packer.hcl.ExpressionFunction;
import io.jenkins.plugins.packer.hcl.Lexer;
import io.jenkins.plugins.packer.hcl.Parser;
import io.jenkins.plugins.packer.hcl.Variables;
import io.jenkins.plugins.packer.hcl.ast.Expression;
import io.jenkins.plugins.packer.hcl.ast.Traverser;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Packer's {@code templatefile(path, vars)}: reads the file as {@code file} does, parses it as an HCL template and
 * renders it with the given variables and every function but itself. See
 * <a href="https://developer.hashicorp.com/packer/docs/templates/hcl_templates/functions/file/templatefile">
 * templatefile</a>.
 */
final class FilesystemTemplateFile extends Function {

    /** Reads a template's text with {@code file}'s rules and messages. */
    @FunctionalInterface
    interface Reader {
        String read(String path) throws FunctionException;
    }

    private static final String NAME = "templatefile";
    private static final List<Parameter> PARAMS = List.of(Parameter.of("path", Type.STRING),
            Parameter.of("vars", Type.DYNAMIC));

    private final Reader reader;
    private final Map<String, Function> functions;

    /**
     * @param functions the function table this one belongs to, read when a template is rendered (so it may still be
     *                  filling up when this is built)
     */
    FilesystemTemplateFile(Reader reader, Map<String, Function> functions) {
        super(NAME, PARAMS, null);
        this.reader = reader;
        this.functions = functions;
    }

    @Override
    protected Value impl(List<Value> args, Type returnType) throws FunctionException {
        String path = args.get(0).asString();
        String text = reader.read(path);
        Diagnostics parseDiags = new Diagnostics();
        Expression template = Parser.parseTemplate(text.getBytes(StandardCharsets.UTF_8), path, parseDiags);
        if (parseDiags.hasErrors()) {
            throw new FunctionException(diagnosticsText(parseDiags));
        }
        Value vars = args.get(1);
        if (!(vars.type().isMap() || vars.type().isObject())) {
            throw new FunctionException(1, "invalid vars value: must be a map");
        }
        Map<String, Value> variables = vars.entries();
        for (String name : variables.keySet()) {
            if (!Lexer.isIdentifier(name)) {
                throw new FunctionException(1, "invalid template variable name " + ExtFunction.goQuote(name)
                        + ": must start with a letter, followed by zero or more letters, digits, and underscores");
            }
        }
        for (List<Traverser> traversal : Variables.of(template)) {
            Traverser.Root root = (Traverser.Root) traversal.get(0);
            if (!variables.containsKey(root.name())) {
                throw new FunctionException(1, "vars map does not contain key " + ExtFunction.goQuote(root.name())
                        + ", referenced at " + root.range());
            }
        }
        Diagnostics evalDiags = new Diagnostics();
        Value result = Evaluator.evaluate(template, new EvalContext(variables, insideFunctions()), evalDiags);
        if (evalDiags.hasErrors()) {
            throw new FunctionException(diagnosticsText(evalDiags));
        }
        return result;
    }

    /** Every function, with templatefile itself replaced by one that refuses to recurse. */
    private Map<String, Function> insideFunctions() {
        Map<String, Function> inside = new TreeMap<>(functions);
        inside.putAll(ExpressionFunction.all());
        inside.put(NAME, new Recursion());
        return inside;
    }

    /** hcl.Diagnostics' Error(): the first diagnostic as "range: summary; detail", with a count of the others. */
    private static String diagnosticsText(Diagnostics diags) {
        List<Diagnostic> all = diags.list();
        Diagnostic first = all.get(0);
        String text = (first.subject() == null ? "<nil>" : first.subject().toString()) + ": " + first.summary()
                + "; " + first.detail();
        return all.size() == 1 ? text : text + ", and " + (all.size() - 1) + " other diagnostic(s)";
    }

    /** What templatefile is inside a template. */
    private static final class Recursion extends Function {

        private static final String MESSAGE = "cannot recursively call templatefile from inside templatefile call";

        Recursion() {
            super(NAME, PARAMS, null);
        }

        @Override
        protected Type returnType(List<Value> args) throws FunctionException {
            throw new FunctionException(MESSAGE);
        }

        @Override
        protected Value impl(List<Value> args, Type returnType) throws FunctionException {
            throw new FunctionException(MESSAGE);
        }
    }
}
