package io.jenkins.plugins.packer.cli;

import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.DebugLog;
import io.jenkins.plugins.packer.run.OnError;
import io.jenkins.plugins.packer.run.PackerBuild;
import io.jenkins.plugins.packer.run.RunOptions;
import io.jenkins.plugins.packer.run.RunRequest;
import io.jenkins.plugins.packer.run.UiOptions;
import io.jenkins.plugins.packer.run.UiOutput;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pkrj build}: runs the builds of a template, as {@code packer build}. */
final class BuildCommand extends Declared {

    @Override
    String name() {
        return "build";
    }

    @Override
    void declare(CommandSpec spec) {
        flag(spec, "color", true);
        flag(spec, "debug", false);
        flag(spec, "force", false);
        flag(spec, "machine-readable", false);
        flag(spec, "timestamp-ui", false);
        value(spec, "on-error", String.class);
        value(spec, "parallel-builds", int.class);
        repeated(spec, "only", true);
        repeated(spec, "except", true);
        template(spec);
        repeated(spec, "var", false);
        repeated(spec, "var-file", false);
    }

    @Override
    String help() {
        return """
                Usage: pkrj build [options] TEMPLATE

                  Will execute multiple builds in parallel as defined in the template.
                  The various artifacts created by the template will be outputted.

                Options:

                  -color=false                  Disable color output. (Default: color)
                  -debug                        Debug mode enabled for builds.
                  -except=foo,bar,baz           Run all builds and post-procesors other than these.
                  -only=foo,bar,baz             Build only the specified builds.
                  -force                        Force a build to continue if artifacts exist, deletes existing artifacts.
                  -machine-readable             Produce machine-readable output.
                  -on-error=[cleanup|abort|ask|run-cleanup-provisioner] If the build fails do: clean up (default), abort, ask, or run-cleanup-provisioner.
                  -parallel-builds=1            Number of builds to run in parallel. 1 disables parallelization. 0 means no limit (Default: 0)
                  -timestamp-ui                 Enable prefixing of each ui output with an RFC3339 timestamp.
                  -var 'key=value'              Variable for templates, can be used multiple times.
                  -var-file=path                JSON or HCL2 file containing user variables.""";
    }

    @Override
    public Integer call() {
        java.util.Map<String, String> vars = vars();
        if (vars == null) {
            io.out().println(help());
            return 1;
        }
        String onError = value("on-error", "cleanup");
        boolean machineReadable = flag("machine-readable");
        OnError mode = OnError.parse(onError);
        if (mode == null) {
            io.out().println("flag -on-error: invalid value \"" + onError + "\"");
            io.out().println(help());
            return 1;
        }
        boolean noColor = io.env().containsKey("PACKER_NO_COLOR");
        UiOptions ui = new UiOptions(flag("color") && !noColor && !machineReadable, flag("timestamp-ui"),
                machineReadable);
        RunOptions options = new RunOptions(mode, flag("force"), flag("debug"), value("parallel-builds", 0), ui);
        Cancellation cancellation = new Cancellation();
        BufferedReader in = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
        UiOutput output = new UiOutput() {
            @Override
            public void write(String text) {
                io.out().print(text);
                io.out().flush();
            }

            @Override
            public boolean interactive() {
                return System.console() != null;
            }

            @Override
            public String readLine() {
                try {
                    return in.readLine();
                } catch (IOException e) {
                    return null;
                }
            }
        };
        LoadRequest load = new LoadRequest(io.workDir(), template(), values("var-file"), vars, io.env(),
                Clock.systemDefaultZone());
        DebugLog.Sink log;
        try {
            // PACKER_LOG: the debug log, to standard error or to PACKER_LOG_PATH.
            log = DebugLog.fromEnvironment(io.env(), io.workDir(), System.err);
        } catch (IOException | RuntimeException e) {
            io.out().println("Couldn't setup log output: " + e.getMessage());
            return 1;
        }
        RunRequest req = new RunRequest(load, values("only"), values("except"), options, output, cancellation,
                List.of(), UUID.randomUUID().toString()).withStateDir(StateDir.of(io.env())).withDebugLog(log);
        Interrupts handle = Interrupts.install(cancellation);
        try {
            return PackerBuild.run(req).exitCode();
        } finally {
            handle.close();
        }
    }
}
