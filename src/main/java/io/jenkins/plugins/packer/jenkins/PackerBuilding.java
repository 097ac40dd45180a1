package io.jenkins.plugins.packer.jenkins;

import io.jenkins.plugins.packer.builder.amazon.common.RoleCredentials;
import io.jenkins.plugins.packer.builder.docker.DockerBuilder;
import io.jenkins.plugins.packer.run.Artifact;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.DebugLog;
import io.jenkins.plugins.packer.run.OnError;
import io.jenkins.plugins.packer.run.PackerBuild;
import io.jenkins.plugins.packer.run.RunOptions;
import io.jenkins.plugins.packer.run.RunRequest;
import io.jenkins.plugins.packer.run.RunResult;
import io.jenkins.plugins.packer.run.UiOptions;
import io.jenkins.plugins.packer.run.UiOutput;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code packerBuild}'s work on the agent, without Jenkins types: {@code packer build} of a template in the
 * workspace, its output written to the build log as Packer prints it, the template's file functions confined to
 * the workspace, and the result turned into what Groovy gets back and what Jenkins archives.
 */
final class PackerBuilding {

    private PackerBuilding() {
    }

    static BuildOutcome build(Path workspace, BuildRequest req, PrintStream log, Cancellation cancellation,
                              Clock clock) throws IOException {
        Path root = WorkspacePaths.root(workspace, req.env());
        try {
            WorkspacePaths.confine(root, workspace, "template", req.template());
            for (String f : req.varFiles()) {
                WorkspacePaths.confine(root, workspace, "each of varFiles", f);
            }
        } catch (IllegalArgumentException e) {
            return BuildOutcome.failed(1, false, e.getMessage());
        }
        Map<String, String> env = new LinkedHashMap<>(req.env());
        List<String> secrets = new ArrayList<>(Secrets.proxyPasswords(env));
        if (req.awsKeys() != null) {
            env.putAll(req.awsKeys().environment());
            secrets.addAll(Secrets.forms(req.awsKeys().accessKeyId()));
            secrets.addAll(Secrets.forms(req.awsKeys().secretAccessKey()));
            secrets.addAll(Secrets.forms(req.awsKeys().sessionToken()));
        }
        LoadRequest load = new LoadRequest(workspace, req.template(), req.varFiles(), req.vars(), env, clock,
                root);
        RunOptions options = new RunOptions(OnError.parse(req.onError()), req.force(), false, req.parallelBuilds(),
                new UiOptions(req.color(), req.timestampUi(), false));
        UiOutput output = text -> {
            log.print(text);
            log.flush();
        };
        io.jenkins.plugins.packer.component.SshLogin login = null;
        if (req.sshKey() != null) {
            // The key stays in memory: unlocked here (the communicator takes keys without a passphrase), never
            // written to the agent's disk.
            String text = req.sshKey().privateKey();
            login = new io.jenkins.plugins.packer.component.SshLogin(req.sshKey().username(),
                    unlocked(text, req.sshKey().passphrase()));
            secrets.addAll(Secrets.forms(text));
            secrets.addAll(Secrets.forms(login.privateKey()));
            secrets.addAll(Secrets.forms(req.sshKey().passphrase()));
        }
        BuildRequest.RoleRenewal renewal = req.awsKeys() == null ? null : req.awsKeys().renewal();
        if (renewal != null) {
            secrets.addAll(Secrets.forms(renewal.accessKeyId()));
            secrets.addAll(Secrets.forms(renewal.secretAccessKey()));
        }
        String debugLog = debugLogPath(req);
        DebugLog.Sink sink = null;
        if (debugLog != null) {
            Path file = workspace.resolve(debugLog).normalize();
            Files.createDirectories(file.getParent());
            sink = new DebugLog.Sink(Files.newOutputStream(file), true);
            log.println("Packer debug log (PACKER_LOG): " + debugLog);
        }
        RunRequest run = new RunRequest(load, req.only(), req.except(), options, output, cancellation, secrets,
                req.id(), login).withStateDir(stateDir(workspace)).withDebugLog(sink);
        // The role's session, renewed for as long as the bake and its cleanup take.
        try (RoleCredentials role = renewal == null ? null : RoleCredentials.of(env, renewal.accessKeyId(),
                renewal.secretAccessKey(), renewal.roleArn(), renewal.externalId(), "Jenkins",
                renewal.durationSeconds())) {
            RunResult r = PackerBuild.run(role == null ? run : run.withAwsCredentials(role));
            BuildOutcome o = outcome(workspace, req, r);
            String archived = debugLog == null ? null : inside(workspace, debugLog).orElse(null);
            return new BuildOutcome(o.exitCode(), o.cancelled(), o.result(), o.manifests(), o.files(),
                    o.failureMessage(), archived);
        }
    }

    /**
     * Where the debug log goes when the step's environment sets {@code PACKER_LOG} (as {@code debugLog} does):
     * {@code PACKER_LOG_PATH}, relative to the workspace, else {@code packer-debug-ID.log} in it; null when off.
     */
    static String debugLogPath(BuildRequest req) {
        String on = req.env().getOrDefault("PACKER_LOG", "");
        if (on.isEmpty() || on.equals("0")) {
            return null;
        }
        String path = req.env().getOrDefault("PACKER_LOG_PATH", "");
        return path.isEmpty() ? "packer-debug-" + req.id().replaceAll("[^A-Za-z0-9-]", "") + ".log" : path;
    }

