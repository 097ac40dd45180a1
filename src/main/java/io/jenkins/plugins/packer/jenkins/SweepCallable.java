package io.jenkins.plugins.packer.jenkins;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.packer.ops.Sweep;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Removes what a build whose process died left (see {@link Sweep}), on the agent that keeps its journal, with the
 * credentials the build had; returns the sweep's lines, the last one its exit code.
 */
final class SweepCallable extends MasterToSlaveFileCallable<List<String>> {

    private static final long serialVersionUID = 1L;

    private final String runId;
    private final Map<String, String> env;

    SweepCallable(String runId, Map<String, String> env) {
        this.runId = runId;
        this.env = env;
    }

    @Override
    public List<String> invoke(File workspace, VirtualChannel channel) throws IOException {
        List<String> lines = new ArrayList<>();
        int code = Sweep.run(new Sweep.Request(PackerBuilding.stateDir(workspace.toPath()), env, false, null, runId,
                List.of(), Clock.systemUTC(), lines::add));
        lines.add(Integer.toString(code));
        return lines;
    }
}
