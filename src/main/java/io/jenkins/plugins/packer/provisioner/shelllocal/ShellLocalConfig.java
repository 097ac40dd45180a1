package io.jenkins.plugins.packer.provisioner.shelllocal;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.LocalFiles;
import io.jenkins.plugins.packer.component.MultiError;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;
import io.jenkins.plugins.packer.provisioner.shell.ShellConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell-local provisioner's Prepare, which is also the shell-local post-processor's (Packer's SDK shares one
 * config): exactly one of {@code command}, {@code inline}, {@code script} or {@code scripts}, scripts that exist,
 * known {@code only_on} systems and {@code KEY=value} environment variables. See
 * <a href="https://developer.hashicorp.com/packer/docs/provisioners/shell-local">shell-local</a>.
 */
public final class ShellLocalConfig implements Preparer {

    /** Packer's shell-local components wrap every error of their configuration's decoding with this. */
    public static final String DECODE_ERROR_PREFIX = "Error decoding config: ";

    static final List<String> SUPPORTED_OS = List.of("darwin", "freebsd", "linux", "openbsd", "solaris", "windows");

    private static final String TOO_MANY = "You may only specify one of the following options: Command, Inline,"
            + " Script or Scripts. Please consolidate these options in your config.";

    @Override
    public String kind() {
        return "provisioner";
    }

    @Override
    public String type() {
        return "shell-local";
    }

    @Override
    public java.util.List<String> renderExcluded() {
        return java.util.List.of("execute_command");
    }

    @Override
    public String decodeErrorPrefix() {
        return ShellLocalConfig.DECODE_ERROR_PREFIX;
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        return validate(c, ctx);
    }

    /** The SDK's shell-local {@code Validate}, for the provisioner and the post-processor. */
    public static Prepared validate(ComponentConfig c, PrepareContext ctx) {
        MultiError errs = new MultiError();
        String command = c.string("command");
        List<String> inline = c.strings("inline");
        String script = c.string("script");
        List<String> scripts = new ArrayList<>(c.stringList("scripts"));
        if (command.isEmpty() && (inline == null || inline.isEmpty()) && scripts.isEmpty() && script.isEmpty()) {
            errs.add("Command, Inline, Script and Scripts options cannot all be empty.");
        }
        if (!command.isEmpty()) {
            if (inline != null && !inline.isEmpty() || !scripts.isEmpty() || !script.isEmpty()) {
                errs.add(TOO_MANY);
            } else {
                inline = List.of(command);
            }
        }
        if (!script.isEmpty()) {
            if (!scripts.isEmpty() || inline != null && !inline.isEmpty()) {
                errs.add(TOO_MANY);
            } else {
                scripts = List.of(script);
            }
        }
        // An empty inline list still counts as given here, as in Packer.
        if (!scripts.isEmpty() && inline != null) {
            errs.add(TOO_MANY);
        }
        for (String path : scripts) {
            String err = LocalFiles.statError(ctx.workDir(), path);
            if (err != null) {
                errs.add("Bad script '" + path + "': " + err);
            }
        }
        for (String os : c.stringList("only_on")) {
            if (!SUPPORTED_OS.contains(os)) {
                // Packer stops here and reports this error alone.
                return Prepared.error("Invalid OS specified in only_on: '" + os + "'\nSupported OS names: "
                        + String.join(", ", SUPPORTED_OS));
            }
        }
        if (c.bool("use_linux_pathing") && inline != null && !inline.isEmpty()) {
            errs.add("Packer is unable to use the Command and Inline features with the Windows Linux Subsystem."
                    + " Please use the Script or Scripts options instead");
        }
        errs.addAll(ShellConfig.environmentVarErrors(c.stringList("environment_vars")));
        return Prepared.of(errs);
    }
}
