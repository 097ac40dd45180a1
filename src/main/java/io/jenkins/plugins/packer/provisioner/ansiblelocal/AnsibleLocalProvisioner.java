package io.jenkins.plugins.packer.provisioner.ansiblelocal;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.Communicator;
import io.jenkins.plugins.packer.run.Provisioner;
import io.jenkins.plugins.packer.run.TimeOrderedUuid;
import io.jenkins.plugins.packer.run.Ui;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code ansible-local} provisioner: uploads the playbooks, roles, variables and an inventory of 127.0.0.1 to a
 * staging folder on the machine and runs {@code ansible-playbook -c local} there, as Packer's does.
 */
public final class AnsibleLocalProvisioner implements Provisioner {

    static final String DEFAULT_STAGING_DIR = "/tmp/packer-provisioner-ansible-local";

    @Override
    public String type() {
        return "ansible-local";
    }

    @Override
    public void provision(BuildContext ctx, ComponentConfig c, Communicator communicator, Map<String, String> data)
            throws BuildFailure {
        Communicator comm = Communicator.required(communicator, "ansible-local");
        Ui ui = ctx.ui();
        ui.say("Provisioning with Ansible...");
        String staging = c.string("staging_directory");
        if (staging.isEmpty()) {
            staging = DEFAULT_STAGING_DIR + "/" + TimeOrderedUuid.next();
        }
        Remote remote = new Remote(ctx, comm);
        String playbookDir = c.string("playbook_dir");
        if (!playbookDir.isEmpty()) {
            ui.message("Uploading Playbook directory to Ansible staging directory...");
            remote.uploadDir(staging, playbookDir, "Error uploading playbook_dir directory: ");
        } else {
            ui.message("Creating Ansible staging directory...");
            remote.mkdir(staging, "Error creating staging directory: ");
        }
        String playbook = c.string("playbook_file");
        List<String> playbooks = new ArrayList<>();
        if (!playbook.isEmpty()) {
            ui.message("Uploading main Playbook file...");
            remote.upload(staging + "/" + base(playbook), playbook, "Error uploading main playbook: ");
            playbooks.add(staging + "/" + base(playbook));
        } else {
            String dir = playbookDir.isEmpty() ? null : ctx.resolve(playbookDir).toAbsolutePath().normalize().toString();
            for (String f : c.stringList("playbook_files")) {
                String abs = ctx.resolve(f).toAbsolutePath().normalize().toString();
                if (dir != null && abs.startsWith(dir)) {
                    playbooks.add(staging + abs.substring(dir.length()));
                    continue;
                }
                ui.message("Uploading playbook file: " + abs);
                String remoteDir = staging + abs.substring(0, abs.lastIndexOf('/'));
                remote.mkdir(remoteDir, "Error uploading playbook file: " + abs + " [");
                remote.upload(staging + abs, abs, "Error uploading playbook: " + abs + " [");
                playbooks.add(staging + abs);
            }
        }
        Path inventoryTemp = null;
        try {
            String inventory = c.string("inventory_file");
            if (inventory.isEmpty()) {
                StringBuilder content = new StringBuilder();
                for (String group : c.stringList("inventory_groups")) {
                    content.append('[').append(group).append("]\n127.0.0.1\n");
                }
                try {
                    Path tmp = Path.of(ctx.env().getOrDefault("TMPDIR", System.getProperty("java.io.tmpdir")));
                    inventoryTemp = Files.createTempFile(tmp, "packer-provisioner-ansible-local", "");
                    Files.writeString(inventoryTemp, content.isEmpty() ? "127.0.0.1" : content);
                } catch (IOException e) {
                    throw new BuildFailure("Error preparing inventory file: " + e.getMessage());
                }
                inventory = inventoryTemp.toString();
            }
            String galaxy = c.string("galaxy_file");
            if (!galaxy.isEmpty()) {
                ui.message("Uploading galaxy file...");
                remote.upload(staging + "/" + base(galaxy), galaxy, "Error uploading galaxy file: ");
            }
            ui.message("Uploading inventory file...");
            remote.upload(staging + "/" + base(inventory), inventory, "Error uploading inventory file: ");
            for (String vars : List.of("group_vars", "host_vars")) {
                if (!c.string(vars).isEmpty()) {
                    ui.message("Uploading " + vars + " directory...");
                    remote.uploadDir(staging + "/" + vars, c.string(vars), "Error uploading " + vars + " directory: ");
                }
            }
            if (!c.stringList("role_paths").isEmpty()) {
                ui.message("Uploading role directories...");
                for (String src : c.stringList("role_paths")) {
                    remote.uploadDir(staging + "/roles/" + base(src), src, "Error uploading roles: ");
                }
            }
            if (!c.stringList("playbook_paths").isEmpty()) {
                ui.message("Uploading additional Playbooks...");
                remote.mkdir(staging + "/playbooks", "Error creating playbooks directory: ");
                for (String src : c.stringList("playbook_paths")) {
                    remote.uploadDir(staging + "/playbooks/" + base(src), src, "Error uploading playbooks: ");
                }
            }
            try {
                execute(ctx, c, remote, staging, playbooks, staging + "/" + base(inventory), data);
            } catch (BuildFailure e) {
                throw new BuildFailure("Error executing Ansible: " + e.getMessage());
            }
        } finally {
            if (inventoryTemp != null) {
                try {
                    Files.deleteIfExists(inventoryTemp);
                } catch (IOException e) {
                    // Packer ignores a temporary file it cannot remove.
                }
            }
        }
        if (c.bool("clean_staging_directory")) {
            ui.message("Removing staging directory...");
            remote.run("rm -rf '" + staging + "'", "Removing directory: " + staging,
                    "Error removing staging directory: ");
        }
    }

