package io.jenkins.plugins.packer.builder.docker;

import com.github.dockerjava.api.model.AuthConfig;
import io.jenkins.plugins.packer.communicator.docker.DockerCommunicator;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.docker.DockerEngine;
import io.jenkins.plugins.packer.docker.DockerSweeper;
import io.jenkins.plugins.packer.docker.EcrLogin;
import io.jenkins.plugins.packer.docker.RunCommand;
import io.jenkins.plugins.packer.gotemplate.GoTemplateException;
import io.jenkins.plugins.packer.gotemplate.GoTemplateExecutor;
import io.jenkins.plugins.packer.gotemplate.Interpolation;
import io.jenkins.plugins.packer.run.Artifact;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.Builder;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.Step;
import io.jenkins.plugins.packer.run.StepProvision;
import io.jenkins.plugins.packer.run.StepRunner;
import io.jenkins.plugins.packer.run.StepState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code docker} builder: starts a container from an image, provisions it over the docker communicator, then
 * commits it to an image, exports its file system to a tarball, or discards it. It talks to the daemon through its
 * Engine API. See <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/docker/latest/components/builder/docker">
 * the docker builder</a>.
 */
public final class DockerBuilder implements Builder {

    /** The id of the docker builder's export artifacts (an exported tarball, or none when discarded). */
    public static final String BUILDER_ID = "packer.docker";
    /** The id of a committed image's artifact: docker-import's, so that the docker post-processors take it. */
    public static final String IMPORT_ID = "packer.post-processor.docker-import";

    static final String ENGINE = "docker_engine";
    static final String TEMP_DIR = "temp_dir";
    static final String CONTAINER_ID = "container_id";
    static final String IMAGE_ID = "image_id";
    static final String IMAGE_SHA256 = "image_sha256";
    static final List<String> DEFAULT_RUN = List.of("-d", "-i", "-t", "--entrypoint=/bin/sh", "--", "{{.Image}}");

    @Override
    public String type() {
        return "docker";
    }

    @Override
    public Artifact run(BuildContext ctx, ComponentConfig c, Hook hook) throws BuildFailure {
        if (DockerBuilderConfig.buildsFromDockerfile(c)) {
            throw new BuildFailure("the docker builder's build block (an image built from a Dockerfile first) is not"
                    + " available in this version; build the image, then name it in image");
        }
        if (c.bool("windows_container")) {
            throw new BuildFailure("windows_container is not available in this version: the docker builder runs"
                    + " Linux containers");
        }
        String comm = c.string("communicator");
        if (!comm.isEmpty() && !comm.equals("docker")) {
            throw new BuildFailure("communicator \"" + comm + "\" is not available with the docker builder in this"
                    + " version; use the docker communicator (the default)");
        }
        try (DockerEngine engine = DockerEngine.connect(ctx.env())) {
            List<Step> steps = new ArrayList<>();
            steps.add(new StepTempDir());
            if (!c.isSet("pull") || c.bool("pull")) {
                steps.add(new StepPull(c));
            }
            steps.add(new StepRun(c));
            steps.add(new StepConnectDocker(c));
            steps.add(new StepProvision());
            String export = c.string("export_path");
            if (c.bool("commit")) {
                steps.add(new StepCommit(c));
            } else if (!export.isEmpty()) {
                steps.add(new StepExport(export));
            }
            StepState state = new StepState(ctx);
            state.put(ENGINE, engine);
            state.put(StepProvision.HOOK, hook);
            StepRunner.run(steps, state);
            if (state.error() != null) {
                throw new BuildFailure(state.error());
            }
            Map<String, String> data = state.<Map<String, String>>get(StepProvision.GENERATED_DATA) == null
                    ? Map.of() : state.get(StepProvision.GENERATED_DATA);
            if (c.bool("commit")) {
                String id = state.get(IMAGE_ID);
                Map<String, String> withSha = new LinkedHashMap<>(data);
                withSha.put("ImageSha256", state.get(IMAGE_SHA256));
                return importArtifact(ctx, IMPORT_ID, id, List.of(), withSha);
            }
            // As Packer's, a discarded container gives an export artifact with no file.
            return new Artifact(BUILDER_ID, "Container", "Exported Docker file: " + export, List.of(export), data,
                    export.isEmpty() ? null : () -> Files.deleteIfExists(ctx.resolve(export)));
        } catch (IOException e) {
            throw new BuildFailure(e.getMessage());
        }
    }

    /** The artifact state holding the tags docker-tag gave an image ({@code docker_tags}), for docker-push. */
    public static final String TAGS = "docker_tags";

