package io.jenkins.plugins.packer.provisioner.salt;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.LocalFiles;
import io.jenkins.plugins.packer.component.MultiError;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The salt-masterless provisioner's Prepare, as Packer's: a state tree that is a folder, formula URLs with a
 * {@code //} subfolder, an optional pillar folder, minion configuration and grains file, and remote trees only
 * without a minion configuration. See
 * <a href="https://developer.hashicorp.com/packer/integrations/saltstack/salt/latest/components/provisioner/salt-masterless">
 * salt-masterless</a>.
 */
public final class SaltMasterlessConfig implements Preparer {

    private static final Pattern FORMULA = Pattern.compile("^(.*).git/+/[a-zA-Z0-9-_]+(\\?.*)?$");

    @Override
    public String kind() {
        return "provisioner";
    }

    @Override
    public String type() {
        return "salt-masterless";
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        String os = guestOsType(c);
        if (!os.equals("unix") && !os.equals("windows")) {
            return Prepared.error("Invalid guest_os_type: \"" + os + "\"");
        }
        MultiError errs = new MultiError();
        add(errs, pathError(ctx.workDir(), c.string("local_state_tree"), "local_state_tree", true, true));
        List<String> formulas = c.stringList("formulas");
        if (!formulas.stream().allMatch(f -> FORMULA.matcher(f).matches())) {
            errs.add("Invalid formula URL. Please verify the git URLs also contain a '//' subdir");
        }
        add(errs, pathError(ctx.workDir(), c.string("local_pillar_roots"), "local_pillar_roots", true, false));
        add(errs, pathError(ctx.workDir(), c.string("minion_config"), "minion_config", false, false));
        if (!c.string("minion_config").isEmpty()
                && (!c.string("remote_state_tree").isEmpty() || !c.string("remote_pillar_roots").isEmpty())) {
            errs.add("remote_state_tree and remote_pillar_roots only apply when minion_config is not used");
        }
        add(errs, pathError(ctx.workDir(), c.string("grains_file"), "grains_file", false, false));
        return Prepared.of(errs);
    }

    private static void add(MultiError errs, String err) {
        if (err != null) {
            errs.add(err);
        }
    }

    /** Packer's salt checks: {@code NAME cannot be empty}, {@code NAME: path 'P' is invalid: …}, …; null when fine. */
    private static String pathError(Path workDir, String path, String name, boolean dir, boolean required) {
        if (path.isEmpty()) {
            return required ? name + " cannot be empty" : null;
        }
        String err = LocalFiles.statError(workDir, path);
        if (err != null) {
            return name + ": path '" + path + "' is invalid: " + err;
        }
        boolean isDir = Files.isDirectory(workDir.resolve(path));
        if (dir != isDir) {
            return name + ": path '" + path + "' must point to a " + (dir ? "directory" : "file");
        }
        return null;
    }

    /** {@code guest_os_type}, lower-cased, {@code unix} by default. */
    static String guestOsType(ComponentConfig c) {
        String os = c.string("guest_os_type").toLowerCase(Locale.ROOT);
        return os.isEmpty() ? "unix" : os;
    }

    /** The arguments after {@code salt-call --local}, as Packer's Prepare builds them. */
    static String callArgs(ComponentConfig c, boolean windows) {
        StringBuilder sb = new StringBuilder();
        sb.append(c.string("custom_state").isEmpty() ? " state.highstate" : " state.sls " + c.string("custom_state"));
        if (c.string("minion_config").isEmpty()) {
            String states = c.string("remote_state_tree");
            String pillar = c.string("remote_pillar_roots");
            sb.append(" --file-root=").append(states.isEmpty() ? (windows ? "C:/salt/state" : "/srv/salt") : states);
            sb.append(" --pillar-root=").append(pillar.isEmpty() ? (windows ? "C:/salt/pillar/" : "/srv/pillar")
                    : pillar);
        }
        if (!c.bool("no_exit_on_failure")) {
            sb.append(" --retcode-passthrough");
        }
        sb.append(" -l ").append(c.string("log_level").isEmpty() ? "info" : c.string("log_level"));
        if (!c.string("salt_call_args").isEmpty()) {
            sb.append(' ').append(c.string("salt_call_args"));
        }
        return sb.toString();
    }
}
