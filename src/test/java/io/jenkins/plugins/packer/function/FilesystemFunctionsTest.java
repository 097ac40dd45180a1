package io.jenkins.plugins.packer.function;

import static io.jenkins.plugins.packer.function.ExtOracle.actual;
import static io.jenkins.plugins.packer.function.ExtOracle.assertCase;
import static io.jenkins.plugins.packer.function.ExtOracle.str;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.value.Mark;
import io.jenkins.plugins.packer.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemFunctionsTest {

    @TempDir
    Path tmp;

    private Map<String, Function> in(Path baseDir, Path workspace) {
        return ExtOracle.functions(new FunctionContext(baseDir, workspace, Map.of("HOME", "/home/tester"),
                ExtOracle.CONTEXT.clock()));
    }

    @Test
    void abspathOracleCases() {
        assertCase("fn-abspath-01", "abspath", str("/a/b/../c"));
        assertCase("fn-abspath-02", "abspath", str("/"));
        assertCase("fn-abspath-03", "abspath", str("/x/./y//z/"));
        assertCase("fn-abspath-05", "abspath", Value.EMPTY_TUPLE);
    }

    @Test
    void abspathOfARelativePathIsUnderTheTemplateDirectory() {
        assertThat(actual("abspath", str("files/../files/hello.txt")))
                .isEqualTo(ExtOracle.EXPRESSIONS.resolve("files/hello.txt") + "\n");
        assertThat(actual("basename", str(actual("abspath", str("files/hello.txt")).strip())))
                .isEqualTo(ExtOracle.expected("fn-abspath-04"));
    }

    @Test
    void basenameAndDirnameOracleCases() {
        assertCase("fn-basename-01", "basename", str("/a/b/c.txt"));
        assertCase("fn-basename-02", "basename", str("c"));
        assertCase("fn-basename-03", "basename", str("/a/b/"));
        assertCase("fn-basename-04", "basename", str(""));
        assertCase("fn-basename-05", "basename", str("/"));
        assertCase("fn-basename-06", "basename", Value.EMPTY_OBJECT);
        assertCase("fn-dirname-01", "dirname", str("/a/b/c"));
        assertCase("fn-dirname-02", "dirname", str("c"));
        assertCase("fn-dirname-03", "dirname", str("/"));
        assertCase("fn-dirname-04", "dirname", str("a/b/"));
        assertCase("fn-dirname-05", "dirname", str(""));
        assertCase("fn-dirname-06", "dirname", Value.DYNAMIC_NULL);
    }

    @Test
    void pathexpandOracleCases() {
        assertCase("fn-pathexpand-01", "pathexpand", str("/etc/hosts"));
        assertCase("fn-pathexpand-02", "pathexpand", str("rel/path"));
        assertThat(actual("pathexpand", str("~"))).as("fn-pathexpand-03").isEqualTo(actual("pathexpand", str("~/")))
                .isEqualTo("/home/tester\n");
        assertCase("fn-pathexpand-04", "pathexpand", Value.EMPTY_TUPLE);
        assertCase("fn-pathexpand-05", "pathexpand", str("a~b"));
    }

    @Test
    void pathexpandUsesTheContextsHome() {
        assertThat(actual("pathexpand", str("~/.ssh/id"))).isEqualTo("/home/tester/.ssh/id\n");
        assertThat(actual("pathexpand", str("~bob/x")))
                .endsWith("failed: cannot expand user-specific home dir.");
        assertThat(ExtOracle.actual(in(tmp, null), "pathexpand", str("~")))
                .isEqualTo("/home/tester\n");
        Map<String, Function> noHome = ExtOracle.functions(new FunctionContext(tmp, null, Map.of(),
                ExtOracle.CONTEXT.clock()));
        assertThat(ExtOracle.actual(noHome, "pathexpand", str("~/x")))
                .endsWith("failed: cannot find the home directory: HOME is not set.");
    }

    @Test
    void fileOracleCases() {
        assertCase("fn-file-01", "file", str("files/hello.txt"));
        assertCase("fn-file-02", "file", str("files/two-lines.txt"));
        assertCase("fn-file-03", "file", str("files/unicode.txt"));
        assertCase("fn-file-04", "file", str("files/empty.txt"));
        assertCase("fn-file-05", "file", str("files/missing.txt"));
        assertCase("fn-file-06", "file", str("files/latin1.bin"));
        assertCase("fn-file-07", "file", str("files"));
    }

    @Test
    void fileNamesTheCleanedPathItLookedAt() {
        assertThat(actual("file", str("./files//nope/../missing.txt")))
                .endsWith("failed: no file exists at files/missing.txt.");
        assertThat(actual("file", str("~/missing"))).endsWith("failed: no file exists at /home/tester/missing.");
    }

    @Test
    void fileexistsOracleCases() throws IOException {
        assertCase("fn-fileexists-01", "fileexists", str("files/hello.txt"));
        assertCase("fn-fileexists-02", "fileexists", str("files/nope"));
        assertCase("fn-fileexists-04", "fileexists", Value.EMPTY_TUPLE);
        // The corpus copy may be read-only; the oracle's directory had mode 0755.
        Files.createDirectory(tmp.resolve("files"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        assertThat(ExtOracle.actual(in(tmp, null), "fileexists", str("files")))
                .isEqualTo(ExtOracle.expected("fn-fileexists-03"));
    }

    @Test
    void filesetOracleCases() {
        assertCase("fn-fileset-01", "fileset", str("files"), str("*.txt"));
        assertCase("fn-fileset-02", "fileset", str("files"), str("**"));
        assertCase("fn-fileset-03", "fileset", str("files"), str("dir/*"));
        assertCase("fn-fileset-04", "fileset", str("files"), str("["));
        assertCase("fn-fileset-05", "fileset", str("nope"), str("*"));
        assertCase("fn-fileset-06", "fileset", str("files"), str("dir/**/*.txt"));
    }

    /** Each expectation is what packer 1.6.6 printed for the same tree. */
    @Test
    void filesetGlobsAsDoublestarDoes() throws IOException {
        Files.createDirectories(tmp.resolve("g/a/b"));
        Files.createDirectories(tmp.resolve("g/c"));
        for (String f : List.of("g/a/x.txt", "g/a/b/y.txt", "g/c/z.md", "g/top.txt")) {
            Files.writeString(tmp.resolve(f), "");
        }
        Map<String, Function> fns = in(tmp, null);
        assertThat(ExtOracle.actual(fns, "fileset", str("g"), str("**/*.txt")))
                .isEqualTo("[\n  \"a/b/y.txt\",\n  \"a/x.txt\",\n  \"top.txt\",\n]\n");
        assertThat(ExtOracle.actual(fns, "fileset", str("g"), str("{a,c}/*")))
                .isEqualTo("[\n  \"a/x.txt\",\n  \"c/z.md\",\n]\n");
        assertThat(ExtOracle.actual(fns, "fileset", str("g"), str("a/**")))
                .isEqualTo("[\n  \"a/b/y.txt\",\n  \"a/x.txt\",\n]\n");
        assertThat(ExtOracle.actual(fns, "fileset", str("g"), str("*/"))).isEqualTo("[\n  \"top.txt\",\n]\n");
        assertThat(ExtOracle.actual(fns, "fileset", str("g"), str("a"))).isEqualTo("[]\n");
        assertThat(ExtOracle.actual(fns, "fileset", str("g"), str("**/b/*"))).isEqualTo("[\n  \"a/b/y.txt\",\n]\n");
        assertThat(ExtOracle.actual(fns, "fileset", str("g"), str("a/[")))
                .endsWith("failed: failed to glob pattern (g/a/[): syntax error in pattern.");
        assertThat(ExtOracle.actual(fns, "fileset", str("g"), str("x["))).isEqualTo("[]\n");
        assertThat(ExtOracle.actual(fns, "fileset", str("g"), str("../g/a/*.txt")))
                .isEqualTo("[\n  \"a/x.txt\",\n]\n");
        assertThat(ExtOracle.actual(fns, "fileset", str(tmp.resolve("g").toString()), str("*")))
                .isEqualTo("[\n  \"top.txt\",\n]\n");
        assertThat(ExtOracle.actual(fns, "fileset", str("g"), str("?/[xz].*")))
                .isEqualTo("[\n  \"a/x.txt\",\n  \"c/z.md\",\n]\n");
        assertThat(ExtOracle.actual(fns, "fileset", str("g"), str("*/[^x].*"))).isEqualTo("[\n  \"c/z.md\",\n]\n");
    }

    @Test
    void filebase64EncodesAnyBytes() throws IOException {
        assertThat(actual("filebase64", str("files/latin1.bin"))).isEqualTo(Base64.getEncoder().encodeToString(
                Files.readAllBytes(ExtOracle.EXPRESSIONS.resolve("files/latin1.bin"))) + "\n");
        assertThat(actual("filebase64", str("files/empty.txt"))).isEqualTo("\n");
        assertThat(actual("filebase64", str("files/nope")))
                .endsWith("failed: failed to read file \"files/nope\": open files/nope: no such file or directory.");
        assertThat(actual("filebase64", str("files")))
                .endsWith("failed: failed to read file \"files\": read files: is a directory.");
    }

    @Test
    void theContentOfASensitivePathIsSensitive() throws FunctionException {
        Value v = ExtOracle.functions().get("file").call(List.of(str("files/hello.txt").mark(Mark.SENSITIVE)));
        assertThat(v.hasMark(Mark.SENSITIVE)).isTrue();
    }

    @Test
    void insideAWorkspaceNoFileOutsideItIsTouched() throws IOException {
        Path workspace = Files.createDirectories(tmp.resolve("ws"));
        Files.writeString(workspace.resolve("in.txt"), "inside", StandardCharsets.UTF_8);
        Files.writeString(tmp.resolve("secret.txt"), "outside", StandardCharsets.UTF_8);
        Files.createSymbolicLink(workspace.resolve("link.txt"), tmp.resolve("secret.txt"));
        Map<String, Function> fns = in(workspace, workspace);
        assertThat(ExtOracle.actual(fns, "file", str("in.txt"))).isEqualTo("inside\n");
        String refused = "it is outside the workspace, and template functions may only read files inside the "
                + "workspace when run by Jenkins.";
        assertThat(ExtOracle.actual(fns, "file", str("../secret.txt")))
                .isEqualTo("Error: Error in function call\nCall to function \"file\" failed: refusing to access "
                        + "../secret.txt: " + refused);
        assertThat(ExtOracle.actual(fns, "file", str(tmp.resolve("secret.txt").toString()))).endsWith(refused);
        assertThat(ExtOracle.actual(fns, "file", str("link.txt"))).endsWith(refused);
        assertThat(ExtOracle.actual(fns, "filebase64", str("../secret.txt"))).endsWith(refused);
        assertThat(ExtOracle.actual(fns, "fileexists", str("../nothing-there"))).endsWith(refused);
        assertThat(ExtOracle.actual(fns, "fileset", str(".."), str("*.txt"))).endsWith(refused);
        assertThat(ExtOracle.actual(fns, "fileset", str("."), str("*.txt"))).endsWith(refused);
        assertThat(ExtOracle.actual(fns, "fileset", str("."), str("in.*"))).isEqualTo("[\n  \"in.txt\",\n]\n");
        // Functions that only work on the text of a path are not confined.
        assertThat(ExtOracle.actual(fns, "abspath", str("../x"))).isEqualTo(tmp.resolve("x") + "\n");
    }
}