    /**
     * An image in the daemon, as the docker builder (commit) and the docker post-processors report it: its id (an
     * image id or a repository:tag), the tags given it so far, and {@code docker rmi} of the id when not kept.
     */
    public static Artifact importArtifact(BuildContext ctx, String builderId, String id, List<String> tags,
                                          Map<String, String> data) {
        String text = "Imported Docker image: " + id + (tags.isEmpty() ? "" : " with tags " + String.join(" ", tags));
        return new Artifact(builderId, id, text, List.of(), data, () -> {
            try (DockerEngine engine = DockerEngine.connect(ctx.env())) {
                engine.client().removeImageCmd(id).exec();
            } catch (RuntimeException e) {
                throw new IOException("Error deleting image: " + e.getMessage(), e);
            }
        }, tags.isEmpty() ? Map.of() : Map.of(TAGS, List.copyOf(tags)));
    }

    /**
     * The name a build's container gets: {@code packer-steps-}, up to 12 letters and digits of the run's id (any
     * text), and 8 random hex digits; a name docker accepts ({@code [a-zA-Z0-9][a-zA-Z0-9_.-]+}).
     */
    static String containerName(String runId) {
        String id = runId == null ? "" : runId.replaceAll("[^A-Za-z0-9]", "");
        return "packer-steps-" + (id.isEmpty() ? "" : id.substring(0, Math.min(12, id.length())) + "-")
                + String.format("%08x", java.util.concurrent.ThreadLocalRandom.current().nextInt());
    }

    /** Reports a step's error as Packer's docker steps do (ui.Error, then halt). */
    static boolean fail(StepState state, String message) {
        state.ui().error(message);
        return state.fail(message);
    }

    /** A folder shared with the container ({@code container_dir}), in Packer's configuration folder. */
    static final class StepTempDir implements Step {
        @Override
        public String name() {
            return "StepTempDir";
        }

        @Override
        public boolean run(StepState state) {
            state.ui().say("Creating a temporary directory for sharing data...");
            Map<String, String> env = state.build().env();
            String tmp = env.getOrDefault("PACKER_TMP_DIR", "");
            Path parent;
            if (!tmp.isEmpty()) {
                parent = state.build().resolve(tmp);
            } else {
                String configDir = env.getOrDefault("PACKER_CONFIG_DIR", "");
                parent = configDir.isEmpty() ? Path.of(env.getOrDefault("HOME", System.getProperty("user.home")),
                        ".packer.d") : state.build().resolve(configDir).resolve(".packer.d");
            }
            try {
                Files.createDirectories(parent);
                Path dir = Files.createTempDirectory(parent.toAbsolutePath(), "tmp");
                state.put(TEMP_DIR, dir);
                return true;
            } catch (IOException e) {
                return fail(state, "Error making temp dir: Error creating temp dir: " + e.getMessage());
            }
        }

        @Override
        public void cleanup(StepState state) {
            Path dir = state.get(TEMP_DIR);
            if (dir == null) {
                return;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // what cannot be removed stays; the run goes on
            }
        }
    }

    /** Pulls the image, after logging in to its registry when asked to. */
    record StepPull(ComponentConfig c) implements Step {

        @Override
        public String name() {
            return "StepPull";
        }

        @Override
        public boolean run(StepState state) {
            String image = c.string("image");
            state.ui().say("Pulling Docker image: " + image);
            DockerEngine engine = state.get(ENGINE);
            AuthConfig auth = null;
            String username = c.string("login_username");
            String password = c.string("login_password");
            if (c.bool("ecr_login")) {
                state.ui().message("Fetching ECR credentials...");
                try {
                    EcrLogin.Login ecr = EcrLogin.fetch(state.build(), c, c.string("login_server"));
                    username = ecr.username();
                    password = ecr.password();
                } catch (EcrLogin.Failure e) {
                    return fail(state, e.getMessage());
                }
            }
            if (c.bool("login") || c.bool("ecr_login")) {
                state.ui().message("Logging in...");
                try {
                    engine.login(c.string("login_server"), username, password);
                } catch (DockerEngine.Failure e) {
                    return fail(state, "Error logging in: " + e.getMessage());
                }
                auth = new AuthConfig().withUsername(username).withPassword(password)
                        .withRegistryAddress(c.string("login_server"));
            }
            try {
                engine.pull(image, c.string("platform"), auth, line -> state.ui().message(line),
                        state.build().cancellation());
                return true;
            } catch (Cancellation.CancelledException e) {
                return false;
            } catch (DockerEngine.Failure e) {
                // As docker pull prints it; Packer then reports the command's exit status.
                state.ui().message(e.getMessage());
                return fail(state, "Error pulling Docker image: Bad exit status: 1");
            } finally {
                if (auth != null) {
                    // The credentials were never stored: there is nothing to log out of.
                    state.ui().message("Logging out...");
                }
            }
        }
    }

