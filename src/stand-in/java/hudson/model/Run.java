package hudson.model;

import java.io.IOException;
import jenkins.model.ArtifactManager;

/** Mirrors jenkins-core {@code hudson.model.Run}: one build of a job; the plugin archives its artifacts there. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {

    public final synchronized ArtifactManager pickArtifactManager() throws IOException {
        throw new UnsupportedOperationException("Jenkins API stand-in");
    }
}
