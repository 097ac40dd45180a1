package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.value.EvaluationCancelled;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The globbing of github.com/bmatcuk/doublestar v1.3 that Packer's {@code fileset} uses: {@code *}, {@code ?},
 * classes, {@code {a,b}} alternatives and {@code **} across directories, with symbolic links followed. Paths are
 * Go-style text resolved to files by the caller, which also refuses any directory outside the workspace.
 */
final class FilesystemGlob {

    /** Turns Go-style path text into a file, refusing what the engine may not touch. */
    @FunctionalInterface
    interface Resolver {
        Path resolve(String goPath) throws FunctionException;
    }

    /** Go's path.ErrBadPattern. */
    static final class BadPatternException extends Exception {

        private static final long serialVersionUID = 1L;

        BadPatternException() {
            super("syntax error in pattern", null, false, false);
        }
    }

    private final Resolver resolver;

    FilesystemGlob(Resolver resolver) {
        this.resolver = resolver;
    }

    /** Every path matching the pattern, directories included, in doublestar's order. */
    List<String> glob(String pattern) throws BadPatternException, FunctionException {
        List<String> matches = new ArrayList<>();
        if (pattern.isEmpty()) {
            return matches;
        }
        if (pattern.charAt(0) == '{') {
            Alternatives alt = splitAlternatives(pattern, 1);
            if (alt == null) {
                throw new BadPatternException();
            }
            for (String o : alt.options()) {
                matches.addAll(glob(o + pattern.substring(alt.end())));
            }
            return matches;
        }
        boolean bad = FilesystemPaths.isAbs(pattern) ? doGlob("/", pattern.substring(1), matches)
                : doGlob(".", pattern, matches);
        if (bad) {
            throw new BadPatternException();
        }
        return matches;
    }

    /** doublestar's doGlob; returns whether the last step met a malformed pattern, as its error variable does. */
    private boolean doGlob(String basedirIn, String patternIn, List<String> m) throws FunctionException {
        String basedir = basedirIn;
        String pattern = patternIn;
        boolean bad = false;
        int globIdx = indexAnyWithEscaping(pattern, "*?[{\\");
        if (globIdx > 0) {
            globIdx = lastIndexWithEscaping(pattern.substring(0, globIdx), '/');
        } else if (globIdx == -1) {
            globIdx = lastIndexWithEscaping(pattern, '/');
        }
        if (globIdx > 0) {
            basedir = FilesystemPaths.join(basedir, pattern.substring(0, globIdx));
            pattern = pattern.substring(globIdx + 1);
        }
        if (basedir.indexOf('\0') >= 0) {
            // The operating system refuses such a path, as Go's Lstat does: nothing there matches.
            return false;
        }
        Path dir = resolver.resolve(basedir);
        BasicFileAttributes attrs = attributes(dir, false);
        if (attrs == null) {
            return false;
        }
        if (pattern.isEmpty()) {
            m.add(basedir);
            return false;
        }
        if (attrs.isSymbolicLink()) {
            attrs = attributes(dir, true);
        }
        if (attrs == null || !attrs.isDirectory()) {
            return false;
        }
        List<String> files = list(dir);
        int slashIdx = indexWithEscaping(pattern, '/');
        boolean lastComponent = slashIdx == -1;
        if (lastComponent) {
            slashIdx = pattern.length();
        }
        if (pattern.substring(0, slashIdx).equals("**")) {
            for (String name : files) {
                String child = FilesystemPaths.join(basedir, name);
                BasicFileAttributes a = attributes(resolver.resolve(child), true);
                if (a == null) {
                    continue;
                }
                if (a.isDirectory()) {
                    if (lastComponent) {
                        m.add(child);
                    }
                    bad = doGlob(child, pattern, m);
                } else if (lastComponent) {
                    m.add(child);
                }
            }
            if (lastComponent) {
                return bad;
            }
            pattern = pattern.substring(slashIdx + 1);
        }
        for (String name : files) {
            List<String> match;
            try {
                match = matchComponent(pattern, name);
                bad = false;
            } catch (BadPatternException e) {
                return true;
            }
            if (match != null) {
                String child = FilesystemPaths.join(basedir, name);
                if (match.isEmpty()) {
                    m.add(child);
                } else {
                    for (String alt : match) {
                        bad = doGlob(child, alt, m);
                    }
                }
            }
        }
        return bad;
    }

