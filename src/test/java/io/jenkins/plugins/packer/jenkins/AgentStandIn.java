package io.jenkins.plugins.packer.jenkins;

import io.jenkins.plugins.packer.run.journal.RunLock;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stands in for an agent's JVM in {@link PackerBuildDurabilityTest}: runs one detached build, read from a serialized
 * request, as {@link BuildCallable} starts it on an agent; the test kills this process mid-build.
 */
public final class AgentStandIn {

    private AgentStandIn() {
    }

    public static void main(String[] args) throws Exception {
        Path workspace = Path.of(args[0]);
        BuildRequest request;
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Path.of(args[1])))) {
            request = (BuildRequest) in.readObject();
        }
        RunLock lock = RunLock.take(DetachedBuild.controlDir(workspace, request.id()).resolve(DetachedBuild.LOCK));
        DetachedBuild.run(workspace, request, lock);
    }
}
