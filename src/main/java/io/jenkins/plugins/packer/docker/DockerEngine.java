package io.jenkins.plugins.packer.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.jenkins.plugins.packer.run.Cancellation;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A connection to a Docker daemon's Engine API, as the {@code docker} command line finds it: {@code DOCKER_HOST}
 * (the local Unix socket by default), with TLS when {@code DOCKER_TLS_VERIFY} is set, from the keys in
 * {@code DOCKER_CERT_PATH} ({@code ~/.docker} by default). The environment is the build's, never the JVM's.
 */
public final class DockerEngine implements Closeable {

    /** What the daemon or the connection to it reported, as the docker command line would print it. */
    public static final class Failure extends IOException {
        private static final long serialVersionUID = 1L;

        public Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerClientConfig config;
    private final DockerHttpClient http;
    private final DockerClient client;

    private DockerEngine(DockerClientConfig config, DockerHttpClient http) {
        this.config = config;
        this.http = http;
        this.client = DockerClientImpl.getInstance(config, http);
    }

    /** Connects (lazily: the first call reaches the daemon) to the daemon {@code env} names. */
    public static DockerEngine connect(Map<String, String> env) {
        DefaultDockerClientConfig.Builder b = new DefaultDockerClientConfig.Builder();
        String host = env.getOrDefault("DOCKER_HOST", "");
        b.withDockerHost(host.isEmpty() ? "unix:///var/run/docker.sock" : host);
        String verify = env.getOrDefault("DOCKER_TLS_VERIFY", "");
        boolean tls = !verify.isEmpty() && !verify.equals("0") && !verify.equalsIgnoreCase("false");
        b.withDockerTlsVerify(tls);
        if (tls) {
            String certs = env.getOrDefault("DOCKER_CERT_PATH", "");
            b.withDockerCertPath(certs.isEmpty() ? env.getOrDefault("HOME", "") + "/.docker" : certs);
        }
        String api = env.getOrDefault("DOCKER_API_VERSION", "");
        if (!api.isEmpty()) {
            b.withApiVersion(api);
        }
        String configDir = env.getOrDefault("DOCKER_CONFIG", "");
        b.withDockerConfig(configDir.isEmpty() ? env.getOrDefault("HOME", "") + "/.docker" : configDir);
        DockerClientConfig config = b.build();
        DockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(16)
                .connectionTimeout(Duration.ofSeconds(30))
                .build();
        return new DockerEngine(config, http);
    }

    public DockerClient client() {
        return client;
    }

    /** The daemon's address, for messages. */
    public String host() {
        return config.getDockerHost().toString();
    }

