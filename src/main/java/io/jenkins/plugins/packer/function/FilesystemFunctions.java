package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.value.GoStrings;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The filesystem functions {@code abspath basename dirname file filebase64 fileexists fileset pathexpand
 * templatefile}. Relative
 * paths resolve against the template's directory, which plays the part of Packer's working directory (so paths in
 * messages read as Packer prints them when run from there); with a workspace root set, as in Jenkins, no file outside
 * it is read, listed or even tested for existence. See
 * <a href="https://developer.hashicorp.com/packer/docs/templates/hcl_templates/functions/file/file">Packer's
 * filesystem functions</a>.
 */
public final class FilesystemFunctions {

    private final FunctionContext ctx;

    private FilesystemFunctions(FunctionContext ctx) {
        this.ctx = ctx;
    }

    public static void register(Map<String, Function> all, FunctionContext ctx) {
        FilesystemFunctions fs = new FilesystemFunctions(ctx);
        List<Parameter> path = List.of(ExtFunction.string("path"));
        ExtFunction.add(all, "abspath", Type.STRING, path, args -> Value.string(fs.abs(args.get(0).asString())));
        ExtFunction.add(all, "basename", Type.STRING, path,
                args -> Value.string(FilesystemPaths.base(args.get(0).asString())));
        ExtFunction.add(all, "dirname", Type.STRING, path,
                args -> Value.string(FilesystemPaths.dir(args.get(0).asString())));
        ExtFunction.add(all, "pathexpand", Type.STRING, path, args -> {
            try {
                return Value.string(fs.expandHome(args.get(0).asString()));
            } catch (HomeException e) {
                throw new FunctionException(e.getMessage());
            }
        });
        ExtFunction.add(all, "file", Type.STRING, path, args -> Value.string(fs.readText(args.get(0).asString())));
        ExtFunction.add(all, "filebase64", Type.STRING, path,
                args -> Value.string(Base64.getEncoder().encodeToString(fs.readForBase64(args.get(0).asString()))));
        ExtFunction.add(all, "fileexists", Type.BOOL, path, args -> Value.bool(fs.exists(args.get(0).asString())));
        all.put("templatefile", new FilesystemTemplateFile(fs::readText, all));
        ExtFunction.add(all, "fileset", Type.set(Type.STRING),
                List.of(ExtFunction.string("path"), ExtFunction.string("pattern")),
                args -> fs.fileset(args.get(0).asString(), args.get(1).asString()));
    }

    /** The file a Go-style path names: absolute as it is, relative under the template's directory. */
    Path resolve(String goPath) throws FunctionException {
        if (goPath.indexOf('\0') >= 0) {
            throw new FunctionException("invalid path " + GoStrings.quote(goPath) + ": it contains a NUL character");
        }
        Path p = FilesystemPaths.isAbs(goPath) ? Path.of(goPath) : ctx.baseDir().resolve(goPath);
        p = p.toAbsolutePath().normalize();
        Path root = ctx.workspaceRoot();
        if (root != null && !(inside(p, root) && inside(realPath(p), realPath(root)))) {
            // Deliberate difference from Packer: inside Jenkins, template functions only see the workspace.
            throw new FunctionException("refusing to access " + goPath + ": it is outside the workspace, and "
                    + "template functions may only read files inside the workspace when run by Jenkins");
        }
        return p;
    }

    private static boolean inside(Path p, Path root) {
        return p.startsWith(root.toAbsolutePath().normalize());
    }

    /** The path with its symbolic links resolved as far as it exists, so a link cannot lead out of the workspace. */
    private static Path realPath(Path p) {
        Path existing = p;
        Path rest = null;
        while (existing != null && !Files.exists(existing)) {
            rest = rest == null ? existing.getFileName() : existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            Path real = existing.toRealPath();
            return rest == null ? real : real.resolve(rest).normalize();
        } catch (IOException e) {
            return p;
        }
    }

    private String abs(String path) {
        return FilesystemPaths.isAbs(path) ? FilesystemPaths.clean(path)
                : FilesystemPaths.join(ctx.baseDir().toAbsolutePath().toString(), path);
    }

    /** Thrown when a {@code ~} cannot be expanded, with go-homedir's reason. */
    private static final class HomeException extends Exception {

        private static final long serialVersionUID = 1L;

        HomeException(String message) {
            super(message, null, false, false);
        }
    }

    /** go-homedir's Expand, with the home directory from the context's {@code HOME}. */
    private String expandHome(String path) throws HomeException {
        if (path.isEmpty() || path.charAt(0) != '~') {
            return path;
        }
        if (path.length() > 1 && path.charAt(1) != '/' && path.charAt(1) != '\\') {
            throw new HomeException("cannot expand user-specific home dir");
        }
        String home = ctx.env().get("HOME");
        if (home == null || home.isEmpty()) {
            // go-homedir would ask the system's user database; the engine only knows the environment it is given.
            throw new HomeException("cannot find the home directory: HOME is not set");
        }
        return FilesystemPaths.join(home, path.substring(1));
    }

