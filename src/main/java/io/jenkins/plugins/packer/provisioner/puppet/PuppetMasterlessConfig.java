package io.jenkins.plugins.packer.provisioner.puppet;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.LocalFiles;
import io.jenkins.plugins.packer.component.MultiError;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

/**
 * The puppet-masterless provisioner's Prepare, as Packer's: a known {@code guest_os_type}, a manifest file that
 * exists, a hiera configuration that is a file, a manifest folder and module paths that are folders. See
 * <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/puppet/latest/components/provisioner/puppet-masterless">
 * puppet-masterless</a>.
 */
public final class PuppetMasterlessConfig implements Preparer {

    @Override
    public String kind() {
        return "provisioner";
    }

    @Override
    public String type() {
        return "puppet-masterless";
    }

    @Override
    public List<String> renderExcluded() {
        return List.of("execute_command", "extra_arguments");
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        String os = guestOsType(c);
        if (!os.equals("unix") && !os.equals("windows")) {
            return Prepared.error("Invalid guest_os_type: \"" + os + "\"");
        }
        MultiError errs = new MultiError();
        String hiera = c.string("hiera_config_path");
        if (!hiera.isEmpty()) {
            String err = LocalFiles.statError(ctx.workDir(), hiera);
            if (err != null) {
                errs.add("hiera_config_path is invalid: " + err);
            } else if (Files.isDirectory(ctx.workDir().resolve(hiera))) {
                errs.add("hiera_config_path must point to a file");
            }
        }
        String manifestDir = c.string("manifest_dir");
        if (!manifestDir.isEmpty()) {
            String err = LocalFiles.statError(ctx.workDir(), manifestDir);
            if (err != null) {
                errs.add("manifest_dir is invalid: " + err);
            } else if (!Files.isDirectory(ctx.workDir().resolve(manifestDir))) {
                errs.add("manifest_dir must point to a directory");
            }
        }
        String manifest = c.string("manifest_file");
        if (manifest.isEmpty()) {
            errs.add("A manifest_file must be specified.");
        } else {
            String err = LocalFiles.statError(ctx.workDir(), manifest);
            if (err != null) {
                errs.add("manifest_file is invalid: " + err);
            }
        }
        List<String> modules = c.stringList("module_paths");
        for (int i = 0; i < modules.size(); i++) {
            String err = LocalFiles.statError(ctx.workDir(), modules.get(i));
            if (err != null) {
                errs.add("module_path[" + i + "] is invalid: " + err);
            } else if (!Files.isDirectory(ctx.workDir().resolve(modules.get(i)))) {
                errs.add("module_path[" + i + "] must point to a directory");
            }
        }
        return Prepared.of(errs);
    }

    /** {@code guest_os_type}, lower-cased, {@code unix} by default. */
    static String guestOsType(ComponentConfig c) {
        String os = c.string("guest_os_type").toLowerCase(Locale.ROOT);
        return os.isEmpty() ? "unix" : os;
    }
}
