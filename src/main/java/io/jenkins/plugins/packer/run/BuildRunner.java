package io.jenkins.plugins.packer.run;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.hcl.Diagnostic;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.plan.BuildPlanner;
import io.jenkins.plugins.packer.plan.Preparation;
import io.jenkins.plugins.packer.plan.PlannedBuild;
import io.jenkins.plugins.packer.template.ProvisionerBlock;
import io.jenkins.plugins.packer.value.GoStrings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Timer;
import java.util.TimerTask;

/**
 * Runs one planned build as Packer's {@code CoreBuild.Run}: the builder (which calls back for the provisioners),
 * then each post-processor chain on the builder's artifact, keeping and destroying artifacts by Packer's rules.
 */
final class BuildRunner {

    /** Go's multierror text, as Packer joins a build's post-processor errors. */
    static String multiError(List<String> errors) {
        StringBuilder sb = new StringBuilder().append(errors.size()).append(" error(s) occurred:\n\n");
        for (int i = 0; i < errors.size(); i++) {
            sb.append(i == 0 ? "" : "\n").append("* ").append(errors.get(i));
        }
        return sb.toString();
    }

    /** The outcome: the artifacts to report, and the error (null on success). */
    record Outcome(List<Artifact> artifacts, String error) {}

    private final PlannedBuild planned;
    private final Preparation planner;
    private final BuildContext ctx;
    private final PackerUi packerUi;
    private final int index;

    BuildRunner(PlannedBuild planned, Preparation planner, BuildContext ctx, PackerUi packerUi, int index) {
        this.planned = planned;
        this.planner = planner;
        this.ctx = ctx;
        this.packerUi = packerUi;
        this.index = index;
    }

    Outcome run() {
        Builder builder = Components.builder(planned.builderType());
        if (builder == null) {
            if (planned.builderType().equals("amazon-chroot")) {
                return new Outcome(List.of(), "builder type \"amazon-chroot\" is validated but not built: it attaches"
                        + " the source AMI's volume to the EC2 instance the build runs on, and pkrj does not build on"
                        + " one; use amazon-ebs, or amazon-ebssurrogate to register an AMI from a volume you prepare");
            }
            return new Outcome(List.of(), "builder type " + GoStrings.quote(planned.builderType())
                    + " cannot run here; runnable builders: " + Components.runnable("builder"));
        }
        Artifact builderArtifact;
        try {
            builderArtifact = builder.run(ctx, planned.builder(), new ProvisionHook());
        } catch (BuildFailure e) {
            return new Outcome(List.of(), e.getMessage());
        }
        if (builderArtifact == null || ctx.cancellation().isCancelled()) {
            return new Outcome(builderArtifact == null ? List.of() : List.of(builderArtifact), null);
        }
        return postProcess(builderArtifact);
    }

    private Outcome postProcess(Artifact builderArtifact) {
        List<String> errors = new ArrayList<>();
        List<Artifact> artifacts = new ArrayList<>();
        boolean keepOriginal = planned.postProcessorChains().isEmpty();
        chains:
        for (List<PlannedBuild.PostProcessor> chain : planned.postProcessorChains()) {
            Artifact prior = builderArtifact;
            for (int i = 0; i < chain.size(); i++) {
                PlannedBuild.PostProcessor pp = chain.get(i);
                String type = pp.block().type();
                String name = pp.block().name() == null ? "" : pp.block().name();
                ctx.ui().say(name.equals(type) ? "Running post-processor: " + type
                        : "Running post-processor: " + name + " (type " + type + ")");
                PostProcessor impl = Components.postProcessor(type);
                if (impl == null) {
                    errors.add("Post-processor failed: post-processor type " + GoStrings.quote(type)
                            + " cannot run here; runnable post-processors: " + Components.runnable("post-processor"));
                    continue chains;
                }
                Ui ppUi = packerUi.postProcessor(ctx.name(), type, index);
                Map<String, String> values = new LinkedHashMap<>(BuildPlanner.unknownBuildValues(
                        planned.builderType()));
                values.putAll(prior.generatedData());
                Diagnostics diags = new Diagnostics();
                ComponentConfig config = planner.postProcessor(planned, pp, values, diags);
                if (config == null) {
                    errors.add("Post-processor failed: " + diagnosticsText(diags));
                    continue chains;
                }
                PostProcessor.Result r;
                try {
                    r = impl.postProcess(ctx.with(ppUi, ctx.cancellation()), config, prior);
                } catch (BuildFailure e) {
                    errors.add("Post-processor failed: " + e.getMessage());
                    continue chains;
                }
                if (r.artifact() == null) {
                    continue chains;
                }
                boolean keep = r.keep();
                Boolean userKeep = pp.block().keepInputArtifact();
                if (userKeep != null && !(r.keep() && !userKeep && r.forceOverride())) {
                    keep = userKeep;
                }
                if (i == 0) {
                    keepOriginal |= keep;
                } else if (keep) {
                    artifacts.add(prior);
                } else {
                    destroy(prior, type, errors);
                }
                prior = r.artifact();
            }
            artifacts.add(prior);
        }
        if (keepOriginal) {
            artifacts.add(0, builderArtifact);
        } else {
            try {
                builderArtifact.destroy();
            } catch (IOException e) {
                errors.add("Error destroying builder artifact: " + e.getMessage() + "; bad artifact: "
                        + builderArtifact.files());
            }
        }
        return new Outcome(artifacts, errors.isEmpty() ? null : multiError(errors));
    }

