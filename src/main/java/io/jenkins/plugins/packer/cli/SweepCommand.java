package io.jenkins.plugins.packer.cli;

import io.jenkins.plugins.packer.ops.Sweep;
import io.jenkins.plugins.packer.template.GoDuration;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pkrj sweep}: removes the cloud resources that runs killed before their cleanups left behind, found through
 * the runs' journals and the run tag (see {@link Sweep}).
 */
final class SweepCommand extends Declared {

    @Override
    String name() {
        return "sweep";
    }

    @Override
    void declare(CommandSpec spec) {
        flag(spec, "dry-run", false);
        value(spec, "older-than", String.class);
        value(spec, "run-id", String.class);
        repeated(spec, "region", true);
        value(spec, "state-dir", String.class);
    }

    @Override
    String help() {
        return """
                Usage: pkrj sweep [options]

                  Removes the cloud resources (instances, launch templates, key pairs, security groups, IAM roles and
                  instance profiles, AMIs, snapshots, volumes) that builds killed before their cleanups left behind.
                  They are found through the journals of the runs in the state directory and, in each region those
                  name or -region gives, by the tag packer-steps:run-id that every resource a build makes carries.
                  A run that is still running is left alone, and so is every resource without that tag and every
                  AMI a build delivered. Credentials and endpoints come from the environment, as for a build.

                Options:

                  -dry-run                 Only print what would be removed.
                  -older-than=duration     Only runs started before this long ago (e.g. 2h); runs found only by their
                                           tag, without a journal here, are swept only when it is given.
                  -region=a,b              Regions to search by tag besides those the journals name.
                  -run-id=id               Only this run.
                  -state-dir=path          Where the journals are (default: PKRJ_STATE_DIR, else
                                           $XDG_STATE_HOME/pkrj, else ~/.local/state/pkrj).""";
    }

    @Override
    public Integer call() {
        String olderThan = value("older-than", null);
        String stateDir = value("state-dir", null);
        Duration age = null;
        if (olderThan != null) {
            try {
                age = Duration.ofNanos(GoDuration.parse(olderThan));
            } catch (GoDuration.InvalidDuration e) {
                io.out().println("invalid value \"" + olderThan + "\" for flag -older-than: " + e.getMessage());
                return 1;
            }
        }
        Path dir = stateDir != null ? io.workDir().resolve(stateDir) : StateDir.of(io.env());
        if (dir == null) {
            io.out().println("Error: no state directory: set PKRJ_STATE_DIR or HOME, or give -state-dir");
            return 1;
        }
        try {
            return Sweep.run(new Sweep.Request(dir, io.env(), flag("dry-run"), age, value("run-id", null),
                    values("region"), Clock.systemUTC(),
                    io.out()::println));
        } catch (IOException e) {
            io.out().println("Error: cannot read the journals in " + dir + ": " + e.getMessage());
            return 1;
        }
    }
}