    /** Creates and starts the container, with the shared folder and the volumes mounted. */
    record StepRun(ComponentConfig c) implements Step {

        @Override
        public String name() {
            return "StepRun";
        }

        @Override
        public boolean run(StepState state) {
            DockerEngine engine = state.get(ENGINE);
            state.ui().say("Starting docker container...");
            List<String> args = new ArrayList<>(List.of("run"));
            c.stringList("device").forEach(d -> args.addAll(List.of("--device", d)));
            c.stringList("cap_add").forEach(d -> args.addAll(List.of("--cap-add", d)));
            c.stringList("cap_drop").forEach(d -> args.addAll(List.of("--cap-drop", d)));
            if (c.bool("privileged")) {
                args.add("--privileged");
            }
            if (!c.string("runtime").isEmpty()) {
                args.addAll(List.of("--runtime", c.string("runtime")));
            }
            if (!c.string("platform").isEmpty()) {
                args.addAll(List.of("--platform", c.string("platform")));
            }
            c.stringList("tmpfs").forEach(d -> args.addAll(List.of("--tmpfs", d)));
            Map<String, String> volumes = new LinkedHashMap<>();
            Path temp = state.get(TEMP_DIR);
            String containerDir = c.string("container_dir").isEmpty() ? "/packer-files" : c.string("container_dir");
            volumes.put(temp.toString(), containerDir);
            String home = state.build().env().getOrDefault("HOME", System.getProperty("user.home"));
            c.stringMap("volumes").forEach((host, guest) -> volumes.put(
                    host.startsWith("~/") ? Path.of(home, host.substring(2)).toString() : host, guest));
            volumes.forEach((host, guest) -> args.addAll(List.of("-v", host + ":" + guest)));
            List<String> runCommand = c.stringList("run_command").isEmpty() ? DEFAULT_RUN : c.stringList("run_command");
            Interpolation.Context ictx = state.build().interpolation().withData(new GoTemplateExecutor.Struct(
                    "*docker.startContainerTemplate", Map.of("Image", c.string("image"))));
            for (String arg : runCommand) {
                try {
                    args.add(Interpolation.render(arg, ictx));
                } catch (GoTemplateException e) {
                    return fail(state, "Error running container: " + e.getMessage());
                }
            }
            String docker = c.string("docker_path").isEmpty() ? "docker" : c.string("docker_path");
            state.ui().message("Run command: " + docker + " " + String.join(" ", args));
            RunCommand run;
            try {
                run = RunCommand.parse(args.subList(1, args.size()));
            } catch (RunCommand.Invalid e) {
                return fail(state, "Error running container: " + e.getMessage());
            }
            // The container is named (unless run_command names it) so that a sweep finds it even when the build
            // was killed before the daemon's answer gave its id: the journal holds the name first, then the id.
            String name = run.name() != null ? run.name() : containerName(state.build().runUuid());
            var journal = state.build().journal();
            long seq = journal.intent(state.build().name(), DockerSweeper.CONTAINER_KIND, engine.host(), name, "");
            String id;
            try {
                id = create(engine, run, name, state.build().cancellation());
            } catch (RunCommand.Invalid e) {
                journal.failed(seq);
                return fail(state, "Error running container: " + e.getMessage());
            } catch (Cancellation.CancelledException e) {
                journal.failed(seq);
                return false;
            } catch (DockerEngine.Failure e) {
                journal.failed(seq);
                return fail(state, "Error running container: Docker exited with a non-zero exit status.\nStderr: "
                        + e.getMessage());
            }
            journal.created(seq, id);
            state.put(CONTAINER_ID, id);
            try {
                engine.client().startContainerCmd(id).exec();
            } catch (RuntimeException e) {
                return fail(state, "Error running container: Docker exited with a non-zero exit status.\nStderr: "
                        + "docker: " + engine.failure(e).getMessage() + ".\n");
            }
            state.ui().message("Container ID: " + id);
            state.put(StepProvision.INSTANCE_ID, id);
            return true;
        }