    private static BasicFileAttributes attributes(Path p, boolean follow) {
        try {
            return follow ? Files.readAttributes(p, BasicFileAttributes.class)
                    : Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The names in the directory, sorted as doublestar sorts them; none when it cannot be read. As Go's
     * {@code Readdir}, which doublestar calls, it reads each entry's attributes: an entry gone meanwhile is left out,
     * one that cannot be read (a directory that may be listed but not searched) makes the whole directory unreadable.
     */
    private static List<String> list(Path dir) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                EvaluationCancelled.check();
                try {
                    Files.readAttributes(e, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                names.add(e.getFileName().toString());
            }
        } catch (IOException | DirectoryIteratorException e) {
            return List.of();
        }
        names.sort(null);
        return names;
    }

    /**
     * Matches a name against the pattern up to its first slash: null when it does not match, an empty list when
     * the pattern ends with it, else the rest of the pattern for each way it matched (alternatives may give several).
     */
    static List<String> matchComponent(String pattern, String name) throws BadPatternException {
        int patLen = pattern.length();
        int nameLen = name.length();
        int p = 0;
        int n = 0;
        while (p < patLen && n < nameLen) {
            int pc = pattern.codePointAt(p);
            int nc = name.codePointAt(n);
            int nAdj = Character.charCount(nc);
            if (pc == '/') {
                p++;
                break;
            } else if (pc == '\\') {
                p++;
                if (p >= patLen) {
                    throw new BadPatternException();
                }
                pc = pattern.codePointAt(p);
                if (pc != nc) {
                    return null;
                }
                p += Character.charCount(pc);
                n += nAdj;
            } else if (pc == '*') {
                p++;
                if (p >= patLen) {
                    return new ArrayList<>();
                }
                if (pattern.charAt(p) == '/') {
                    return new ArrayList<>(List.of(pattern.substring(p + 1)));
                }
                for (; n < nameLen; n += Character.charCount(name.codePointAt(n))) {
                    List<String> m = matchComponent(pattern.substring(p), name.substring(n));
                    if (m != null) {
                        return m;
                    }
                }
                return null;
            } else if (pc == '[') {
                p++;
                int endClass = indexWithEscaping(pattern.substring(p), ']');
                if (endClass == -1) {
                    throw new BadPatternException();
                }
                endClass += p;
                if (!matchClass(pattern.substring(p, endClass).codePoints().toArray(), nc)) {
                    return null;
                }
                p = endClass + 1;
                n += nAdj;
            } else if (pc == '{') {
                p++;
                Alternatives alt = splitAlternatives(pattern, p);
                if (alt == null) {
                    throw new BadPatternException();
                }
                String after = pattern.substring(alt.end());
                List<String> results = null;
                for (String o : alt.options()) {
                    List<String> m = matchComponent(o + after, name.substring(n));
                    if (m != null) {
                        if (results == null) {
                            results = new ArrayList<>();
                        }
                        results.addAll(m);
                    }
                }
                return results;
            } else if (pc == '?' || pc == nc) {
                p += Character.charCount(pc);
                n += nAdj;
            } else {
                return null;
            }
        }
        if (n >= nameLen) {
            if (p >= patLen) {
                return new ArrayList<>();
            }
            String rest = pattern.substring(p);
            int slash = indexWithEscaping(rest, '/');
            String test = slash >= 0 ? rest.substring(0, slash) : rest;
            if (isZeroLength(test)) {
                return slash == -1 ? new ArrayList<>() : new ArrayList<>(List.of(rest.substring(slash + 1)));
            }
        }
        return null;
    }

    /** Whether the class (between the brackets) admits the character; doublestar's rules for ranges and escapes. */
    private static boolean matchClass(int[] cls, int c) throws BadPatternException {
        if (cls.length == 0) {
            throw new BadPatternException();
        }
        int i = cls[0] == '^' ? 1 : 0;
        boolean matched = false;
        while (i < cls.length) {
            int low = cls[i++];
            if (low == '-') {
                throw new BadPatternException();
            }
            if (low == '\\') {
                if (i >= cls.length) {
                    throw new BadPatternException();
                }
                low = cls[i++];
            }
            int high = low;
            if (i < cls.length && cls[i] == '-') {
                if (++i >= cls.length) {
                    throw new BadPatternException();
                }
                high = cls[i++];
                if (high == '-') {
                    throw new BadPatternException();
                }
                if (high == '\\') {
                    if (i >= cls.length) {
                        throw new BadPatternException();
                    }
                    high = cls[i++];
                }
            }
            if (low <= c && c <= high) {
                matched = true;
            }
        }
        return matched != (cls[0] == '^');
    }

    private static boolean isZeroLength(String pattern) throws BadPatternException {
        if (pattern.isEmpty() || pattern.equals("*") || pattern.equals("**")) {
            return true;
        }
        if (pattern.charAt(0) == '{') {
            Alternatives alt = splitAlternatives(pattern, 1);
            if (alt == null) {
                throw new BadPatternException();
            }
            if (!isZeroLength(pattern.substring(alt.end()))) {
                return false;
            }
            for (String o : alt.options()) {
                if (isZeroLength(o)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The options of a {@code {...}} group opened just before {@code start}, and where the group ends. */
    private record Alternatives(List<String> options, int end) {
    }

    private static Alternatives splitAlternatives(String s, int start) {
        List<String> options = new ArrayList<>();
        int idx = start;
        int braces = 1;
        boolean esc = false;
        int from = start;
        while (braces > 0) {
            if (idx >= s.length()) {
                return null;
            }
            char c = s.charAt(idx);
            if (esc) {
                esc = false;
            } else if (c == '\\') {
                esc = true;
            } else if (c == '{') {
                braces++;
            } else if (c == '}') {
                braces--;
            } else if (c == ',' && braces == 1) {
                options.add(s.substring(from, idx));
                from = idx + 1;
            }
            idx++;
        }
        options.add(s.substring(from, idx - 1));
        return new Alternatives(options, idx);
    }

    private static int indexWithEscaping(String s, char c) {
        int end = s.indexOf(c);
        if (end > 0 && s.charAt(end - 1) == '\\') {
            int next = indexWithEscaping(s.substring(end + 1), c);
            return next == -1 ? -1 : next + end + 1;
        }
        return end;
    }

    private static int lastIndexWithEscaping(String s, char c) {
        int end = s.lastIndexOf(c);
        if (end > 0 && s.charAt(end - 1) == '\\') {
            return lastIndexWithEscaping(s.substring(0, end - 1), c);
        }
        return end;
    }

    private static int indexAnyWithEscaping(String s, String chars) {
        int end = -1;
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                end = i;
                break;
            }
        }
        if (end > 0 && s.charAt(end - 1) == '\\') {
            int next = indexAnyWithEscaping(s.substring(end + 1), chars);
            return next == -1 ? -1 : next + end + 1;
        }
        return end;
    }
}
