package io.jenkins.plugins.packer.run;

import io.jenkins.plugins.packer.hcl.DiagnosticWriter;
import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.ast.File;
import io.jenkins.plugins.packer.ops.Validate;
import io.jenkins.plugins.packer.plan.BuildPlanner;
import io.jenkins.plugins.packer.plan.PlannedBuild;
import io.jenkins.plugins.packer.plan.Preparation;
import io.jenkins.plugins.packer.run.journal.ResourceJournal;
import io.jenkins.plugins.packer.template.HclConfig;
import io.jenkins.plugins.packer.template.LoadRequest;
import io.jenkins.plugins.packer.template.Variable;
import io.jenkins.plugins.packer.template.VariableChecks;
import io.jenkins.plugins.packer.template.json.JsonBuildPlanner;
import io.jenkins.plugins.packer.template.json.JsonValidate;
import io.jenkins.plugins.packer.value.EvaluationCancelled;
import io.jenkins.plugins.packer.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code packer build}: reads and checks the configuration, runs the selected builds in parallel (bounded by
 * {@code -parallel-builds}), prints Packer's console output and summary, and returns each build's result. This is
 * the engine's entry point for the command line and the Jenkins steps; it keeps no state between runs and stops
 * every thread it starts.
 */
public final class PackerBuild {

    private PackerBuild() {
    }

    public static RunResult run(RunRequest req) {
        prefetchTls();
        SecretMasker masker = new SecretMasker();
        req.secrets().forEach(masker::add);
        DebugLog log = DebugLog.to(req.debugLog(), masker, req.load().clock());
        try {
            return run(req.debugLog() == null ? req : withLoggedOutput(req, log), masker, log);
        } finally {
            log.log("[INFO] Run finished");
            log.close();
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean TLS_LOADED =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Loads the JVM's TLS set-up (the trust store's certificates, the crypto providers) on a daemon thread, once per
     * JVM, while the template is read: the AWS SDK's HTTP client makes its TLS context when a build's first client
     * is made, some 30 ms of a cold bake otherwise spent on the build's own path. A failure here is left to the
     * client that needs TLS to report.
     */
    private static void prefetchTls() {
        if (TLS_LOADED.compareAndSet(false, true)) {
            Thread t = new Thread(() -> {
                try {
                    javax.net.ssl.SSLContext.getDefault();
                } catch (java.security.NoSuchAlgorithmException | RuntimeException e) {
                    // Reported by the client that needs TLS, if one does.
                }
            }, "pkrj TLS set-up");
            t.setDaemon(true);
            t.start();
        }
    }

    /** The request with its console output copied to the debug log (when that is a file of its own). */
    private static RunRequest withLoggedOutput(RunRequest req, DebugLog log) {
        UiOutput out = req.output();
        UiOutput both = new UiOutput() {
            @Override
            public void write(String text) {
                out.write(text);
                log.ui(text);
            }

            @Override
            public boolean interactive() {
                return out.interactive();
            }

            @Override
            public String readLine() {
                return out.readLine();
            }
        };
        return new RunRequest(req.load(), req.only(), req.except(), req.options(), both, req.cancellation(),
                req.secrets(), req.runUuid(), req.sshLogin(), req.stateDir(), req.awsCredentials(), req.debugLog());
    }

    private static RunResult run(RunRequest req, SecretMasker masker, DebugLog log) {
        String pkrj = PackerBuild.class.getPackage().getImplementationVersion();
        log.log("[INFO] Packer version: " + io.jenkins.plugins.packer.template.HclConfig.PACKER_VERSION + " [pkrj "
                + (pkrj == null ? "dev" : pkrj) + ", Java "
                + Runtime.version() + " " + System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT)
                + " " + System.getProperty("os.arch", "") + "]");
        log.log("[INFO] Template: " + req.load().workDir().resolve(req.load().target()).normalize());
        for (String varFile : req.load().varFiles()) {
            log.log("[INFO] Variable file: " + req.load().workDir().resolve(varFile).normalize());
        }
        PackerUi ui = new PackerUi(req.output(), req.options().ui(), masker, req.load().clock());
        Planned planned = null;
        // Reading the template and planning the builds evaluate expressions, which stop when their thread is
        // interrupted: a cancellation meanwhile interrupts this thread, as packer's messages are printed.
        try (Cancellation.Registration announce = req.cancellation().onCancel(
                () -> ui.say("Cancelling build after receiving interrupt"));
             InterruptOnCancel loading = new InterruptOnCancel(req.cancellation())) {
            planned = plan(req, ui, masker);
        } catch (EvaluationCancelled e) {
            // Reported below: the run was cancelled.
        }
        if (req.cancellation().isCancelled()) {
            ui.say("Cleanly cancelled builds after being interrupted.");
            return new RunResult(1, true, List.of());
        }
        if (planned.result() != null) {
            return planned.result();
        }
        for (PlannedBuild b : planned.builds()) {
            log.log("[INFO] Build " + b.name() + ": builder " + b.builderType());
        }
        return runBuilds(req, planned.builds(), planned.planner(), ui, masker, planned.env(), planned.ret(), log);
    }

