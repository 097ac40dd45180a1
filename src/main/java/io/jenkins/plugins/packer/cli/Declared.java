package io.jenkins.plugins.packer.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * A command of {@code pkrj}, its options declared in code rather than by picocli's annotations: reading annotations
 * makes the JVM generate a proxy class for each annotation type, some 30 ms of a 120 ms {@code fmt} or
 * {@code validate}. The options are Go's flags, as packer's: {@code -name} and {@code --name}, booleans as
 * {@code -name} or {@code -name=false}; the command reads their values from the parse result.
 */
abstract class Declared implements java.util.concurrent.Callable<Integer> {

    /** The process seams the command may touch. */
    Main.Io io;

    private CommandSpec spec;

    /** The command's name and options, the command itself as picocli's user object. */
    final CommandSpec spec() {
        if (spec == null) {
            spec = CommandSpec.wrapWithoutInspection(this).name(name());
            declare(spec);
        }
        return spec;
    }

    abstract String name();

    /** Packer's help text for the verb, printed for a flag or argument it does not take. */
    abstract String help();

    /** Adds the command's options and parameters to {@code spec}. */
    abstract void declare(CommandSpec spec);

    /** What the command line gave, once picocli parsed it. */
    final ParseResult parsed() {
        return spec.commandLine().getParseResult();
    }

    /** A boolean flag: {@code -name}, {@code -name=true}, {@code -name=false}. */
    static void flag(CommandSpec spec, String name, boolean byDefault) {
        spec.addOption(OptionSpec.builder("-" + name, "--" + name).arity("0..1").type(boolean.class)
                .defaultValue(Boolean.toString(byDefault)).build());
    }

    /** A value option that may be given many times, each value kept in order, split at commas when asked. */
    static void repeated(CommandSpec spec, String name, boolean commaSeparated) {
        OptionSpec.Builder b = OptionSpec.builder("-" + name, "--" + name).type(List.class)
                .auxiliaryTypes(String.class);
        if (commaSeparated) {
            b.splitRegex(",");
        }
        spec.addOption(b.build());
    }

    /** A value option of {@code type}: given again, the last value counts. */
    static void value(CommandSpec spec, String name, Class<?> type) {
        spec.addOption(OptionSpec.builder("-" + name, "--" + name).type(type).build());
    }

    /** The one positional parameter, the template (a file, a folder, or "-"). */
    static void template(CommandSpec spec) {
        spec.addPositional(PositionalParamSpec.builder().arity("1").required(true).paramLabel("TEMPLATE")
                .type(String.class).build());
    }

    /** The template, which may be left out. */
    static void optionalTemplate(CommandSpec spec) {
        spec.addPositional(PositionalParamSpec.builder().arity("0..1").required(false).paramLabel("TEMPLATE")
                .type(String.class).build());
    }

    /**
     * The arguments as picocli is to read them: a boolean flag given alone ({@code -check}) becomes
     * {@code -check=true}, since Go's flags never take the next argument as a boolean's value ({@code -write false}
     * is {@code -write} and a second TEMPLATE), where picocli would.
     */
    final String[] goFlags(String[] args) {
        String[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            String a = out[i];
            if (a.equals("--") || !a.startsWith("-") || a.equals("-")) {
                break;
            }
            OptionSpec o = a.contains("=") ? null : spec().findOption(a);
            if (o != null && o.type() == boolean.class) {
                out[i] = a + "=true";
            } else if (o != null) {
                i++;
            }
        }
        return out;
    }

    final boolean flag(String name) {
        Boolean value = parsed().matchedOptionValue("-" + name, null);
        return value == null ? Boolean.parseBoolean(spec.findOption("-" + name).defaultValue()) : value;
    }

    final <T> T value(String name, T byDefault) {
        return parsed().matchedOptionValue("-" + name, byDefault);
    }

    final List<String> values(String name) {
        return parsed().matchedOptionValue("-" + name, List.of());
    }

    final String template() {
        return parsed().matchedPositionalValue(0, null);
    }

    /**
     * The {@code -var key=value} options in order, the last value of a key winning; null when one has no
     * {@code =} (packer then prints the command's help and exits with 1).
     */
    final Map<String, String> vars() {
        Map<String, String> vars = new java.util.LinkedHashMap<>();
        for (String kv : values("var")) {
            int eq = kv.indexOf('=');
            if (eq < 0) {
                return null;
            }
            vars.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return vars;
    }
}
