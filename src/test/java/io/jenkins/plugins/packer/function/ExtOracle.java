package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.SharedCorpus;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.value.ConsoleFormat;
import io.jenkins.plugins.packer.value.ConversionException;
import io.jenkins.plugins.packer.value.Convert;
import io.jenkins.plugins.packer.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Calls a function as the evaluator does (argument count, conversion to the parameter types, then {@link
 * Function#call}) and compares what the console would print with packer 1.6.6's output for a handmade expression
 * case. Error details are compared with the oracle's lines joined again, since the console wraps them at 80 columns.
 */
final class ExtOracle {

    static final Path EXPRESSIONS = corpus().resolve("handmade/expressions");
    static final Instant NOW = Instant.parse("2021-03-04T05:06:07.123456789Z");
    static final FunctionContext CONTEXT = new FunctionContext(EXPRESSIONS, null, Map.of("HOME", "/home/tester"),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private ExtOracle() {
    }

    private static Path corpus() {
        return SharedCorpus.dir();
    }

    static Map<String, Function> functions() {
        return functions(CONTEXT);
    }

    static Map<String, Function> functions(FunctionContext ctx) {
        return Functions.packer(ctx);
    }

    /** What packer console printed for the case. */
    static String output(String id) {
        try {
            return Files.readString(EXPRESSIONS.resolve("out/" + id + ".txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The console's output for a successful case, the error's summary and unwrapped detail for a failed one. */
    static String expected(String id) {
        String out = output(id);
        if (!out.startsWith("Error: ")) {
            return out;
        }
        String[] lines = out.split("\n", -1);
        int start = 0;
        while (!lines[start].equals("  (source code not available)")) {
            start++;
        }
        StringBuilder detail = new StringBuilder();
        for (int i = start + 2; i < lines.length && !lines[i].isEmpty(); i++) {
            detail.append(detail.length() == 0 ? "" : " ").append(lines[i]);
        }
        return lines[0] + "\n" + detail;
    }

    /** What our console would print for the call: the result, or the error's summary and detail. */
    static String actual(String name, Value... args) {
        return actual(functions(), name, args);
    }

    static String actual(Map<String, Function> fns, String name, Value... args) {
        Function f = fns.get(name);
        assertThat(f).as("function %s", name).isNotNull();
        List<Parameter> params = f.params();
        if (args.length < params.size()) {
            return String.format("Error: Not enough function arguments%nFunction \"%s\" expects%s %d argument(s). "
                    + "Missing value for \"%s\".", name, f.varParam() != null ? " at least" : "", params.size(),
                    params.get(args.length).name());
        }
        if (f.varParam() == null && args.length > params.size()) {
            return String.format("Error: Too many function arguments%nFunction \"%s\" expects only %d argument(s).",
                    name, params.size());
        }
        List<Value> converted = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            Parameter p = i < params.size() ? params.get(i) : f.varParam();
            try {
                converted.add(Convert.convert(args[i], p.type()));
            } catch (ConversionException e) {
                return invalid(p, e.getMessage());
            }
        }
        try {
            return ConsoleFormat.format(f.call(converted)) + "\n";
        } catch (FunctionException e) {
            if (e.isArgError()) {
                return invalid(e.argIndex() < params.size() ? params.get(e.argIndex()) : f.varParam(),
                        e.getMessage());
            }
            return String.format("Error: Error in function call%nCall to function \"%s\" failed: %s.", name,
                    e.getMessage());
        }
    }

    private static String invalid(Parameter p, String message) {
        return String.format("Error: Invalid function argument%nInvalid value for \"%s\" parameter: %s.", p.name(),
                message);
    }

    /** Asserts that calling the function on these values prints what packer printed for the case. */
    static void assertCase(String id, String name, Value... args) {
        assertThat(actual(name, args)).as(id).isEqualTo(expected(id));
    }

    static Value str(String s) {
        return Value.string(s);
    }

    static Value num(long n) {
        return Value.number(n);
    }
}