    /** The builds to run, or the result of a run that ends before any (its diagnostics printed). */
    private record Planned(List<PlannedBuild> builds, Preparation planner, Map<String, String> env, int ret,
                           RunResult result) {
        static Planned failed(RunResult result) {
            return new Planned(null, null, null, 0, result);
        }
    }

    private static Planned plan(RunRequest req, PackerUi ui, SecretMasker masker) {
        LoadRequest load = req.load();
        if (!Validate.isHcl2(load.workDir(), load.target())) {
            return planJson(req, ui, masker);
        }
        Diagnostics loadDiags = new Diagnostics();
        HclConfig cfg = HclConfig.load(load, loadDiags);
        if (writeDiags(req.output(), ui, cfg.sourceFiles(), loadDiags)) {
            return Planned.failed(new RunResult(1, false, List.of()));
        }
        Diagnostics initDiags = new Diagnostics();
        VariableChecks.check(cfg, initDiags);
        cfg.executeDataSources(true).initialize(initDiags);
        registerSecrets(cfg, masker);
        if (writeDiags(req.output(), ui, Map.of(), initDiags)) {
            return Planned.failed(new RunResult(1, false, List.of()));
        }
        Map<String, String> env = new HashMap<>(load.env());
        env.put("PACKER_RUN_UUID", req.runUuid());
        BuildPlanner planner = new BuildPlanner(cfg, load.workDir(), env).withSshLogin(req.sshLogin());
        Diagnostics planDiags = new Diagnostics();
        List<PlannedBuild> builds = planner.plan(req.only(), req.except(), planDiags);
        int ret = writeDiags(req.output(), ui, Map.of(), planDiags) ? 1 : 0;
        return new Planned(builds, planner, env, ret, null);
    }

    /** A legacy JSON template: read, user variables resolved, builds prepared, then run as HCL2 builds are. */
    private static Planned planJson(RunRequest req, PackerUi ui, SecretMasker masker) {
        LoadRequest load = req.load();
        JsonValidate.Loaded loaded = JsonValidate.load(load.workDir(), load.target(), load.varFiles());
        if (loaded.failure() != null) {
            req.output().write(masker.mask(loaded.failure().output()));
            return Planned.failed(new RunResult(loaded.failure().exitCode(), false, List.of()));
        }
        Map<String, String> env = new HashMap<>(load.env());
        env.put("PACKER_RUN_UUID", req.runUuid());
        JsonBuildPlanner planner = JsonBuildPlanner.of(loaded.template(), load, env).withSshLogin(req.sshLogin());
        Diagnostics varDiags = new Diagnostics();
        boolean resolved = planner.checkTemplate(varDiags)
                && planner.resolveVariables(load.varFiles(), load.vars(), varDiags);
        for (String name : loaded.template().sensitiveVariables()) {
            masker.add(planner.variables().get(name));
        }
        if (!resolved) {
            writeDiags(req.output(), ui, Map.of(), varDiags);
            return Planned.failed(new RunResult(1, false, List.of()));
        }
        Diagnostics planDiags = new Diagnostics();
        List<PlannedBuild> builds = planner.plan(req.only(), req.except(), planDiags);
        int ret = writeDiags(req.output(), ui, Map.of(), planDiags) ? 1 : 0;
        return new Planned(builds, planner, env, ret, null);
    }

