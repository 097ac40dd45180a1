package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.value.ConsoleFormat;
import io.jenkins.plugins.packer.value.ConversionException;
import io.jenkins.plugins.packer.value.Convert;
import io.jenkins.plugins.packer.value.Value;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Calls a function as HCL's evaluator does (argument count, conversion to each parameter's type, then
 * {@link Function#call}) and renders the outcome as {@code packer console} would: the value, or the error's summary and
 * detail on one line ("Invalid function argument | Invalid value for "num" parameter: a number is required.").
 */
final class CoreCalls {

    static final Map<String, Function> FUNCTIONS =
            Functions.packer(new FunctionContext(Path.of("."), null, Map.of(), Clock.systemUTC()));

    private CoreCalls() {
    }

    static String run(CoreLiterals.Call call) {
        Function fn = FUNCTIONS.get(call.name());
        List<Object> args = new ArrayList<>(call.args());
        if (call.expand()) {
            Value last = (Value) args.remove(args.size() - 1);
            args.addAll(last.elements());
        }
        int n = fn.params().size();
        String atLeast = fn.varParam() != null ? "at least " : "";
        if (args.size() < n) {
            return "Not enough function arguments | Function \"" + fn.name() + "\" expects " + atLeast + n
                    + " argument(s). Missing value for \"" + fn.params().get(args.size()).name() + "\".";
        }
        if (args.size() > n && fn.varParam() == null) {
            return "Too many function arguments | Function \"" + fn.name() + "\" expects only " + n + " argument(s).";
        }
        try {
            if (fn instanceof EncodingFunctions.ConvertFunction convert) {
                return ConsoleFormat.format(convert.convert((Value) args.get(0), ((CoreLiterals.TypeExpr) args.get(1)).type()));
            }
            List<Value> values = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                Parameter p = i < n ? fn.params().get(i) : fn.varParam();
                try {
                    values.add(Convert.convert((Value) args.get(i), p.type()));
                } catch (ConversionException e) {
                    return "Invalid function argument | Invalid value for \"" + p.name() + "\" parameter: "
                            + e.getMessage() + ".";
                }
            }
            return ConsoleFormat.format(fn.call(values));
        } catch (FunctionException e) {
            if (e.isArgError()) {
                Parameter p = e.argIndex() < n ? fn.params().get(e.argIndex()) : fn.varParam();
                return "Invalid function argument | Invalid value for \"" + p.name() + "\" parameter: "
                        + e.getMessage() + ".";
            }
            return "Error in function call | Call to function \"" + fn.name() + "\" failed: " + e.getMessage() + ".";
        }
    }

    /** The oracle's output in the same one-line form (the first error only; wrapped lines joined). */
    static String oracleText(String out) {
        if (!out.startsWith("Error: ")) {
            return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
        }
        String[] lines = out.split("\n", -1);
        String summary = lines[0].substring("Error: ".length());
        StringBuilder detail = new StringBuilder();
        int i = 1;
        while (i < lines.length && !lines[i].equals("  (source code not available)")) {
            i++;
        }
        for (i += 2; i < lines.length && !lines[i].isEmpty(); i++) {
            if (lines[i].startsWith("with ")) {
                continue;
            }
            if (!detail.isEmpty()) {
                detail.append(' ');
            }
            detail.append(lines[i]);
        }
        return summary + " | " + detail;
    }
}
