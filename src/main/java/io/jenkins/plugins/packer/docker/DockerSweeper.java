package io.jenkins.plugins.packer.docker;

import io.jenkins.plugins.packer.run.journal.RunJournals.Leftover;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Removes the containers of docker builds killed before their cleanup ({@code pkrj sweep}, the plugin's sweeps):
 * each journaled container, from the daemon the build used (the journal's region is its {@code DOCKER_HOST}; TLS
 * comes from the sweep's environment).
 */
public final class DockerSweeper implements AutoCloseable {

    /** The journal's kind of a build's container. */
    public static final String CONTAINER_KIND = "docker.container";

    private final Map<String, String> env;
    private final Map<String, DockerEngine> engines = new HashMap<>();

    public DockerSweeper(Map<String, String> env) {
        this.env = env;
    }

    public static boolean handles(String kind) {
        return CONTAINER_KIND.equals(kind);
    }

    /** Kills and removes the container; null when it is gone (or was already), else why it could not be. */
    public String remove(Leftover l, Consumer<String> say) {
        DockerEngine engine = engines.computeIfAbsent(l.region(), host -> {
            Map<String, String> e = new HashMap<>(env);
            e.put("DOCKER_HOST", host);
            return DockerEngine.connect(e);
        });
        try {
            if (!engine.removeContainer(l.id())) {
                say.accept("already gone");
            }
            return null;
        } catch (DockerEngine.Failure e) {
            return e.getMessage();
        }
    }

    @Override
    public void close() {
        for (DockerEngine e : engines.values()) {
            try {
                e.close();
            } catch (IOException ignored) {
                // closing a connection that failed
            }
        }
    }
}
