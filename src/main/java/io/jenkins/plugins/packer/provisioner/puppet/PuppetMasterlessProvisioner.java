package io.jenkins.plugins.packer.provisioner.puppet;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.gotemplate.GoTemplateException;
import io.jenkins.plugins.packer.gotemplate.GoTemplateExecutor;
import io.jenkins.plugins.packer.gotemplate.Interpolation;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.Communicator;
import io.jenkins.plugins.packer.run.Provisioner;
import io.jenkins.plugins.packer.run.RemoteProcessTree;
import io.jenkins.plugins.packer.run.Ui;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code puppet-masterless} provisioner: uploads the manifests, modules and hiera configuration to a staging
 * folder on the machine and runs {@code puppet apply --detailed-exitcodes} there with Packer's
 * {@code execute_command}; the exit status 2 ("changes applied") succeeds, as 0 does.
 */
public final class PuppetMasterlessProvisioner implements Provisioner {

    static final String UNIX_EXECUTE = "cd {{.WorkingDir}} && "
            + "{{if ne .FacterVars \"\"}}{{.FacterVars}} {{end}}"
            + "{{if .Sudo}}sudo -E {{end}}"
            + "{{if ne .PuppetBinDir \"\"}}{{.PuppetBinDir}}/{{end}}"
            + "puppet apply --detailed-exitcodes "
            + "{{if .Debug}}--debug {{end}}"
            + "{{if ne .ModulePath \"\"}}--modulepath='{{.ModulePath}}' {{end}}"
            + "{{if ne .HieraConfigPath \"\"}}--hiera_config='{{.HieraConfigPath}}' {{end}}"
            + "{{if ne .ManifestDir \"\"}}--manifestdir='{{.ManifestDir}}' {{end}}"
            + "{{if ne .ExtraArguments \"\"}}{{.ExtraArguments}} {{end}}"
            + "{{.ManifestFile}}";
    static final String WINDOWS_EXECUTE = UNIX_EXECUTE
            .replace("{{.FacterVars}} {{end}}", "{{.FacterVars}} && {{end}}").replace("{{if .Sudo}}sudo -E {{end}}", "");

    @Override
    public String type() {
        return "puppet-masterless";
    }

    @Override
    public void provision(BuildContext ctx, ComponentConfig c, Communicator communicator, Map<String, String> data)
            throws BuildFailure {
        Communicator comm = Communicator.required(communicator, "puppet-masterless");
        boolean windows = PuppetMasterlessConfig.guestOsType(c).equals("windows");
        boolean sudo = !c.bool("prevent_sudo");
        Guest guest = new Guest(ctx, comm, windows, sudo);
        String staging = c.string("staging_directory");
        if (staging.isEmpty()) {
            staging = windows ? ctx.env().getOrDefault("SYSTEMROOT", "").replace('\\', '/')
                    + "/Temp/packer-puppet-masterless" : "/tmp/packer-puppet-masterless";
        }
        String workingDir = c.string("working_directory").isEmpty() ? staging : c.string("working_directory");
        Ui ui = ctx.ui();
        ui.say("Provisioning with Puppet...");
        ui.message("Creating Puppet staging directory...");
        guest.createDir(staging, "Error creating staging directory: ");
        String remoteHiera = "";
        if (!c.string("hiera_config_path").isEmpty()) {
            ui.message("Uploading hiera configuration...");
            remoteHiera = staging + "/hiera.yaml";
            guest.upload(remoteHiera, c.string("hiera_config_path"), "Error uploading hiera config: ");
        }
        String remoteManifestDir = "";
        if (!c.string("manifest_dir").isEmpty()) {
            ui.message("Uploading manifest directory from: " + c.string("manifest_dir"));
            remoteManifestDir = staging + "/manifests";
            guest.uploadDir(remoteManifestDir, c.string("manifest_dir"), "Error uploading manifest dir: ");
        }
        List<String> modulePaths = new ArrayList<>();
        List<String> modules = c.stringList("module_paths");
        for (int i = 0; i < modules.size(); i++) {
            ui.message("Uploading local modules from: " + modules.get(i));
            String target = staging + "/module-" + i;
            guest.uploadDir(target, modules.get(i), "Error uploading modules: ");
            modulePaths.add(target);
        }
        String remoteManifest = uploadManifests(ctx, guest, c.string("manifest_file"), staging);
        // Packer joins the facts in a Go map's random order; they go in the order of their names here.
        Map<String, String> facter = new TreeMap<>(c.stringMap("facter"));
        facter.put("packer_build_name", ctx.packerBuildName());
        facter.put("packer_builder_type", ctx.builderType());
        List<String> facterVars = new ArrayList<>();
        facter.forEach((k, v) -> facterVars.add(windows ? "SET \"FACTER_" + k + "=" + v + "\""
                : "FACTER_" + k + "='" + v + "'"));
        String joiner = windows ? ";" : ":";
        Map<String, Object> fields = new HashMap<>();
        fields.put("Debug", ctx.options().debug());
        fields.put("ExtraArguments", "");
        fields.put("FacterVars", String.join(windows ? " & " : " ", facterVars));
        fields.put("HieraConfigPath", remoteHiera);
        fields.put("ManifestDir", remoteManifestDir);
        fields.put("ManifestFile", remoteManifest);
        fields.put("ModulePath", String.join(joiner, modulePaths));
        fields.put("ModulePathJoiner", joiner);
        fields.put("PuppetBinDir", c.string("puppet_bin_dir"));
        fields.put("Sudo", sudo);
        fields.put("WorkingDir", workingDir);
        String command;
        try {
            fields.put("ExtraArguments", Interpolation.render(String.join(" ", c.stringList("extra_arguments")),
                    ctx.interpolation().withData(struct(fields))));
            String execute = c.string("execute_command");
            if (execute.isEmpty()) {
                execute = windows ? WINDOWS_EXECUTE : UNIX_EXECUTE;
            }
            command = Interpolation.render(execute, ctx.interpolation().withData(struct(fields)));
        } catch (GoTemplateException e) {
            throw new BuildFailure(e.getMessage());
        }
        ui.message("Running Puppet: " + command);
        int status;
        try {
            // A cancellation stops what Puppet started in sessions of its own (exec resources) too.
            status = windows ? comm.execute(command, ui, ctx.cancellation())
                    : RemoteProcessTree.execute(comm, command, staging + "/.packer-puppet.pid", sudo, ui,
                    ctx.cancellation());
        } catch (IOException | Cancellation.CancelledException e) {
            throw new BuildFailure("Got an error starting command: " + e.getMessage());
        }
        if (status != 0 && status != 2 && !c.bool("ignore_exit_codes")) {
            throw new BuildFailure("Puppet exited with a non-zero exit status: " + status);
        }
        if (c.bool("clean_staging_directory")) {
            int removed = guest.status(guest.sudo(windows ? "powershell.exe -Command \"rm " + guest.escape(staging)
                    + " -recurse -force\"" : "rm -rf '" + staging + "'"), "Error removing staging directory: ");
            if (removed != 0) {
                throw new BuildFailure("Error removing staging directory: Non-zero exit status.");
            }
        }
    }