    /** The path as go-cty-funcs' file functions see it: {@code ~} expanded, joined to the base, cleaned. */
    private String located(String path) throws FunctionException {
        String expanded;
        try {
            expanded = expandHome(path);
        } catch (HomeException e) {
            throw new FunctionException("failed to expand ~: " + e.getMessage());
        }
        return FilesystemPaths.clean(FilesystemPaths.isAbs(expanded) ? expanded
                : FilesystemPaths.join(".", expanded));
    }

    private String readText(String path) throws FunctionException {
        String located = located(path);
        byte[] bytes;
        try {
            bytes = io.jenkins.plugins.packer.component.LocalFiles.read(resolve(located), null);
        } catch (NoSuchFileException e) {
            throw new FunctionException("no file exists at " + located);
        } catch (io.jenkins.plugins.packer.component.LocalFiles.Refused e) {
            throw new FunctionException("failed to read " + located + ": " + e.getMessage());
        } catch (IOException e) {
            throw new FunctionException("failed to read " + located);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new FunctionException("contents of " + path + " are not valid UTF-8; use the filebase64 function "
                    + "to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) "
                    + "to obtain file hashing results instead");
        }
    }

    /** Packer's own filebase64 reads the path as given, with Go's error text for a failed read. */
    private byte[] readForBase64(String path) throws FunctionException {
        Path file = resolve(FilesystemPaths.isAbs(path) ? path : FilesystemPaths.join(".", path));
        try {
            if (Files.isDirectory(file)) {
                throw new FunctionException("failed to read file " + ExtFunction.goQuote(path) + ": read " + path
                        + ": is a directory");
            }
            return io.jenkins.plugins.packer.component.LocalFiles.read(file, null);
        } catch (io.jenkins.plugins.packer.component.LocalFiles.Refused e) {
            throw new FunctionException("failed to read file " + ExtFunction.goQuote(path) + ": " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new FunctionException("failed to read file " + ExtFunction.goQuote(path) + ": open " + path
                    + ": no such file or directory");
        } catch (AccessDeniedException e) {
            throw new FunctionException("failed to read file " + ExtFunction.goQuote(path) + ": open " + path
                    + ": permission denied");
        } catch (IOException e) {
            throw new FunctionException("failed to read file " + ExtFunction.goQuote(path) + ": " + e.getMessage());
        }
    }

    private boolean exists(String path) throws FunctionException {
        String located = located(path);
        Path file = resolve(located);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new FunctionException("failed to stat " + located);
        }
        if (attrs.isRegularFile()) {
            return true;
        }
        throw new FunctionException(located + " is not a regular file, but " + ExtFunction.goQuote(goMode(file,
                attrs)));
    }

    private Value fileset(String path, String pattern) throws FunctionException {
        String root = FilesystemPaths.isAbs(path) ? path : FilesystemPaths.join(".", path);
        String full = FilesystemPaths.join(root, pattern);
        List<String> matches;
        try {
            matches = new FilesystemGlob(this::resolve).glob(full);
        } catch (FilesystemGlob.BadPatternException e) {
            throw new FunctionException("failed to glob pattern (" + full + "): " + e.getMessage());
        }
        List<Value> out = new ArrayList<>();
        for (String match : matches) {
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(resolve(match), BasicFileAttributes.class);
            } catch (IOException e) {
                throw new FunctionException("failed to stat (" + match + "): stat " + match + ": "
                        + (e instanceof AccessDeniedException ? "permission denied" : "no such file or directory"));
            }
            if (!attrs.isRegularFile()) {
                continue;
            }
            String rel = FilesystemPaths.rel(root, match);
            if (rel == null) {
                throw new FunctionException("failed to trim path of match (" + match + "): Rel: can't make " + match
                        + " relative to " + root);
            }
            out.add(Value.string(rel));
        }
        return out.isEmpty() ? Value.emptySet(Type.STRING) : Value.set(out);
    }

    /** Go's FileMode.String of a followed file: type letters ({@code d}, {@code D}, {@code p}...) then rwx bits. */
    static String goMode(Path file, BasicFileAttributes attrs) {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(file, "unix:mode");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            mode = fallbackMode(file, attrs);
        }
        StringBuilder b = new StringBuilder();
        int type = mode & 0170000;
        if (type == 0040000) {
            b.append('d');
        }
        if (type == 0060000 || type == 0020000) {
            b.append('D');
        }
        if (type == 0010000) {
            b.append('p');
        }
        if (type == 0140000) {
            b.append('S');
        }
        if ((mode & 04000) != 0) {
            b.append('u');
        }
        if ((mode & 02000) != 0) {
            b.append('g');
        }
        if (type == 0020000) {
            b.append('c');
        }
        if ((mode & 01000) != 0) {
            b.append('t');
        }
        if (b.length() == 0) {
            b.append('-');
        }
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            b.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        return b.toString();
    }

    private static int fallbackMode(Path file, BasicFileAttributes attrs) {
        int mode = attrs.isDirectory() ? 0040000 : attrs.isOther() ? 0010000 : 0;
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            for (PosixFilePermission p : perms) {
                mode |= 1 << (8 - p.ordinal());
            }
        } catch (IOException | UnsupportedOperationException e) {
            mode |= 0644;
        }
        return mode;
    }
}