    private static void execute(BuildContext ctx, ComponentConfig c, Remote remote, String staging,
                                List<String> playbooks, String inventory, Map<String, String> data)
            throws BuildFailure {
        String extraArgs = " --extra-vars \"packer_build_name=" + ctx.packerBuildName() + " packer_builder_type="
                + ctx.builderType() + " packer_http_addr=" + data.getOrDefault("PackerHTTPAddr", "")
                + " -o IdentitiesOnly=yes\" " + String.join(" ", c.stringList("extra_arguments"));
        String galaxy = c.string("galaxy_file");
        if (!galaxy.isEmpty()) {
            String galaxyCommand = c.string("galaxy_command").isEmpty() ? "ansible-galaxy" : c.string("galaxy_command");
            String command = "cd " + staging + " && " + galaxyCommand + " install -r " + staging + "/" + base(galaxy)
                    + " -p " + staging + "/roles";
            int status = remote.status(command, "Executing Ansible Galaxy: " + command);
            if (status != 0) {
                throw new BuildFailure("Error executing Ansible Galaxy: Non-zero exit status: " + status);
            }
        }
        String ansible = c.string("command").isEmpty() ? "ANSIBLE_FORCE_COLOR=1 PYTHONUNBUFFERED=1 ansible-playbook"
                : c.string("command");
        for (String playbook : playbooks) {
            String command = "cd " + staging + " && " + ansible + " " + playbook + extraArgs + " -c local -i "
                    + inventory;
            int status = remote.status(command, "Executing Ansible: " + command);
            if (status == 127) {
                throw new BuildFailure(ansible + " could not be found. Verify that it is available on the\n"
                        + "PATH after connecting to the machine.");
            }
            if (status != 0) {
                throw new BuildFailure("Non-zero exit status: " + status);
            }
        }
    }

    private static String base(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** The machine's side of the run: folders, uploads and commands, failing in Packer's words. */
    static final class Remote {

        private final BuildContext ctx;
        private final Communicator comm;

        Remote(BuildContext ctx, Communicator comm) {
            this.ctx = ctx;
            this.comm = comm;
        }

        /** {@code mkdir -p DIR}, said as Packer says it; {@code prefix} opens the error. */
        void mkdir(String dir, String prefix) throws BuildFailure {
            run("mkdir -p '" + dir + "'", "Creating directory: " + dir, prefix);
        }

        void run(String command, String message, String prefix) throws BuildFailure {
            int status = status(command, message);
            if (status != 0) {
                throw new BuildFailure(prefix + "Non-zero exit status. See output above for more information."
                        + (prefix.endsWith("[") ? "]" : ""));
            }
        }

        /** Runs {@code command} with its output in the build's, after saying {@code message}; its exit status. */
        int status(String command, String message) throws BuildFailure {
            ctx.ui().message(message);
            try {
                return comm.execute(command, ctx.ui(), ctx.cancellation());
            } catch (IOException e) {
                throw new BuildFailure(e.getMessage());
            } catch (Cancellation.CancelledException e) {
                throw new BuildFailure(e.getMessage());
            }
        }

        void upload(String dst, String src, String prefix) throws BuildFailure {
            try {
                comm.uploadFile(dst, ctx.resolve(src), 0644);
            } catch (IOException e) {
                throw new BuildFailure(prefix + "Error uploading " + src + ": " + e.getMessage()
                        + (prefix.endsWith("[") ? "]" : ""));
            }
        }

        /** Packer's {@code uploadDir}: the folder made, then the contents of {@code src} uploaded into it. */
        void uploadDir(String dst, String src, String prefix) throws BuildFailure {
            mkdir(dst, prefix);
            try {
                comm.uploadDir(dst, ctx.resolve(src), true);
            } catch (IOException e) {
                throw new BuildFailure(prefix + e.getMessage() + (prefix.endsWith("[") ? "]" : ""));
            }
        }
    }
}
