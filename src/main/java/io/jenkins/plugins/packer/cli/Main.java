package io.jenkins.plugins.packer.cli;

import io.jenkins.plugins.packer.run.DeepStack;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code pkrj}: the Packer Steps engine on the command line, with packer's verbs, flags, output and exit codes.
 * Everything is printed to standard output, as packer does.
 */
public final class Main {

    /** What a command may touch of the process: streams, environment and working directory. */
    public record Io(InputStream in, PrintStream out, Map<String, String> env, Path workDir) {}

    public static void main(String[] args) {
        quickStart();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Io io = new Io(System.in, out, System.getenv(), Path.of("").toAbsolutePath());
        int code = run(io, args);
        out.flush();
        System.err.flush();
        if (args.length > 0 && HALTING.contains(args[0])) {
            // Since Java 21 System.exit asks a System.Logger whether to log the exit, which starts java.util.logging:
            // some 35 ms of a 150 ms fmt or validate. These verbs leave nothing for shutdown hooks to do.
            Runtime.getRuntime().halt(code);
        }
        System.exit(code);
    }

    /**
     * What the command line sets before it starts (and the start-up training with it): the SSH library on the JDK's
     * crypto providers, and picocli without its look-up of Groovy's closures (a class not on the class path, which
     * opens the jar, 40,000 entries, to miss it: some 20 ms of a command whose classes all come from the start-up
     * cache).
     */
    static void quickStart() {
        // The SSH library would register Bouncy Castle (on the class path for docker-java's TLS keys) as its crypto
        // provider: some 300 classes loaded at each SSH start, for what the JDK's own providers do faster.
        if (System.getProperty("org.apache.sshd.security.provider.BC.enabled") == null) {
            System.setProperty("org.apache.sshd.security.provider.BC.enabled", "false");
        }
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
    }

    /** The verbs that end without System.exit: they start no thread, register no shutdown hook, delete no file late. */
    static final java.util.Set<String> HALTING = java.util.Set.of("fmt", "validate", "inspect", "console", "version",
            "hcl2_upgrade", "fix", "init");

    /** Each verb's command, by its name. */
    static final Map<String, Class<?>> VERBS = Map.of("build", BuildCommand.class, "fmt", FmtCommand.class,
            "validate", ValidateCommand.class, "console", ConsoleCommand.class, "inspect", InspectCommand.class,
            "version", VersionCommand.class, "hcl2_upgrade", Hcl2UpgradeCommand.class, "init", InitCommand.class,
            "fix", FixCommand.class, "sweep", SweepCommand.class);

    /** Runs one invocation and returns its exit code. */
    public static int run(Io io, String... args) {
        if (args.length == 0) {
            io.out().println(usage());
            return 127;
        }
        if (args.length == 1 && (args[0].equals("-v") || args[0].equals("--version") || args[0].equals("-version"))) {
            args = new String[] {"version"};
        }
        args = machineReadableAfterVerb(args);
        // The verb's command alone: its flags are declared in code (Declared), without the annotations picocli would
        // read.
        Class<?> verb = VERBS.get(args[0]);
        CommandLine cl;
        if (verb != null) {
            Declared command;
            try {
                command = (Declared) verb.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                io.out().println("Internal error in pkrj, please report it: " + e);
                return 1;
            }
            command.io = io;
            cl = new CommandLine(command.spec());
            args = command.goFlags(java.util.Arrays.copyOfRange(args, 1, args.length));
        } else {
            // Not a verb: picocli reports the first argument as unmatched, and the usage is printed.
            cl = new CommandLine(picocli.CommandLine.Model.CommandSpec.create().name("pkrj"));
        }
        cl.setOut(new java.io.PrintWriter(io.out(), true));
        cl.setErr(new java.io.PrintWriter(io.out(), true));
        cl.setUnmatchedOptionsArePositionalParams(false);
        // Go's flags end at the first argument that is not one: "validate t.pkr.hcl -syntax-only" has two arguments.
        cl.setStopAtPositional(true);
        // Go's flag package takes a flag given twice (-var a=1 -var b=2): the -var setter collects each, the others
        // keep the last value.
        cl.setOverwrittenOptionsAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            if (!(c.getCommand() instanceof Declared)) {
                io.out().println(usage());
                return 127;
            }
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                    && u.getUnmatched().get(0).startsWith("-")) {
                io.out().println("flag provided but not defined: " + u.getUnmatched().get(0));
            }
            io.out().println(((Declared) c.getCommand()).help());
            return 1;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            // A user mistake never gets here: it is a diagnostic. This is a defect of pkrj, and says so.
            io.out().println("Internal error in pkrj, please report it: " + ex);
            return 1;
        });
        String[] command = args;
        try {
            return DeepStack.call(() -> cl.execute(command));
        } catch (DeepStack.TooDeep e) {
            io.out().println("Error: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            io.out().println("Internal error in pkrj, please report it: " + e);
            return 1;
        }
    }

    /**
     * Packer takes {@code -machine-readable} anywhere on the command line; the verbs that print machine-readable
     * output ({@code build}, {@code validate}, {@code inspect}) take it as their own flag, the others ignore it.
     */
    static String[] machineReadableAfterVerb(String[] args) {
        java.util.List<String> rest = new java.util.ArrayList<>();
        boolean machine = false;
        for (String a : args) {
            if (a.equals("-machine-readable") || a.equals("--machine-readable")) {
                machine = true;
            } else {
                rest.add(a);
            }
        }
        if (!machine) {
            return args;
        }
        if (!rest.isEmpty() && (rest.get(0).equals("build") || rest.get(0).equals("validate")
                || rest.get(0).equals("inspect"))) {
            rest.add(1, "-machine-readable");
        }
        return rest.toArray(String[]::new);
    }

    /** This tool's version, from the jar's manifest (the Maven project version); "dev" when run from classes. */
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static String usage() {
        return """
                Usage: pkrj [--version] [--help] <command> [<args>]

                Available commands are:
                    build       build image(s) from template
                    console     creates a console for testing variable interpolation
                    fix         fixes templates from old versions of packer
                    fmt         Rewrites HCL2 config files to canonical format
                    hcl2_upgrade  transform a JSON template into an HCL2 configuration
                    init        Install missing plugins or upgrade plugins
                    inspect     see components of a template
                    sweep       removes what killed builds left behind
                    validate    check that a template is valid
                    version     Prints the Packer version""";
    }
}