    /** The image's id ({@code sha256:…}). */
    public String imageId(String image) throws Failure {
        try {
            return client.inspectImageCmd(image).exec().getId();
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    /**
     * Pulls {@code image} (the tag {@code latest} when it names none), for {@code platform} when not empty; each
     * status line the daemon reports goes to {@code progress}.
     */
    public void pull(String image, String platform, AuthConfig auth, java.util.function.Consumer<String> progress,
                     Cancellation cancellation) throws Failure, Cancellation.CancelledException {
        var cmd = client.pullImageCmd(image);
        if (!image.contains("@") && tagOf(image).isEmpty()) {
            cmd = cmd.withTag("latest");
        }
        if (platform != null && !platform.isEmpty()) {
            cmd = cmd.withPlatform(platform);
        }
        if (auth != null) {
            cmd = cmd.withAuthConfig(auth);
        }
        var callback = new com.github.dockerjava.api.command.PullImageResultCallback() {
            @Override
            public void onNext(com.github.dockerjava.api.model.PullResponseItem item) {
                if (item.getStatus() != null && item.getId() == null) {
                    progress.accept(item.getStatus());
                }
                super.onNext(item);
            }
        };
        await(cmd.exec(callback), cancellation);
    }

    /** The tag of an image reference ({@code name:tag}), or "" when it has none (docker-java's parsing). */
    public static String tagOf(String image) {
        return com.github.dockerjava.core.NameParser.parseRepositoryTag(image).tag;
    }

    /** The repository of an image reference: the reference without its tag. */
    public static String repositoryOf(String image) {
        return com.github.dockerjava.core.NameParser.parseRepositoryTag(image).repos;
    }

    /**
     * Removes a container, running or not ({@code docker rm -f}); true when it is gone, already gone included.
     * The build's cleanup and the sweep both end a container this way.
     */
    public boolean removeContainer(String id) throws Failure {
        try {
            client.removeContainerCmd(id).withForce(true).withRemoveVolumes(false).exec();
            return true;
        } catch (NotFoundException gone) {
            return false;
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    /**
     * Runs {@code cmd} in the container as {@code docker exec} does (its standard output and error to {@code out} and
     * {@code err}, separately unless {@code tty}) and returns its exit status. A cancellation stops waiting for it.
     */
    public int exec(String container, List<String> cmd, String user, boolean tty, OutputStream out,
                    OutputStream err, Cancellation cancellation) throws Failure, Cancellation.CancelledException {
        return exec(container, cmd, user, tty, null, out, err, cancellation);
    }

    /** {@link #exec} with the command's standard input read from {@code in} (none when null). */
    public int exec(String container, List<String> cmd, String user, boolean tty, InputStream in, OutputStream out,
                    OutputStream err, Cancellation cancellation) throws Failure, Cancellation.CancelledException {
        String execId;
        try {
            var create = client.execCreateCmd(container).withCmd(cmd.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).withAttachStdin(in != null).withTty(tty);
            if (user != null && !user.isEmpty()) {
                create = create.withUser(user);
            }
            execId = create.exec().getId();
        } catch (RuntimeException e) {
            throw failure(e);
        }
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                try {
                    (frame.getStreamType() == StreamType.STDERR ? err : out).write(frame.getPayload());
                } catch (IOException e) {
                    onError(e);
                }
            }
        };
        try {
            var start = client.execStartCmd(execId).withTty(tty);
            if (in != null) {
                start = start.withStdIn(in);
            }
            await(start.exec(callback), cancellation);
            Long code = client.inspectExecCmd(execId).exec().getExitCodeLong();
            return code == null ? -1 : code.intValue();
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    /**
     * Commits the container to a new image as {@code docker commit} does, applying the Dockerfile instructions in
     * {@code changes}; returns the image's id. (docker-java's commit takes a whole configuration, not changes, so this
     * call goes through its transport.)
     */
    public String commit(String container, String author, List<String> changes, String message) throws Failure {
        StringBuilder q = new StringBuilder("/commit?container=").append(enc(container));
        if (author != null && !author.isEmpty()) {
            q.append("&author=").append(enc(author));
        }
        if (message != null && !message.isEmpty()) {
            q.append("&comment=").append(enc(message));
        }
        for (String c : changes) {
            q.append("&changes=").append(enc(c));
        }
        List<JsonNode> reply = postStream(q.toString(), null, null);
        return reply.isEmpty() ? "" : reply.get(reply.size() - 1).path("Id").asText();
    }

    /**
     * Imports a root file system tarball as a new image ({@code docker import}): tagged {@code repository:tag} when a
     * repository is given, with the Dockerfile instructions in {@code changes}. Returns the image's id.
     */
    public String importImage(InputStream tarball, String repository, String tag, List<String> changes,
                              String platform) throws Failure {
        StringBuilder q = new StringBuilder("/images/create?fromSrc=-");
        if (repository != null && !repository.isEmpty()) {
            q.append("&repo=").append(enc(repository));
            if (tag != null && !tag.isEmpty()) {
                q.append("&tag=").append(enc(tag));
            }
        }
        if (platform != null && !platform.isEmpty()) {
            q.append("&platform=").append(enc(platform));
        }
        for (String c : changes) {
            q.append("&changes=").append(enc(c));
        }
        String id = "";
        // The daemon streams JSON messages; the last one names the image ({"status":"sha256:…"}) or the error.
        for (JsonNode m : postStream(q.toString(), tarball, "application/x-tar")) {
            if (m.hasNonNull("error")) {
                throw new Failure(m.path("error").asText(), null);
            }
            if (m.path("status").asText().startsWith("sha256:")) {
                id = m.path("status").asText();
            }
        }
        return id;
    }

    /** Checks a registry login ({@code docker login}): the daemon asks the registry with these credentials. */
    public void login(String server, String username, String password) throws Failure {
        var body = JSON.createObjectNode().put("username", username).put("password", password)
                .put("serveraddress", server);
        postJson("/auth", body.toString());
    }

    private void postJson(String pathAndQuery, String json) throws Failure {
        postStream(pathAndQuery, new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "application/json");
    }

    /** POSTs {@code body} (none when null) and reads the JSON messages of the reply; an error status fails. */
    private List<JsonNode> postStream(String pathAndQuery, InputStream body, String contentType) throws Failure {
        DockerHttpClient.Request.Builder req = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path(pathAndQuery);
        if (body != null) {
            req.putHeader("Content-Type", contentType).body(body);
        } else {
            req.putHeader("Content-Type", "application/json");
        }
        try (DockerHttpClient.Response res = http.execute(req.build())) {
            byte[] bytes = res.getBody().readAllBytes();
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (res.getStatusCode() >= 400) {
                throw new Failure(fromDaemon(text), null);
            }
            List<JsonNode> out = new java.util.ArrayList<>();
            var parser = JSON.getFactory().createParser(bytes);
            var it = JSON.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                out.add(it.next());
            }
            return out;
        } catch (Failure e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw failure(e);
        }
    }

    /** The docker command line's words for an error body of the daemon: its JSON {@code message}, or the text. */
    private static String fromDaemon(String body) {
        String message = body;
        try {
            message = JSON.readTree(body).path("message").asText(body);
        } catch (IOException notJson) {
            // the body as it is
        }
        return "Error response from daemon: " + message.strip();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Waits for an asynchronous call the caller started with {@code exec(callback)}; a cancellation closes it. */
    public void awaitDone(ResultCallback<?> callback, Cancellation cancellation) throws Failure,
            Cancellation.CancelledException {
        await(callback, cancellation);
    }

    /** Waits for an asynchronous call; a cancellation closes it. */
    <C extends ResultCallback<?>> void await(C callback, Cancellation cancellation) throws Failure,
            Cancellation.CancelledException {
        try (Cancellation.Registration r = cancellation.onCancel(() -> closeQuietly(callback))) {
            awaitCompletion(callback);
        }
        cancellation.check();
    }

    private void awaitCompletion(ResultCallback<?> callback) throws Failure {
        try {
            if (callback instanceof ResultCallback.Adapter<?> a) {
                while (!a.awaitCompletion(1, TimeUnit.SECONDS)) {
                    // the cancellation closes the callback, which ends this wait
                }
                a.close();
                return;
            }
            throw new IllegalStateException("not an adapter: " + callback.getClass());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(callback);
            throw new Failure("interrupted", e);
        } catch (IOException e) {
            throw failure(e);
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** A failure of the daemon or the connection, with the message the docker command line prints for it. */
    public Failure failure(Throwable e) {
        if (e instanceof Failure f) {
            return f;
        }
        if (e instanceof DockerException d) {
            // docker-java's message is "Status N: " and the daemon's JSON body.
            String body = d.getMessage();
            int json = body.indexOf('{');
            return new Failure(fromDaemon(json >= 0 ? body.substring(json) : body), e);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = String.valueOf(root.getMessage());
        if (root instanceof java.net.ConnectException || root instanceof java.nio.file.NoSuchFileException
                || root instanceof java.net.UnknownHostException || why.contains("No such file or directory")
                || why.contains("Connection refused")) {
            return new Failure("Cannot connect to the Docker daemon at " + host() + ". Is the docker daemon running?",
                    e);
        }
        return new Failure("error during connect to " + host() + ": "
                + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()), e);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
