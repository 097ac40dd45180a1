package io.jenkins.plugins.packer.provisioner.shelllocal;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.gotemplate.GoTemplateException;
import io.jenkins.plugins.packer.gotemplate.GoTemplateExecutor;
import io.jenkins.plugins.packer.gotemplate.Interpolation;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.LocalCommand;
import io.jenkins.plugins.packer.run.Ui;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs shell-local scripts, for the provisioner and the post-processor alike (Packer's SDK shares the code): inline
 * commands are written to a temporary {@code packer-shell*} script with the shebang, each script is run with the
 * rendered {@code execute_command} and the environment variables flattened into {@code {{.Vars}}}, and a status
 * outside {@code valid_exit_codes} fails.
 */
public final class ShellLocalRunner {

    static final List<String> DEFAULT_EXECUTE = List.of("/bin/sh", "-c", "{{.Vars}} {{.Script}}");

    private ShellLocalRunner() {
    }

    /** Runs the configured scripts; {@code generatedData} is what inline commands may render ({@code .ID}, …). */
    public static void run(BuildContext ctx, Ui ui, ComponentConfig c, Map<String, String> generatedData)
            throws BuildFailure {
        run(ctx, ui, c, generatedData, false);
    }

    /**
     * Runs the configured scripts; the post-processor ({@code postProcessor}) turns a one-element
     * {@code execute_command} into {@code sh -c COMMAND}, as Packer's does.
     */
    public static void run(BuildContext ctx, Ui ui, ComponentConfig c, Map<String, String> generatedData,
                           boolean postProcessor) throws BuildFailure {
        List<String> onlyOn = c.stringList("only_on");
        if (!onlyOn.isEmpty() && !onlyOn.contains(goos())) {
            ui.say("Skipping shell-local due to runtime OS");
            return;
        }
        List<String> scripts = new ArrayList<>(c.stringList("scripts"));
        if (!c.string("script").isEmpty()) {
            scripts = new ArrayList<>(List.of(c.string("script")));
        }
        List<String> inline = c.stringList("inline");
        if (!c.string("command").isEmpty()) {
            inline = List.of(c.string("command"));
        }
        Path temp = null;
        try {
            if (!inline.isEmpty()) {
                temp = inlineScript(ctx, c, inline, generatedData);
                scripts.add(temp.toString());
            }
            String vars = flattenedEnvVars(ctx, c);
            List<String> execute = c.strings("execute_command");
            if (execute == null || execute.isEmpty()) {
                execute = DEFAULT_EXECUTE;
            } else if (postProcessor && execute.size() == 1) {
                execute = List.of("sh", "-c", execute.get(0));
            }
            List<Long> valid = validExitCodes(c);
            for (String script : scripts) {
                List<String> command = new ArrayList<>();
                // The command gets the script's absolute path; the message shows it as configured.
                String absolute = ctx.resolve(script).toAbsolutePath().normalize().toString();
                Object data = new GoTemplateExecutor.Struct("*shell_local.ExecuteCommandTemplate",
                        Map.of("Vars", vars, "Script", absolute, "Command", absolute, "WinRMPassword", ""));
                for (String part : execute) {
                    command.add(render(part, ctx.interpolation().withData(data), "execute_command"));
                }
                ui.say("Running local shell script: " + script);
                int status;
                try {
                    status = LocalCommand.run(command, ctx.workDir(), ctx.env(), ui, ctx.cancellation());
                } catch (IOException | Cancellation.CancelledException e) {
                    // A command stopped by a timeout or an interrupt fails as one that could not run.
                    throw new BuildFailure("Error executing script: " + script
                            + "\n\nPlease see output above for more information.");
                }
                if (!valid.contains((long) status)) {
                    throw new BuildFailure("Script exited with non-zero exit status: " + status
                            + ".Allowed exit codes are: " + goList(valid));
                }
            }
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // Packer ignores a temporary script it cannot remove.
                }
            }
        }
    }

    private static Path inlineScript(BuildContext ctx, ComponentConfig c, List<String> inline,
                                     Map<String, String> generatedData) throws BuildFailure {
        String shebang = c.string("inline_shebang");
        if (shebang.isEmpty()) {
            shebang = "/bin/sh -e";
        }
        StringBuilder sb = new StringBuilder("#!").append(shebang).append('\n');
        Interpolation.Context ictx = ctx.interpolation().withData(new HashMap<String, Object>(generatedData));
        for (String line : inline) {
            sb.append(render(line, ictx, "inline")).append('\n');
        }
        try {
            Path dir = Path.of(ctx.env().getOrDefault("TMPDIR", System.getProperty("java.io.tmpdir")));
            String ext = c.string("tempfile_extension");
            return LocalCommand.writeScript(dir, "packer-shell", ext.isEmpty() ? "" : "." + ext, sb.toString());
        } catch (IOException e) {
            throw new BuildFailure("Error preparing shell script: " + e.getMessage());
        }
    }

    /** Packer's flattened environment: its own variables, then environment_vars and env, sorted, formatted. */
    static String flattenedEnvVars(BuildContext ctx, ComponentConfig c) throws BuildFailure {
        Map<String, String> vars = new TreeMap<>();
        vars.put("PACKER_BUILD_NAME", ctx.packerBuildName());
        vars.put("PACKER_BUILDER_TYPE", ctx.builderType());
        Interpolation.Context ictx = ctx.interpolation().withData(new GoTemplateExecutor.Struct(
                "*shell_local.EnvVarsTemplate", Map.of("WinRMPassword", "")));
        for (String v : c.stringList("environment_vars")) {
            String rendered = render(v, ictx, "environment_vars");
            int eq = rendered.indexOf('=');
            vars.put(rendered.substring(0, eq), rendered.substring(eq + 1).replace("'", "'\"'\"'"));
        }
        c.stringMap("env").forEach((k, v) -> vars.put(k, v.replace("'", "'\"'\"'")));
        String format = c.string("env_var_format");
        if (format.isEmpty()) {
            format = "%s='%s' ";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : vars.entrySet()) {
            sb.append(sprintf(format, e.getKey(), e.getValue()));
        }
        return sb.toString();
    }

    /** Go's {@code fmt.Sprintf} for a format of {@code %s} verbs. */
    public static String sprintf(String format, String... args) {
        StringBuilder sb = new StringBuilder();
        int arg = 0;
        for (int i = 0; i < format.length(); i++) {
            char ch = format.charAt(i);
            if (ch != '%' || i + 1 >= format.length()) {
                sb.append(ch);
                continue;
            }
            char verb = format.charAt(++i);
            if (verb == '%') {
                sb.append('%');
            } else if (arg < args.length) {
                sb.append(args[arg++]);
            } else {
                sb.append("%!").append(verb).append("(MISSING)");
            }
        }
        if (arg < args.length) {
            sb.append("%!(EXTRA ");
            for (int i = arg; i < args.length; i++) {
                sb.append(i > arg ? ", " : "").append("string=").append(args[i]);
            }
            sb.append(')');
        }
        return sb.toString();
    }

    public static List<Long> validExitCodes(ComponentConfig c) {
        if (!c.isSet("valid_exit_codes")) {
            return List.of(0L);
        }
        List<Long> out = new ArrayList<>();
        c.value().unmarkDeep().getAttr("valid_exit_codes").elements()
                .forEach(v -> out.add(v.isKnown() && !v.isNull() ? v.asBigDecimal().longValue() : 0L));
        return out;
    }

    public static String goList(List<Long> l) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < l.size(); i++) {
            sb.append(i == 0 ? "" : " ").append(l.get(i));
        }
        return sb.append(']').toString();
    }

    private static String render(String text, Interpolation.Context ictx, String option) throws BuildFailure {
        try {
            return Interpolation.render(text, ictx);
        } catch (GoTemplateException e) {
            throw new BuildFailure("Error processing command: " + e.getMessage());
        }
    }

    /** Go's {@code runtime.GOOS} of this machine. */
    static String goos() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return "windows";
        } else if (os.startsWith("mac")) {
            return "darwin";
        }
        return os.startsWith("sunos") ? "solaris" : os;
    }
}
