package io.jenkins.plugins.packer.provisioner.salt;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.Communicator;
import io.jenkins.plugins.packer.run.Provisioner;
import io.jenkins.plugins.packer.run.RemoteProcessTree;
import io.jenkins.plugins.packer.run.TimeOrderedUuid;
import io.jenkins.plugins.packer.run.Ui;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code salt-masterless} provisioner on Unix machines: optionally bootstraps Salt, uploads the state tree,
 * pillar, minion configuration and grains through a temporary folder to where {@code salt-call --local} reads them,
 * and runs it, in Packer's steps and words.
 */
public final class SaltMasterlessProvisioner implements Provisioner {

    private static final String BOOTSTRAP_FETCH = "curl -L https://bootstrap.saltstack.com -o /tmp/install_salt.sh"
            + " || wget -O /tmp/install_salt.sh https://bootstrap.saltstack.com";

    @Override
    public String type() {
        return "salt-masterless";
    }

    @Override
    public void provision(BuildContext ctx, ComponentConfig c, Communicator communicator, Map<String, String> data)
            throws BuildFailure {
        Communicator comm = Communicator.required(communicator, "salt-masterless");
        if (SaltMasterlessConfig.guestOsType(c).equals("windows")) {
            throw new BuildFailure("salt-masterless: guest_os_type \"windows\" runs its commands through PowerShell"
                    + " over WinRM, which pkrj does not ship; only \"unix\" machines are provisioned");
        }
        if (!c.stringList("formulas").isEmpty()) {
            throw new BuildFailure("salt-masterless: formulas (git downloads of Salt formulas) are not supported by"
                    + " pkrj; put the formulas in local_state_tree instead");
        }
        Remote remote = new Remote(ctx, comm, !c.bool("disable_sudo"));
        Ui ui = ctx.ui();
        ui.say("Provisioning with Salt...");
        if (!c.bool("skip_bootstrap")) {
            ui.message("Downloading saltstack bootstrap to /tmp/install_salt.sh");
            remote.run(BOOTSTRAP_FETCH, "Unable to download Salt: ");
            String install = remote.sudo("sh /tmp/install_salt.sh") + " " + c.string("bootstrap_args");
            ui.message("Installing Salt with command " + install);
            remote.run(install, "Unable to install Salt: ");
        }
        String temp = c.string("temp_config_dir").isEmpty() ? "/tmp/salt" : c.string("temp_config_dir");
        ui.message("Creating remote temporary directory: " + temp);
        remote.createDir(temp, "Error creating remote temporary directory: ");
        for (String[] file : new String[][] {{"minion_config", "minion", "minion config"},
                {"grains_file", "grains", "grains file"}}) {
            String src = c.string(file[0]);
            if (src.isEmpty()) {
                continue;
            }
            ui.message("Uploading " + file[2] + ": " + src);
            remote.uploadFile(temp + "/" + file[1], file[1], src,
                    "Error uploading local " + file[2] + " file to remote: ");
            ui.message("Make sure directory /etc/salt exists");
            remote.createDir("/etc/salt", "Error creating remote salt configuration directory: ");
            remote.move("/etc/salt/" + file[1], temp + "/" + file[1],
                    "Unable to move " + temp + "/" + file[1] + " to /etc/salt/" + file[1] + ": ");
        }
        String states = c.string("local_state_tree");
        ui.message("Uploading local state tree: " + states);
        String stateRoot = c.string("remote_state_tree").isEmpty() ? "/srv/salt" : c.string("remote_state_tree");
        remote.uploadTree(temp + "/states", "states", states, stateRoot,
                "Error uploading local state tree to remote: ", "Unable to clear salt tree: ",
                "Unable to move " + temp + "/states to " + stateRoot + ": ");
        String pillar = c.string("local_pillar_roots");
        if (!pillar.isEmpty()) {
            ui.message("Uploading local pillar roots: " + pillar);
            String pillarRoot = c.string("remote_pillar_roots").isEmpty() ? "/srv/pillar"
                    : c.string("remote_pillar_roots");
            remote.uploadTree(temp + "/pillar", "pillar", pillar, pillarRoot,
                    "Error uploading local pillar roots to remote: ", "Unable to clear pillar root: ",
                    "Unable to move " + temp + "/pillar to " + pillarRoot + ": ");
        }
        String args = SaltMasterlessConfig.callArgs(c, false);
        ui.message("Running: salt-call --local " + args);
        String binDir = c.string("salt_bin_dir");
        String saltCall = (binDir.isEmpty() ? "" : binDir.endsWith("/") ? binDir : binDir + "/") + "salt-call";
        int status;
        try {
            // A cancellation stops everything salt-call started, whatever session it runs in.
            status = RemoteProcessTree.execute(comm, remote.sudo(saltCall + " --local " + args),
                    "/tmp/packer-salt-call-" + TimeOrderedUuid.next() + ".pid", remote.sudo, ui, ctx.cancellation());
        } catch (IOException | Cancellation.CancelledException e) {
            throw new BuildFailure("Error executing salt-call: " + e.getMessage());
        }
        if (status != 0 && !c.bool("no_exit_on_failure")) {
            throw new BuildFailure("Error executing salt-call: Bad exit status: " + status);
        }
    }

