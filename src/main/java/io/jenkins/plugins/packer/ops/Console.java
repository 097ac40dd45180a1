package io.jenkins.plugins.packer.ops;

import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.EvalContext;
import io.jenkins.plugins.packer.hcl.Evaluator;
import io.jenkins.plugins.packer.hcl.Parser;
import io.jenkins.plugins.packer.hcl.ast.Expression;
import io.jenkins.plugins.packer.template.HclConfig;
import io.jenkins.plugins.packer.template.Variable;
import io.jenkins.plugins.packer.value.ConsoleFormat;
import io.jenkins.plugins.packer.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code packer console}: evaluates one line at a time against a configuration's variables, locals and functions.
 * See <a href="https://developer.hashicorp.com/packer/docs/commands/console">packer console</a>.
 */
public final class Console {

    /** The file name expressions typed at the console are reported under. */
    public static final String INPUT_NAME = "<console-input>";

    static final String HELP = """
            Packer console HCL2 Mode.
            The Packer console allows you to experiment with Packer interpolations.
            You may access variables and functions in the Packer config you called the
            console with.

            Type in the interpolation to test and hit <enter> to see the result.

            "upper(var.foo.id)" would evaluate to the ID of "foo" and uppercase is, if it
            exists in your config file.

            "variables" will dump all available variables and their values.

            "exit" will exit the console.""";

    /** What one line gave: the text to show, whether the user asked to leave, and any problems. */
    public record Result(String output, boolean exit, Diagnostics diags) {}

    private final HclConfig config;

    public Console(HclConfig config) {
        this.config = config;
    }

    public Result evaluate(String line) {
        Diagnostics diags = new Diagnostics();
        switch (line) {
            case "":
                return new Result("", false, diags);
            case "exit":
                return new Result("", true, diags);
            case "help":
                return new Result(HELP, false, diags);
            case "variables":
                return new Result(variables(config), false, diags);
            default:
                break;
        }
        Expression expr = Parser.parseExpression(line.getBytes(StandardCharsets.UTF_8), INPUT_NAME, diags);
        if (diags.hasErrors()) {
            return new Result("", false, diags);
        }
        EvalContext ctx = config.evalContext();
        Value v = Evaluator.evaluate(expr, ctx, diags);
        if (diags.hasErrors()) {
            return new Result("", false, diags);
        }
        return new Result(ConsoleFormat.format(v), false, diags);
    }

    /** The variables and locals with their values, as the console's "variables" and inspect print them. */
    static String variables(HclConfig config) {
        StringBuilder out = new StringBuilder("> input-variables:\n\n");
        appendAll(out, "var.", config.inputVariables());
        out.append("\n> local-variables:\n\n");
        appendAll(out, "local.", config.locals());
        return out.toString();
    }

    private static void appendAll(StringBuilder out, String prefix, Map<String, Variable> vars) {
        for (Variable v : vars.values()) {
            out.append(prefix).append(v.name()).append(": ")
                    .append(ConsoleFormat.goQuote(ConsoleFormat.format(v.value()))).append('\n');
        }
    }
}
