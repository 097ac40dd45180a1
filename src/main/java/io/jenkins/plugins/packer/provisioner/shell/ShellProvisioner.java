package io.jenkins.plugins.packer.provisioner.shell;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.gotemplate.GoTemplateException;
import io.jenkins.plugins.packer.gotemplate.GoTemplateExecutor;
import io.jenkins.plugins.packer.gotemplate.Interpolation;
import io.jenkins.plugins.packer.provisioner.shelllocal.ShellLocalRunner;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.Communicator;
import io.jenkins.plugins.packer.run.Durations;
import io.jenkins.plugins.packer.run.Provisioner;
import io.jenkins.plugins.packer.template.GoDuration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code shell} provisioner: uploads each script (inline commands become one) to the machine, makes it
 * executable and runs it with {@code execute_command}, its output streamed to the build's log; a status outside
 * {@code valid_exit_codes} fails, a dropped connection too unless {@code expect_disconnect}. The upload and run are
 * retried together until {@code start_retry_timeout} (a machine that reboots). See
 * <a href="https://developer.hashicorp.com/packer/docs/provisioners/shell">shell</a>.
 */
public final class ShellProvisioner implements Provisioner {

    static final String DEFAULT_EXECUTE = "chmod +x {{.Path}}; {{.Vars}} {{.Path}}";
    static final String DEFAULT_EXECUTE_ENV_FILE = "chmod +x {{.Path}}; . {{.EnvVarFile}} && {{.Path}}";

    @Override
    public String type() {
        return "shell";
    }

    @Override
    public void provision(BuildContext ctx, ComponentConfig c, Communicator comm, Map<String, String> generatedData)
            throws BuildFailure {
        Communicator.required(comm, "shell");
        List<String> scripts = new ArrayList<>(c.stringList("scripts"));
        if (!c.string("script").isEmpty()) {
            scripts = new ArrayList<>(List.of(c.string("script")));
        }
        Path inlineFile = null;
        String remoteEnvFile = null;
        try {
            List<String> inline = c.stringList("inline");
            if (!inline.isEmpty()) {
                inlineFile = inlineScript(ctx, c, inline, generatedData);
                scripts.add(inlineFile.toString());
            }
            String folder = c.string("remote_folder").isEmpty() ? "/tmp" : c.string("remote_folder");
            String file = c.string("remote_file").isEmpty()
                    ? "script_" + ThreadLocalRandom.current().nextInt(9999) + ".sh" : c.string("remote_file");
            String remotePath = c.string("remote_path").isEmpty() ? folder + "/" + file : c.string("remote_path");
            boolean envFile = c.bool("use_env_var_file");
            String vars = flattenedVars(ctx, c, generatedData);
            String execute = !c.string("execute_command").isEmpty() ? c.string("execute_command")
                    : envFile ? DEFAULT_EXECUTE_ENV_FILE : DEFAULT_EXECUTE;
            Duration retry = GoDuration.orDefault(c.string("start_retry_timeout"), Duration.ZERO);
            if (retry.isZero()) {
                retry = Duration.ofMinutes(5); // as Packer: unset or "0s" both mean the default
            }
            if (envFile) {
                // use_env_var_file: the variables go up once as a file of `export` lines that the command sources.
                remoteEnvFile = folder + "/varfile_" + ThreadLocalRandom.current().nextInt(9999) + ".sh";
                uploadEnvFile(ctx, comm, remoteEnvFile, vars.getBytes(StandardCharsets.UTF_8), retry);
            }
            Map<String, Object> data = new HashMap<>();
            data.put("Vars", vars);
            data.put("Path", remotePath);
            data.put("EnvVarFile", remoteEnvFile == null ? "" : remoteEnvFile);
            String command;
            try {
                command = Interpolation.render(execute, ctx.interpolation().withData(new GoTemplateExecutor.Struct(
                        "*shell.ExecuteCommandTemplate", data)));
            } catch (GoTemplateException e) {
                throw new BuildFailure("Error processing command: " + e.getMessage());
            }
            List<Long> valid = ShellLocalRunner.validExitCodes(c);
            for (String script : scripts) {
                ctx.ui().say("Provisioning with shell script: " + script);
                byte[] body;
                try {
                    body = Files.readAllBytes(ctx.resolve(script));
                } catch (IOException e) {
                    throw new BuildFailure("Error opening shell script: open " + script + ": " + e.getMessage());
                }
                if (!c.bool("binary")) {
                    body = new String(body, StandardCharsets.UTF_8).replace("\r\n", "\n")
                            .getBytes(StandardCharsets.UTF_8);
                }
                int status = uploadAndRun(ctx, comm, remotePath, body, command, retry);
                if (status == Communicator.DISCONNECTED) {
                    if (!c.bool("expect_disconnect")) {
                        throw new BuildFailure("Script disconnected unexpectedly. If you expected your script to"
                                + " disconnect, i.e. from a restart, you can try adding `\"expect_disconnect\": true`"
                                + " or `\"valid_exit_codes\": [0, 2300218]` to the shell provisioner parameters.");
                    }
                } else if (!valid.contains((long) status)) {
                    throw new BuildFailure("Script exited with non-zero exit status: " + status
                            + ".Allowed exit codes are: " + ShellLocalRunner.goList(valid));
                }
                if (!c.bool("skip_clean")) {
                    cleanup(ctx, comm, remotePath);
                }
            }
            if (remoteEnvFile != null && !c.bool("skip_clean")) {
                // Once every script ran: each of them sources it.
                cleanup(ctx, comm, remoteEnvFile);
            }
            Duration pause = GoDuration.orDefault(c.string("pause_after"), Duration.ZERO);
            if (!pause.isZero()) {
                ctx.ui().say("Pausing " + Durations.go(pause) + " after this provisioner...");
                ctx.cancellation().sleep(pause);
            }
        } catch (Cancellation.CancelledException e) {
            throw new BuildFailure(e.getMessage());
        } finally {
            if (inlineFile != null) {
                try {
                    Files.deleteIfExists(inlineFile);
                } catch (IOException e) {
                    // A temporary script that cannot be removed is left to the system.
                }
            }
        }
    }