        /**
         * Creates the container as {@code docker run} does: an image that is not in the daemon's store is pulled
         * first. A failure carries what {@code docker run} prints on its standard error.
         */
        private static String create(DockerEngine engine, RunCommand run, String name, Cancellation cancellation)
                throws RunCommand.Invalid, DockerEngine.Failure, Cancellation.CancelledException {
            // The words of Debian's docker command line (20.10), which packer runs.
            String help = ".\nSee 'docker run --help'.\n";
            try {
                return run.applyTo(engine.client().createContainerCmd(run.image())).withName(name).exec().getId();
            } catch (com.github.dockerjava.api.exception.NotFoundException missing) {
                String image = run.image();
                String ref = DockerEngine.tagOf(image).isEmpty() && !image.contains("@") ? image + ":latest" : image;
                String unable = "Unable to find image '" + ref + "' locally\n";
                try {
                    engine.pull(image, run.platform(), null, line -> { }, cancellation);
                } catch (DockerEngine.Failure e) {
                    throw new DockerEngine.Failure(unable + "docker: " + e.getMessage() + help, e);
                }
                try {
                    return run.applyTo(engine.client().createContainerCmd(run.image())).withName(name).exec()
                            .getId();
                } catch (RuntimeException e) {
                    throw new DockerEngine.Failure(unable + "docker: " + engine.failure(e).getMessage() + help, e);
                }
            } catch (RuntimeException e) {
                throw new DockerEngine.Failure("docker: " + engine.failure(e).getMessage() + help, e);
            }
        }

        @Override
        public void cleanup(StepState state) {
            String id = state.get(CONTAINER_ID);
            if (id == null) {
                return;
            }
            DockerEngine engine = state.get(ENGINE);
            state.ui().say("Killing the container: " + id);
            try {
                // Removed by force, stopped or not (packer kills, then removes only what the kill stopped).
                engine.removeContainer(id);
                state.build().journal().removed(DockerSweeper.CONTAINER_KIND, engine.host(), id);
            } catch (DockerEngine.Failure e) {
                // the daemon did not answer: the container stays in the journal, for a sweep
            }
        }
    }

    /** Connects the docker communicator to the container. */
    record StepConnectDocker(ComponentConfig c) implements Step {

        @Override
        public String name() {
            return "StepConnect";
        }

        @Override
        public boolean run(StepState state) {
            DockerEngine engine = state.get(ENGINE);
            String id = state.get(CONTAINER_ID);
            String user;
            String ip;
            try {
                var inspected = engine.client().inspectContainerCmd(id).exec();
                user = inspected.getConfig() == null || inspected.getConfig().getUser() == null ? ""
                        : inspected.getConfig().getUser();
                ip = inspected.getNetworkSettings() == null || inspected.getNetworkSettings().getIpAddress() == null
                        ? "" : inspected.getNetworkSettings().getIpAddress();
            } catch (RuntimeException e) {
                return fail(state, "Error inspecting the container: " + engine.failure(e).getMessage());
            }
            state.ui().say("Using docker communicator to connect: " + ip);
            boolean fixOwner = !c.isSet("fix_upload_owner") || c.bool("fix_upload_owner");
            state.put(StepProvision.COMMUNICATOR, new DockerCommunicator(engine, id, c.string("exec_user"),
                    c.bool("pty"), fixOwner, user, state.get(TEMP_DIR)));
            return true;
        }
    }

    /** Commits the container to an image. */
    record StepCommit(ComponentConfig c) implements Step {

        @Override
        public String name() {
            return "StepCommit";
        }

        @Override
        public boolean run(StepState state) {
            DockerEngine engine = state.get(ENGINE);
            state.ui().say("Committing the container");
            try {
                String id = engine.commit(state.get(CONTAINER_ID), c.string("author"), c.stringList("changes"),
                        c.string("message"));
                state.put(IMAGE_ID, id);
                state.ui().message("Image ID: " + id);
                String sha;
                try {
                    sha = engine.imageId(id);
                } catch (DockerEngine.Failure e) {
                    sha = "ERR_IMAGE_SHA256_NOT_FOUND";
                }
                state.put(IMAGE_SHA256, sha);
                return true;
            } catch (DockerEngine.Failure e) {
                return fail(state, "Error committing container: exit status 1\nStderr: " + e.getMessage() + "\n");
            }
        }
    }

    /** Exports the container's file system to a tarball. */
    record StepExport(String path) implements Step {

        @Override
        public String name() {
            return "StepExport";
        }

        @Override
        public boolean run(StepState state) {
            DockerEngine engine = state.get(ENGINE);
            Path file = state.build().resolve(path);
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
            } catch (IOException e) {
                return state.fail("Error creating output directory: " + e.getMessage());
            }
            OutputStream out;
            try {
                out = Files.newOutputStream(file);
            } catch (IOException e) {
                return fail(state, "Error creating output file: " + e.getMessage());
            }
            state.ui().say("Exporting the container");
            try (out; InputStream in = engine.client().exportContainerCmd(state.get(CONTAINER_ID)).exec()) {
                in.transferTo(out);
                return true;
            } catch (IOException | RuntimeException e) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // nothing more to do
                }
                return fail(state, "Error exporting: exit status 1\nStderr: " + (e instanceof RuntimeException r
                        ? engine.failure(r).getMessage() : e.getMessage()) + "\n");
            }
        }
    }
}
