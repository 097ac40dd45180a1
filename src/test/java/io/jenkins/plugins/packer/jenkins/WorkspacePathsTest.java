package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Paths given to a step stay inside the workspace, by their text and by where their links lead. */
class WorkspacePathsTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"t.pkr.hcl", ".", "./packer", "packer/aws/", "a/../b.pkr.hcl", "packer\\windows.pkr.hcl",
        "..hidden/t.pkr.hcl"})
    void relativePathsInsideTheWorkspaceAreAccepted(String path) {
        assertThat(WorkspacePaths.problem("template", path)).isNull();
    }

    @Test
    void aMissingPathIsNamed() {
        assertThat(WorkspacePaths.problem("template", null)).isEqualTo("template is required");
        assertThat(WorkspacePaths.problem("template", "  ")).isEqualTo("template is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "\\\\server\\share\\t.json", "C:\\packer\\t.pkr.hcl", "c:t.pkr.hcl"})
    void absolutePathsAreRefused(String path) {
        assertThat(WorkspacePaths.problem("template", path))
                .isEqualTo("template must be relative to the workspace, but is the absolute path " + path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../t.pkr.hcl", "a/../../t.pkr.hcl", "./../x"})
    void pathsThatClimbOutOfTheWorkspaceAreRefusedOnTheAgent(String path) throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));

        assertThat(WorkspacePaths.problem("path", path)).as("the text alone cannot tell, inside dir()").isNull();
        assertThatThrownBy(() -> WorkspacePaths.confine(ws, ws, "path", path))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("path must stay inside the workspace, but " + path + " leads to ");
    }

    @Test
    void insideDirTheWorkspaceIsTheNodesAndUpIsAllowedWithinIt() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path packer = Files.createDirectories(ws.resolve("packer"));
        Files.writeString(ws.resolve("common.pkrvars.hcl"), "");
        Path root = WorkspacePaths.root(packer, java.util.Map.of("WORKSPACE", ws.toString()));

        assertThat(root).isEqualTo(ws.toRealPath());
        assertThatNoException().isThrownBy(() -> WorkspacePaths.confine(root, packer, "each of varFiles",
                "../common.pkrvars.hcl"));
        assertThatThrownBy(() -> WorkspacePaths.confine(root, packer, "each of varFiles", "../../x.pkrvars.hcl"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(WorkspacePaths.root(packer, java.util.Map.of())).as("no WORKSPACE: the folder itself")
                .isEqualTo(packer.toRealPath());
        assertThat(WorkspacePaths.root(ws, java.util.Map.of("WORKSPACE", packer.toString())))
                .as("a WORKSPACE the folder is not in").isEqualTo(ws.toRealPath());
    }

    @Test
    void aLinkOutOfTheWorkspaceIsRefusedOnTheAgent() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(ws.resolve("link"), outside);
        assertThatThrownBy(() -> WorkspacePaths.confine(ws, ws, "template", "link/t.pkr.hcl"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("template must stay inside the workspace, but link/t.pkr.hcl leads to "
                        + outside.toRealPath().resolve("t.pkr.hcl"));
    }

    @Test
    void linksWithinTheWorkspaceAndPathsNotYetCreatedAreAccepted() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Files.createDirectories(ws.resolve("real"));
        Files.createSymbolicLink(ws.resolve("link"), ws.resolve("real"));
        assertThatNoException().isThrownBy(() -> WorkspacePaths.confine(ws, ws, "template", "link/t.pkr.hcl"));
        assertThatNoException().isThrownBy(() -> WorkspacePaths.confine(ws, ws, "template", "new/dir/t.pkr.hcl"));
    }

    @Test
    void aWorkspaceReachedThroughALinkIsItsRealDirectory() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real-ws"));
        Path ws = Files.createSymbolicLink(tmp.resolve("ws"), real);
        Files.writeString(real.resolve("t.pkr.hcl"), "");
        assertThatNoException().isThrownBy(() -> WorkspacePaths.confine(ws, ws, "template", "t.pkr.hcl"));
    }
}
