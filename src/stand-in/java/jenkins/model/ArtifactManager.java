package jenkins.model;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.BuildListener;
import java.io.IOException;
import java.util.Map;

/** Mirrors jenkins-core {@code jenkins.model.ArtifactManager}: where a build's archived artifacts are kept. */
public abstract class ArtifactManager {

    /** Archives {@code artifacts}: path in the archive to path relative to {@code workspace}. */
    public abstract void archive(FilePath workspace, Launcher launcher, BuildListener listener,
                                 Map<String, String> artifacts) throws IOException, InterruptedException;
}