    /** Uploads, makes executable and runs, retrying the three together while the machine does not answer. */
    private static int uploadAndRun(BuildContext ctx, Communicator comm, String remotePath, byte[] body,
                                    String command, Duration retry) throws BuildFailure,
            Cancellation.CancelledException {
        long deadline = System.nanoTime() + retry.toNanos();
        while (true) {
            try {
                comm.upload(remotePath, new ByteArrayInputStream(body), body.length, 0644);
                comm.execute("chmod 0755 " + remotePath, ctx.ui(), ctx.cancellation());
                return comm.execute(command, ctx.ui(), ctx.cancellation());
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new BuildFailure("Error uploading script: " + e.getMessage());
                }
                ctx.cancellation().sleep(Duration.ofSeconds(2));
            }
        }
    }

    /** Uploads the variables file, readable by its owner only, retrying while the machine does not answer. */
    private static void uploadEnvFile(BuildContext ctx, Communicator comm, String remotePath, byte[] body,
                                      Duration retry) throws BuildFailure, Cancellation.CancelledException {
        long deadline = System.nanoTime() + retry.toNanos();
        while (true) {
            try {
                comm.upload(remotePath, new ByteArrayInputStream(body), body.length, 0600);
                comm.execute("chmod 0600 " + remotePath, ctx.ui(), ctx.cancellation());
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new BuildFailure("Error uploading envVarFile: " + e.getMessage());
                }
                ctx.cancellation().sleep(Duration.ofSeconds(2));
            }
        }
    }

    private static void cleanup(BuildContext ctx, Communicator comm, String remotePath) throws BuildFailure,
            Cancellation.CancelledException {
        try {
            int status = comm.execute("rm -f " + remotePath, ctx.ui(), ctx.cancellation());
            if (status != 0) {
                throw new BuildFailure("Error removing temporary script at " + remotePath + "!");
            }
        } catch (IOException e) {
            throw new BuildFailure("Error removing temporary script at " + remotePath + "!");
        }
    }

    /** The inline commands as a script; each is rendered again with the builder's values ({@code {{.ID}}}). */
    private static Path inlineScript(BuildContext ctx, ComponentConfig c, List<String> inline,
                                     Map<String, String> generatedData) throws BuildFailure {
        String shebang = c.string("inline_shebang").isEmpty() ? "/bin/sh -e" : c.string("inline_shebang");
        StringBuilder sb = new StringBuilder("#!").append(shebang).append('\n');
        Interpolation.Context ictx = ctx.interpolation().withData(new HashMap<String, Object>(generatedData));
        for (String line : inline) {
            try {
                sb.append(Interpolation.render(line, ictx)).append('\n');
            } catch (GoTemplateException e) {
                throw new BuildFailure("Error processing command: " + e.getMessage());
            }
        }
        try {
            Path dir = Path.of(ctx.env().getOrDefault("TMPDIR", System.getProperty("java.io.tmpdir")));
            Path f = Files.createTempFile(dir, "packer-shell", "");
            Files.writeString(f, sb, StandardCharsets.UTF_8);
            return f;
        } catch (IOException e) {
            throw new BuildFailure("Error preparing shell script: " + e.getMessage());
        }
    }

    /** The environment as {@code {{.Vars}}}: Packer's variables, environment_vars and env, sorted, quoted. */
    static String flattenedVars(BuildContext ctx, ComponentConfig c, Map<String, String> generated) {
        Map<String, String> vars = new TreeMap<>();
        vars.put("PACKER_BUILD_NAME", ctx.packerBuildName());
        vars.put("PACKER_BUILDER_TYPE", ctx.builderType());
        for (String key : List.of("PackerHTTPAddr", "PackerHTTPIP", "PackerHTTPPort")) {
            String v = generated.get(key);
            if (v != null && !v.isEmpty() && !v.startsWith("ERR_")) {
                vars.put(key.equals("PackerHTTPAddr") ? "PACKER_HTTP_ADDR" : key.equals("PackerHTTPIP")
                        ? "PACKER_HTTP_IP" : "PACKER_HTTP_PORT", v);
            }
        }
        for (String v : c.stringList("environment_vars")) {
            int eq = v.indexOf('=');
            vars.put(v.substring(0, eq), v.substring(eq + 1).replace("'", "'\"'\"'"));
        }
        c.stringMap("env").forEach((k, v) -> vars.put(k, v.replace("'", "'\"'\"'")));
        String format = !c.string("env_var_format").isEmpty() ? c.string("env_var_format")
                : c.bool("use_env_var_file") ? "export %s='%s'\n" : "%s='%s' ";
        StringBuilder sb = new StringBuilder();
        vars.forEach((k, v) -> sb.append(ShellLocalRunner.sprintf(format, k, v)));
        return sb.toString();
    }
}