    /**
     * The key text as the communicator reads it: a key with a passphrase is unlocked here, since Packer's keys have
     * none.
     */
    static String unlocked(String text, String passphrase) throws IOException {
        String key = text.endsWith("\n") ? text : text + "\n";
        if (passphrase == null || passphrase.isEmpty()) {
            return key;
        }
        try {
            Iterable<java.security.KeyPair> pairs = org.apache.sshd.common.util.security.SecurityUtils
                    .loadKeyPairIdentities(null, org.apache.sshd.common.NamedResource.ofName("sshCredentialsId"),
                            new java.io.ByteArrayInputStream(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                            org.apache.sshd.common.config.keys.FilePasswordProvider.of(passphrase));
            java.security.KeyPair pair = pairs == null ? null : pairs.iterator().next();
            if (pair == null) {
                throw new IOException("the SSH key of sshCredentialsId could not be read");
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(
                    pair, "", (org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext) null,
                    out);
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.security.GeneralSecurityException | IOException | RuntimeException e) {
            throw new IOException("the SSH key of sshCredentialsId could not be unlocked with its passphrase: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Where the journals of the builds of a workspace are kept: beside it, in the workspace's temporary folder
     * ({@code WS@tmp}, as Jenkins names it), so a sweep on that agent finds what a killed build left.
     */
    static Path stateDir(Path workspace) {
        Path ws = workspace.toAbsolutePath().normalize();
        return ws.resolveSibling(ws.getFileName() + "@tmp").resolve("packer-steps");
    }

    static BuildOutcome outcome(Path workspace, BuildRequest req, RunResult r) {
        LinkedHashMap<String, Object> builds = new LinkedHashMap<>();
        LinkedHashMap<String, Long> files = new LinkedHashMap<>();
        List<String> manifests = new ArrayList<>();
        List<String> archivable = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (RunResult.BuildResult b : r.builds()) {
            LinkedHashMap<String, Object> m = new LinkedHashMap<>();
            m.put("status", r.cancelled() ? "cancelled" : b.succeeded() ? "succeeded" : "failed");
            m.put("durationMillis", b.duration().toMillis());
            m.put("error", b.error());
            ArrayList<Object> artifacts = new ArrayList<>();
            for (Artifact a : b.artifacts()) {
                artifacts.add(artifact(a));
                a.files().forEach(f -> inside(workspace, f).ifPresent(p -> files.put(p, size(workspace, p))));
            }
            m.put("artifacts", artifacts);
            m.put("manifests", new ArrayList<>(b.manifests()));
            for (String manifest : b.manifests()) {
                if (!manifests.contains(manifest)) {
                    manifests.add(manifest);
                }
                inside(workspace, manifest).filter(p -> !archivable.contains(p)).ifPresent(archivable::add);
            }
            builds.put(b.name(), m);
            if (!b.succeeded()) {
                failures.add(b.name() + ": " + b.error());
            }
        }
        LinkedHashMap<String, Object> result = new LinkedHashMap<>();
        result.put("exitCode", r.exitCode());
        result.put("builds", builds);
        result.put("manifests", new ArrayList<>(manifests));
        String failure = null;
        if (r.cancelled()) {
            failure = "packer build of " + req.template() + " was cancelled";
        } else if (r.exitCode() != 0) {
            failure = "packer build of " + req.template() + " failed"
                    + (failures.isEmpty() ? ": see the errors above" : ":\n" + String.join("\n", failures));
        }
        return new BuildOutcome(r.exitCode(), r.cancelled(), result, archivable, files, failure);
    }

    /**
     * An artifact as Groovy sees it; an AMI's id ({@code region:ami-…,…}) is also given per region, a Docker image's
     * name, tags and id on their own.
     */
    static LinkedHashMap<String, Object> artifact(Artifact a) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("builderId", a.builderId());
        m.put("id", a.id());
        m.put("description", a.string());
        m.put("files", new ArrayList<>(a.files()));
        if (a.builderId().startsWith("mitchellh.amazon")) {
            LinkedHashMap<String, String> amis = new LinkedHashMap<>();
            for (String part : a.id().split(",")) {
                int colon = part.indexOf(':');
                if (colon > 0) {
                    amis.put(part.substring(0, colon), part.substring(colon + 1));
                }
            }
            m.put("amis", amis);
        }
        if (a.builderId().equals(DockerBuilder.IMPORT_ID) || a.builderId().equals(DOCKER_TAG_ID)) {
            // A Docker image: its name or id, the tags docker-tag gave it, and the id of a committed image.
            m.put("dockerImage", a.id());
            m.put("dockerTags", new ArrayList<>(a.state().getOrDefault(DockerBuilder.TAGS, List.of())));
            String sha = a.generatedData().get("ImageSha256");
            if (sha != null) {
                m.put("dockerImageId", sha);
            }
        }
        return m;
    }

    static final String DOCKER_TAG_ID = "packer.post-processor.docker-tag";

    /** A file that exists inside the workspace, as a path relative to it; empty for any other. */
    private static java.util.Optional<String> inside(Path workspace, String file) {
        Path ws = workspace.toAbsolutePath().normalize();
        Path p = ws.resolve(file).normalize();
        if (p.startsWith(ws) && Files.isRegularFile(p)) {
            return java.util.Optional.of(ws.relativize(p).toString().replace('\\', '/'));
        }
        return java.util.Optional.empty();
    }

    private static long size(Path workspace, String relative) {
        try {
            return Files.size(workspace.resolve(relative));
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** The step's result with the archived paths added. */
    static Map<String, Object> withArchived(BuildOutcome o, List<String> archived) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>(o.result());
        m.put("archived", new ArrayList<>(archived));
        return m;
    }
}