    private static RunResult runBuilds(RunRequest req, List<PlannedBuild> builds, Preparation planner, PackerUi ui,
                                       SecretMasker masker, Map<String, String> env, int ret, DebugLog log) {
        if (ui.colored()) {
            for (int i = 0; i < builds.size(); i++) {
                ui.buildSay(builds.get(i).name(), i, builds.get(i).name() + ": output will be in this color.");
            }
            if (!builds.isEmpty()) {
                ui.say("");
            }
        }
        Cancellation.Registration announce = req.cancellation().onCancel(
                () -> ui.say("Cancelling build after receiving interrupt"));
        long start = System.nanoTime();
        int parallel = req.options().parallelBuilds() < 1 ? Math.max(1, builds.size())
                : req.options().parallelBuilds();
        if (req.options().debug()) {
            ui.say("Debug mode enabled. Builds will not be parallelized.");
            parallel = 1;
        }
        ResourceJournal journal = req.stateDir() == null ? ResourceJournal.none(req.runUuid(), req.load().clock())
                : ResourceJournal.open(req.stateDir(), req.runUuid(), req.load().clock());
        List<RunResult.BuildResult> results = new ArrayList<>();
        FileLocks locks = new FileLocks();
        List<Future<RunResult.BuildResult>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, builds.size())),
                threads(builds.isEmpty() ? "none" : builds.get(0).name()));
        try {
            for (int i = 0; i < builds.size(); i++) {
                PlannedBuild b = builds.get(i);
                int index = i;
                futures.add(submit(pool, () -> runOne(req, b, planner, ui, masker, env, index, locks, journal, log)));
            }
            for (Future<RunResult.BuildResult> f : futures) {
                results.add(await(f, req.cancellation()));
            }
        } finally {
            pool.shutdownNow();
            announce.close();
            closeQuietly(journal, ui);
        }
        ui.say("\n==> Wait completed after " + Durations.format(Duration.ofNanos(System.nanoTime() - start)));
        if (req.cancellation().isCancelled()) {
            ui.say("Cleanly cancelled builds after being interrupted.");
            return new RunResult(1, true, results);
        }
        List<RunResult.BuildResult> failed = results.stream().filter(r -> !r.succeeded()).toList();
        if (!failed.isEmpty()) {
            ui.machine("", "error-count", Integer.toString(failed.size()));
            ui.error("\n==> Some builds didn't complete successfully and had errors:");
            for (RunResult.BuildResult r : failed) {
                ui.machine(r.name(), "error", r.error());
                ui.error("--> " + r.name() + ": " + r.error());
            }
        }
        List<RunResult.BuildResult> withArtifacts = results.stream()
                .filter(r -> r.succeeded() && !r.artifacts().isEmpty()).toList();
        if (withArtifacts.isEmpty()) {
            ui.say("\n==> Builds finished but no artifacts were created.");
        } else {
            ui.say("\n==> Builds finished. The artifacts of successful builds are:");
            for (RunResult.BuildResult r : withArtifacts) {
                ui.machine(r.name(), "artifact-count", Integer.toString(r.artifacts().size()));
                for (int i = 0; i < r.artifacts().size(); i++) {
                    Artifact a = r.artifacts().get(i);
                    String is = Integer.toString(i);
                    ui.machine(r.name(), "artifact", is, "builder-id", a.builderId());
                    ui.machine(r.name(), "artifact", is, "id", a.id());
                    ui.machine(r.name(), "artifact", is, "string", a.string());
                    ui.machine(r.name(), "artifact", is, "files-count", Integer.toString(a.files().size()));
                    for (int j = 0; j < a.files().size(); j++) {
                        ui.machine(r.name(), "artifact", is, "file", Integer.toString(j), a.files().get(j));
                    }
                    ui.machine(r.name(), "artifact", is, "end");
                    ui.say("--> " + r.name() + ": " + a.string());
                }
            }
        }
        return new RunResult(failed.isEmpty() ? ret : 1, false, results);
    }

    private static RunResult.BuildResult runOne(RunRequest req, PlannedBuild b, Preparation planner, PackerUi ui,
                                                SecretMasker masker, Map<String, String> env, int index,
                                                FileLocks locks, ResourceJournal journal, DebugLog log) {
        long start = System.nanoTime();
        Ui buildUi = ui.build(b.name(), index);
        String sourceName = b.packerBuildName();
        BuildOutputs outputs = new BuildOutputs();
        BuildContext ctx = new BuildContext(b.name(), sourceName, b.builderType(), buildUi, req.load().workDir(),
                env, req.cancellation(), req.runUuid(), req.options(), masker,
                planner.interpolation(b), outputs, locks, journal, req.awsCredentials(), log);
        BuildRunner.Outcome outcome;
        try {
            outcome = new BuildRunner(b, planner, ctx, ui, index).run();
        } catch (EvaluationCancelled e) {
            outcome = new BuildRunner.Outcome(List.of(), "context canceled");
        } catch (RuntimeException e) {
            outcome = new BuildRunner.Outcome(List.of(), "internal error: " + e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (outcome.error() != null) {
            ui.buildError(b.name(), "Build '" + b.name() + "' errored after " + Durations.format(took) + ": "
                    + outcome.error());
            return new RunResult.BuildResult(b.name(), false, took, List.of(), masker.mask(outcome.error()),
                    outputs.manifests());
        }
        ui.buildSay(b.name(), index, "Build '" + b.name() + "' finished after " + Durations.format(took) + ".");
        return new RunResult.BuildResult(b.name(), true, took, outcome.artifacts(), null, outputs.manifests());
    }

    private static void closeQuietly(ResourceJournal journal, PackerUi ui) {
        try {
            journal.close();
        } catch (IOException | RuntimeException e) {
            ui.error("Error: cannot close the run's journal: " + e.getMessage());
        }
    }

    private static RunResult.BuildResult await(Future<RunResult.BuildResult> f, Cancellation cancellation) {
        while (true) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                cancellation.cancel();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("build thread failed", e.getCause());
            }
        }
    }

    /** Submits {@code task}; where the system refuses a build thread its deep stack, with a smaller one. */
    private static <T> Future<T> submit(ExecutorService pool, java.util.concurrent.Callable<T> task) {
        while (true) {
            long size = DeepStack.stackBytes();
            try {
                return pool.submit(task);
            } catch (OutOfMemoryError e) {
                if (!DeepStack.shrink(size)) {
                    throw e;
                }
            }
        }
    }

    private static ThreadFactory threads(String first) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = DeepStack.thread(r, "packer-build-" + n.incrementAndGet() + " (" + first + ")");
            t.setDaemon(true);
            return t;
        };
    }

    /** Registers the values of sensitive variables and locals with the masker. */
    private static void registerSecrets(HclConfig cfg, SecretMasker masker) {
        for (Variable v : cfg.inputVariables().values()) {
            if (v.sensitive()) {
                addLeaves(v.value(), masker);
            }
        }
        for (Variable v : cfg.locals().values()) {
            if (v.sensitive()) {
                addLeaves(v.value(), masker);
            } else {
                addMarked(v.value(), masker);
            }
        }
        cfg.dataOutputs().values().forEach(byName -> byName.values().forEach(v -> addMarked(v, masker)));
    }

    /** Registers the parts of a value marked sensitive (a secret a data source read, and what was made of it). */
    private static void addMarked(Value v, SecretMasker masker) {
        if (v == null || v.isNull() || !v.isKnown()) {
            return;
        }
        if (v.hasMark(io.jenkins.plugins.packer.value.Mark.SENSITIVE)) {
            addLeaves(v, masker);
            return;
        }
        if (v.type().isList() || v.type().isSet() || v.type().isTuple()) {
            v.elements().forEach(e -> addMarked(e, masker));
        } else if (v.type().isMap() || v.type().isObject()) {
            v.entries().values().forEach(e -> addMarked(e, masker));
        }
    }

    private static void addLeaves(Value v, SecretMasker masker) {
        if (v == null || v.isNull() || !v.isKnown()) {
            return;
        }
        Value u = v.unmark();
        if (u.type().isList() || u.type().isSet() || u.type().isTuple()) {
            u.elements().forEach(e -> addLeaves(e, masker));
        } else if (u.type().isMap() || u.type().isObject()) {
            u.entries().values().forEach(e -> addLeaves(e, masker));
        } else if (u.type().equals(io.jenkins.plugins.packer.value.Type.STRING)) {
            masker.add(u.asString());
        } else if (u.type().equals(io.jenkins.plugins.packer.value.Type.NUMBER)) {
            masker.add(u.asBigDecimal().toPlainString());
        }
    }

    /** Writes diagnostics as packer does (then a newline); true when any is an error. */
    private static boolean writeDiags(UiOutput out, PackerUi ui, Map<String, DiagnosticWriter.SourceFile> files,
                                      Diagnostics diags) {
        byte[] text = new DiagnosticWriter(files, 80).writeBytes(diags);
        if (text.length > 0) {
            ui.say(new String(text, StandardCharsets.UTF_8));
        }
        return diags.hasErrors();
    }

}
