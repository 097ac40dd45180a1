package io.jenkins.plugins.packer.jenkins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes a test workspace's {@code WS@tmp} sibling, where builds keep their journals and detached builds' files. */
final class WorkspaceTmp {

    private WorkspaceTmp() {
    }

    static void delete(Path workspace) throws IOException {
        Path tmp = PackerBuilding.stateDir(workspace).getParent();
        if (!Files.exists(tmp)) {
            return;
        }
        try (Stream<Path> files = Files.walk(tmp)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
