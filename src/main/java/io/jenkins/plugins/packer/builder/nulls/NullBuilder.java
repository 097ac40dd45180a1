package io.jenkins.plugins.packer.builder.nulls;

import io.jenkins.plugins.packer.communicator.ssh.SshSettings;
import io.jenkins.plugins.packer.communicator.ssh.StepConnectSsh;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.run.Artifact;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.Builder;
import io.jenkins.plugins.packer.run.Step;
import io.jenkins.plugins.packer.run.StepProvision;
import io.jenkins.plugins.packer.run.StepRunner;
import io.jenkins.plugins.packer.run.StepState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code null} builder: connects to an existing machine (or to none) and runs the provisioners on it; its
 * artifact exports nothing. See <a href="https://developer.hashicorp.com/packer/docs/builders/null">null</a>.
 */
public final class NullBuilder implements Builder {

    /** Connects the communicator; with {@code none} there is nothing to connect. */
    static final class StepConnect implements Step {
        @Override
        public String name() {
            return "StepConnect";
        }

        @Override
        public boolean run(StepState state) {
            return true;
        }
    }

    static final String BUILDER_ID = "fnoeding.null";

    @Override
    public String type() {
        return "null";
    }

    @Override
    public Artifact run(BuildContext ctx, ComponentConfig config, Hook hook) throws BuildFailure {
        String communicator = config.string("communicator");
        List<Step> steps = new ArrayList<>();
        if (communicator.isEmpty() || communicator.equals("ssh")) {
            SshSettings ssh = SshSettings.of(config, ctx.env());
            steps.add(new StepConnectSsh(ssh, ssh.host()));
        } else if (communicator.equals("none")) {
            steps.add(new StepConnect());
        } else {
            throw new BuildFailure("communicator \"" + communicator + "\" is not available in this version; use"
                    + " \"ssh\", or \"none\" with local provisioners");
        }
        steps.add(new StepProvision());
        StepState state = new StepState(ctx);
        state.put(StepProvision.HOOK, hook);
        state.put(StepProvision.INSTANCE_ID, "Null");
        StepRunner.run(steps, state);
        if (state.error() != null) {
            throw new BuildFailure(state.error());
        }
        return new Artifact(BUILDER_ID, "Null", "Did not export anything. This is the null builder", List.of(),
                state.<Map<String, String>>get(StepProvision.GENERATED_DATA) == null ? Map.of()
                        : state.get(StepProvision.GENERATED_DATA), null);
    }
}
