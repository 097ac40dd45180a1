package io.jenkins.plugins.packer.provisioner.shell;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.LocalFiles;
import io.jenkins.plugins.packer.component.MultiError;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell provisioner's Prepare: exactly one of {@code inline}, {@code script} or {@code scripts}, scripts that
 * exist, and {@code environment_vars} written as {@code KEY=value}. See
 * <a href="https://developer.hashicorp.com/packer/docs/provisioners/shell">the shell provisioner</a>.
 */
public final class ShellConfig implements Preparer {

    @Override
    public String kind() {
        return "provisioner";
    }

    @Override
    public String type() {
        return "shell";
    }

    @Override
    public java.util.List<String> renderExcluded() {
        return java.util.List.of("execute_command");
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        MultiError errs = new MultiError();
        List<String> inline = c.strings("inline");
        if (inline != null && inline.isEmpty()) {
            inline = null;
        }
        String script = c.string("script");
        List<String> scripts = new ArrayList<>(c.stringList("scripts"));
        if (!script.isEmpty() && !scripts.isEmpty()) {
            errs.add("Only one of script or scripts can be specified.");
        }
        if (!script.isEmpty()) {
            scripts = List.of(script);
        }
        if (scripts.isEmpty() && inline == null) {
            errs.add("Either a script file or inline script must be specified.");
        } else if (!scripts.isEmpty() && inline != null) {
            errs.add("Only a script file or an inline script can be specified, not both.");
        }
        for (String path : scripts) {
            String err = LocalFiles.statError(ctx.workDir(), path);
            if (err != null) {
                errs.add("Bad script '" + path + "': " + err);
            }
        }
        errs.addAll(environmentVarErrors(c.stringList("environment_vars")));
        return Prepared.of(errs);
    }

    /** Packer's check of {@code KEY=value} pairs, shared by the shell and shell-local components. */
    public static List<String> environmentVarErrors(List<String> vars) {
        List<String> errs = new ArrayList<>();
        for (String kv : vars) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                errs.add("Environment variable not in format 'key=value': " + kv);
            }
        }
        return errs;
    }
}