    private static GoTemplateExecutor.Struct struct(Map<String, Object> fields) {
        return new GoTemplateExecutor.Struct("*puppetmasterless.ExecuteTemplate", new HashMap<>(fields));
    }

    private static String uploadManifests(BuildContext ctx, Guest guest, String manifest, String staging)
            throws BuildFailure {
        ctx.ui().message("Uploading manifests...");
        String remoteDir = staging + "/manifests";
        guest.createDir(remoteDir, "Error uploading manifests: Error creating manifests directory: ");
        if (Files.isDirectory(ctx.resolve(manifest))) {
            ctx.ui().message("Uploading manifest directory from: " + manifest);
            guest.uploadDir(remoteDir, manifest, "Error uploading manifests: Error uploading manifest dir: ");
            return remoteDir;
        }
        ctx.ui().message("Uploading manifest file from: " + manifest);
        String name = manifest.substring(manifest.lastIndexOf('/') + 1);
        guest.upload(remoteDir + "/" + name, manifest, "Error uploading manifests: ");
        return remoteDir + "/" + name;
    }

    /** Packer's guest commands for the machine's OS: folders made open to all, uploads, commands. */
    static final class Guest {

        private final BuildContext ctx;
        private final Communicator comm;
        private final boolean windows;
        private final boolean sudo;

        Guest(BuildContext ctx, Communicator comm, boolean windows, boolean sudo) {
            this.ctx = ctx;
            this.comm = comm;
            this.windows = windows;
            this.sudo = sudo;
        }

        String sudo(String command) {
            return !windows && sudo ? "sudo " + command : command;
        }

        String escape(String path) {
            return windows ? path.replace(" ", "` ") : path;
        }

        /** Packer's {@code createDir}: said, made, then opened to all ({@code chmod 0777}). */
        void createDir(String dir, String prefix) throws BuildFailure {
            ctx.ui().message("Creating directory: " + dir);
            String mkdir = windows ? "powershell.exe -Command \"New-Item -ItemType directory -Force -ErrorAction"
                    + " SilentlyContinue -Path " + escape(dir) + "\"" : "mkdir -p '" + dir + "'";
            if (status(sudo(mkdir), prefix) != 0) {
                throw new BuildFailure(prefix + "Non-zero exit status.");
            }
            String chmod = windows ? "echo 'skipping chmod 0777 " + escape(dir) + "'" : "chmod 0777 '" + dir + "'";
            if (status(sudo(chmod), prefix) != 0) {
                throw new BuildFailure(prefix + "Non-zero exit status. See output above for more info.");
            }
        }

        int status(String command, String prefix) throws BuildFailure {
            try {
                return comm.execute(command, ctx.ui(), ctx.cancellation());
            } catch (IOException | Cancellation.CancelledException e) {
                throw new BuildFailure(prefix + e.getMessage());
            }
        }

        void upload(String dst, String src, String prefix) throws BuildFailure {
            try {
                comm.uploadFile(dst, ctx.resolve(src), 0644);
            } catch (IOException e) {
                throw new BuildFailure(prefix + e.getMessage());
            }
        }

        void uploadDir(String dst, String src, String prefix) throws BuildFailure {
            createDir(dst, prefix);
            try {
                comm.uploadDir(dst, ctx.resolve(src), true);
            } catch (IOException e) {
                throw new BuildFailure(prefix + e.getMessage());
            }
        }
    }
}
