package io.jenkins.plugins.packer.provisioner.ansiblelocal;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.LocalFiles;
import io.jenkins.plugins.packer.component.MultiError;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;

/**
 * The ansible-local provisioner's Prepare, as Packer's: one of {@code playbook_file} and {@code playbook_files}, the
 * files it names files, the folders it names folders. See
 * <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/ansible/latest/components/provisioner/ansible-local">
 * ansible-local</a>.
 */
public final class AnsibleLocalConfig implements Preparer {

    @Override
    public String kind() {
        return "provisioner";
    }

    @Override
    public String type() {
        return "ansible-local";
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        MultiError errs = new MultiError();
        String playbook = c.string("playbook_file");
        boolean many = !c.stringList("playbook_files").isEmpty();
        if (many && !playbook.isEmpty()) {
            errs.add("Either playbook_file or playbook_files can be specified, not both");
        }
        if (!many && playbook.isEmpty()) {
            errs.add("Either playbook_file or playbook_files must be specified");
        }
        if (!playbook.isEmpty()) {
            add(errs, LocalFiles.fileOptionError(ctx.workDir(), playbook, "playbook_file"));
        }
        for (String f : c.stringList("playbook_files")) {
            add(errs, LocalFiles.fileOptionError(ctx.workDir(), f, "playbook_files"));
        }
        if (!c.string("inventory_file").isEmpty()) {
            add(errs, LocalFiles.fileOptionError(ctx.workDir(), c.string("inventory_file"), "inventory_file"));
        }
        if (!c.string("galaxy_file").isEmpty()) {
            add(errs, LocalFiles.fileOptionError(ctx.workDir(), c.string("galaxy_file"), "galaxy_file"));
        }
        for (String option : new String[] {"playbook_dir", "group_vars", "host_vars"}) {
            if (!c.string(option).isEmpty()) {
                add(errs, LocalFiles.dirOptionError(ctx.workDir(), c.string(option), option));
            }
        }
        for (String option : new String[] {"playbook_paths", "role_paths"}) {
            for (String dir : c.stringList(option)) {
                add(errs, LocalFiles.dirOptionError(ctx.workDir(), dir, option));
            }
        }
        return Prepared.of(errs);
    }

    private static void add(MultiError errs, String err) {
        if (err != null) {
            errs.add(err);
        }
    }
}
