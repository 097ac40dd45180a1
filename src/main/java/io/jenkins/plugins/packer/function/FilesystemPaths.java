package io.jenkins.plugins.packer.function;

/**
 * Go's {@code path/filepath} on Unix, as the filesystem functions use it: {@code Clean}, {@code Join}, {@code Base},
 * {@code Dir} and {@code Rel} work on the text of a path, so {@code basename("/a/b/")} is {@code "b"} and
 * {@code dirname("")} is {@code "."} exactly as in Packer.
 */
final class FilesystemPaths {

    private FilesystemPaths() {
    }

    static boolean isAbs(String path) {
        return path.startsWith("/");
    }

    /** The shortest equivalent path: no repeated or trailing slashes, no {@code .}, {@code ..} resolved lexically. */
    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        int n = path.length();
        StringBuilder out = new StringBuilder();
        int r = 0;
        int dotdot = 0;
        if (rooted) {
            out.append('/');
            r = 1;
            dotdot = 1;
        }
        while (r < n) {
            char c = path.charAt(r);
            if (c == '/') {
                r++;
            } else if (c == '.' && (r + 1 == n || path.charAt(r + 1) == '/')) {
                r++;
            } else if (c == '.' && path.charAt(r + 1) == '.' && (r + 2 == n || path.charAt(r + 2) == '/')) {
                r += 2;
                if (out.length() > dotdot) {
                    int w = out.length() - 1;
                    while (w > dotdot && out.charAt(w) != '/') {
                        w--;
                    }
                    out.setLength(w);
                } else if (!rooted) {
                    if (out.length() > 0) {
                        out.append('/');
                    }
                    out.append("..");
                    dotdot = out.length();
                }
            } else {
                if (rooted && out.length() != 1 || !rooted && out.length() != 0) {
                    out.append('/');
                }
                while (r < n && path.charAt(r) != '/') {
                    out.append(path.charAt(r));
                    r++;
                }
            }
        }
        return out.length() == 0 ? "." : out.toString();
    }

    /** The non-empty elements joined with slashes, then cleaned; empty when every element is. */
    static String join(String... elements) {
        StringBuilder b = new StringBuilder();
        for (String e : elements) {
            if (!e.isEmpty()) {
                if (b.length() > 0) {
                    b.append('/');
                }
                b.append(e);
            }
        }
        return b.length() == 0 ? "" : clean(b.toString());
    }

    static String base(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        String p = path;
        while (!p.isEmpty() && p.charAt(p.length() - 1) == '/') {
            p = p.substring(0, p.length() - 1);
        }
        p = p.substring(p.lastIndexOf('/') + 1);
        return p.isEmpty() ? "/" : p;
    }

    static String dir(String path) {
        return clean(path.substring(0, path.lastIndexOf('/') + 1));
    }

    /** The path of {@code target} relative to {@code base}, or null where Go's Rel fails. */
    static String rel(String basePath, String targetPath) {
        String base = clean(basePath);
        String targ = clean(targetPath);
        if (targ.equals(base)) {
            return ".";
        }
        if (base.equals(".")) {
            base = "";
        }
        if (base.startsWith("/") != targ.startsWith("/")) {
            return null;
        }
        int bl = base.length();
        int tl = targ.length();
        int b0 = 0;
        int bi = 0;
        int t0 = 0;
        int ti = 0;
        while (true) {
            while (bi < bl && base.charAt(bi) != '/') {
                bi++;
            }
            while (ti < tl && targ.charAt(ti) != '/') {
                ti++;
            }
            if (!targ.substring(t0, ti).equals(base.substring(b0, bi))) {
                break;
            }
            if (bi < bl) {
                bi++;
            }
            if (ti < tl) {
                ti++;
            }
            b0 = bi;
            t0 = ti;
        }
        if (base.substring(b0, bi).equals("..")) {
            return null;
        }
        if (b0 != bl) {
            long seps = base.substring(b0, bl).chars().filter(ch -> ch == '/').count();
            StringBuilder b = new StringBuilder("..");
            for (long i = 0; i < seps; i++) {
                b.append("/..");
            }
            if (t0 != tl) {
                b.append('/').append(targ, t0, tl);
            }
            return b.toString();
        }
        return targ.substring(t0);
    }
}
