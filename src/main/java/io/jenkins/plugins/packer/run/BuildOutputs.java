package io.jenkins.plugins.packer.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Files a build wrote besides its artifacts' own, that an embedder wants to know of: the manifests written by the
 * manifest post-processor (the Jenkins steps archive them and return their paths).
 */
public final class BuildOutputs {

    private final List<String> manifests = new CopyOnWriteArrayList<>();

    /** Records a manifest file, as the template names it (relative to the working directory or absolute). */
    public void manifest(String path) {
        if (!manifests.contains(path)) {
            manifests.add(path);
        }
    }

    public List<String> manifests() {
        return List.copyOf(manifests);
    }
}