    private static void destroy(Artifact a, String type, List<String> errors) {
        try {
            a.destroy();
        } catch (IOException e) {
            errors.add("Failed cleaning up prior artifact: " + e.getMessage() + "; pp is " + type);
        }
    }

    /** The provisioning hook: runs the provisioners with Packer's meta-arguments. */
    private final class ProvisionHook implements Builder.Hook {

        @Override
        public void provision(Communicator communicator, Map<String, String> generatedData) throws BuildFailure {
            for (PlannedBuild.Provisioner p : planned.provisioners()) {
                runProvisioner(p, communicator, generatedData);
            }
        }

        @Override
        public void errorCleanup(Communicator communicator, Map<String, String> generatedData) {
            PlannedBuild.Provisioner p = planned.errorCleanupProvisioner();
            if (p == null) {
                return;
            }
            try {
                runProvisioner(p, communicator, generatedData);
            } catch (BuildFailure e) {
                ctx.ui().error(e.getMessage());
            }
        }
    }

    private void runProvisioner(PlannedBuild.Provisioner p, Communicator comm, Map<String, String> generated)
            throws BuildFailure {
        ProvisionerBlock block = p.block();
        Provisioner impl = Components.provisioner(block.type());
        if (impl == null) {
            throw new BuildFailure("provisioner type " + GoStrings.quote(block.type()) + " cannot run here;"
                    + " runnable provisioners: " + Components.runnable("provisioner"));
        }
        Map<String, String> values = new LinkedHashMap<>(BuildPlanner.unknownBuildValues(planned.builderType()));
        values.putAll(generated);
        Diagnostics diags = new Diagnostics();
        ComponentConfig config = planner.provisioner(planned, p, values, diags);
        if (config == null) {
            throw new BuildFailure(diagnosticsText(diags));
        }
        Duration pause = block.pauseBefore();
        int tries = Math.max(0, block.maxRetries()) + 1;
        for (int attempt = 1; ; attempt++) {
            try {
                // Packer wraps the provisioner for its pause, then for its retries: each try pauses again.
                if (pause != null && !pause.isZero()) {
                    ctx.ui().say("Pausing " + Durations.go(pause) + " before the next provisioner...");
                    try {
                        ctx.cancellation().sleep(pause);
                    } catch (Cancellation.CancelledException e) {
                        throw new BuildFailure(e.getMessage());
                    }
                }
                ctx.log().log("[INFO] " + ctx.name() + ": running provisioner " + block.type()
                        + (attempt > 1 ? " (attempt " + attempt + " of " + tries + ")" : ""));
                long started = System.nanoTime();
                provisionOnce(impl, config, comm, values, block.timeout());
                ctx.log().log("[INFO] " + ctx.name() + ": provisioner " + block.type() + " ended after "
                        + (System.nanoTime() - started) / 1_000_000 + " ms");
                return;
            } catch (BuildFailure e) {
                ctx.log().log("[INFO] " + ctx.name() + ": provisioner " + block.type() + " failed: " + e.getMessage());
                if (block.maxRetries() <= 0 || ctx.cancellation().isCancelled()) {
                    throw e;
                }
                int left = tries - attempt;
                if (left <= 0) {
                    ctx.ui().say("retry limit reached.");
                    throw e;
                }
                ctx.ui().say("Provisioner failed with " + GoStrings.quote(e.getMessage()) + ", retrying with "
                        + left + " trie(s) left");
            }
        }
    }

    private void provisionOnce(Provisioner impl, ComponentConfig config, Communicator comm,
                               Map<String, String> values, Duration timeout) throws BuildFailure {
        if (timeout == null || timeout.isZero()) {
            impl.provision(ctx, config, comm, values);
            return;
        }
        ctx.ui().say("Setting a " + Durations.go(timeout) + " timeout for the next provisioner...");
        Cancellation scoped = ctx.cancellation().child();
        Timer timer = new Timer("provisioner-timeout " + ctx.name(), true);
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                ctx.ui().say("Cancelling provisioner after a timeout...");
                scoped.cancel("context deadline exceeded");
            }
        }, Math.max(1, timeout.toMillis()));
        try {
            impl.provision(ctx.with(ctx.ui(), scoped), config, comm, values);
        } finally {
            timer.cancel();
            scoped.detach();
        }
    }

    /** Diagnostics as Packer returns them from a provisioner's preparation: HCL's error text. */
    private static String diagnosticsText(Diagnostics diags) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : diags.list()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(d.summary());
            if (d.detail() != null && !d.detail().isEmpty()) {
                sb.append(": ").append(d.detail());
            }
        }
        return sb.toString();
    }
}
