package io.jenkins.plugins.packer.jenkins;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.packer.ops.Sweep;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Removes what killed builds of a workspace left (see {@link Sweep}), on the agent that keeps their journals beside
 * the workspace, with the given credentials: one run (a build whose process died) or every dead run.
 */
final class SweepCallable extends MasterToSlaveFileCallable<SweepCallable.Swept> {

    /** What the sweep said, and whether it removed everything it found. */
    record Swept(List<String> lines, boolean clean) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        Swept {
            lines = new ArrayList<>(lines);
        }
    }


    private static final long serialVersionUID = 1L;

    private final String runId;
    private final Duration olderThan;
    private final List<String> regions;
    private final boolean dryRun;
    private final Map<String, String> env;

    SweepCallable(String runId, Duration olderThan, List<String> regions, boolean dryRun, Map<String, String> env) {
        this.runId = runId;
        this.olderThan = olderThan;
        this.regions = new ArrayList<>(regions);
        this.dryRun = dryRun;
        this.env = env;
    }

    @Override
    public Swept invoke(File workspace, VirtualChannel channel) throws IOException {
        List<String> lines = new ArrayList<>();
        int code = Sweep.run(new Sweep.Request(PackerBuilding.stateDir(workspace.toPath()), env, dryRun, olderThan,
                runId, regions, Clock.systemUTC(), lines::add));
        return new Swept(lines, code == 0);
    }
}