    /** The machine's side: Packer's guest commands (each behind sudo unless {@code disable_sudo}). */
    static final class Remote {

        private final BuildContext ctx;
        private final Communicator comm;
        final boolean sudo;

        Remote(BuildContext ctx, Communicator comm, boolean sudo) {
            this.ctx = ctx;
            this.comm = comm;
            this.sudo = sudo;
        }

        String sudo(String command) {
            return sudo ? "sudo " + command : command;
        }

        int status(String command, String prefix) throws BuildFailure {
            try {
                return comm.execute(command, ctx.ui(), ctx.cancellation());
            } catch (IOException | Cancellation.CancelledException e) {
                throw new BuildFailure(prefix + e.getMessage());
            }
        }

        /** A command whose exit status Packer does not look at (the bootstrap's). */
        void run(String command, String prefix) throws BuildFailure {
            status(command, prefix);
        }

        void createDir(String dir, String prefix) throws BuildFailure {
            ctx.ui().message("Creating directory: " + dir);
            if (status(sudo("mkdir -p '" + dir + "'"), prefix) != 0) {
                throw new BuildFailure(prefix + "Non-zero exit status.");
            }
        }

        /** Packer's {@code moveFile}: said, then {@code mv} behind sudo (twice: its guest command has its own). */
        void move(String dst, String src, String prefix) throws BuildFailure {
            ctx.ui().message("Moving " + src + " to " + dst);
            int status = status(sudo(sudo("mv '" + src + "' '" + dst + "'")), prefix);
            if (status != 0) {
                throw new BuildFailure(prefix + "Unable to move " + src + " to " + dst + ": Bad exit status: "
                        + status);
            }
        }

        /** Packer's {@code uploadFile}: to the login's folder under the target's name, then moved to the target. */
        void uploadFile(String dst, String name, String src, String prefix) throws BuildFailure {
            try {
                comm.uploadFile(name, ctx.resolve(src), 0644);
            } catch (IOException e) {
                throw new BuildFailure(prefix + "Error uploading " + src + ": " + e.getMessage());
            }
            try {
                move(dst, name, "");
            } catch (BuildFailure e) {
                throw new BuildFailure(prefix + "Error moving file to destination: " + e.getMessage());
            }
        }

        /**
         * A local folder to {@code root}: uploaded to the login's folder as {@code name}, moved to {@code temp},
         * the old {@code root} removed, then {@code temp} moved to {@code root}.
         */
        void uploadTree(String temp, String name, String src, String root, String uploadPrefix, String clearPrefix,
                        String movePrefix) throws BuildFailure {
            try {
                comm.uploadDir(name, ctx.resolve(src), true);
            } catch (IOException e) {
                throw new BuildFailure(uploadPrefix + e.getMessage());
            }
            move(temp, name, uploadPrefix);
            ctx.ui().message("Verifying Path: " + root);
            status(sudo("stat '" + root + "'"), clearPrefix);
            // Packer clears the root only when stat fails (when there is nothing to clear) and so moves the new tree
            // into an old one; the old tree is replaced here whatever stat says.
            ctx.ui().message("Removing directory: " + root);
            if (status(sudo("rm -rf '" + root + "'"), clearPrefix) != 0) {
                throw new BuildFailure(clearPrefix + "Non-zero exit status.");
            }
            move(root, temp, movePrefix);
        }
    }
}
