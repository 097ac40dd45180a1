package io.jenkins.plugins.packer.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version constraint such as {@code ">= 1.7.0, ~> 1.15"} with hashicorp/go-version's syntax and semantics
 * (including the pessimistic operator and pre-release rules), as {@code required_version} uses it.
 */
public final class VersionConstraint {

    private static final String VERSION = "v?([0-9]+(?:\\.[0-9]+)*?)"
            + "(-([0-9]+[0-9A-Za-z\\-~]*(?:\\.[0-9A-Za-z\\-~]+)*)|(-?([A-Za-z\\-~]+[0-9A-Za-z\\-~]*"
            + "(?:\\.[0-9A-Za-z\\-~]+)*)))?(?:\\+([0-9A-Za-z\\-~]+(?:\\.[0-9A-Za-z\\-~]+)*))?";
    private static final Pattern CONSTRAINT = Pattern.compile("^\\s*(=|!=|>|<|>=|<=|~>)?\\s*(" + VERSION + ")\\s*$");
    private static final Pattern VERSION_ONLY = Pattern.compile("^" + VERSION + "$");

    /** A parsed version: numeric segments (padded to three) and the pre-release label. */
    public record Version(long[] segments, int specified, String prerelease) implements Comparable<Version> {

        /**
         * Parses a version as go-version's {@code NewVersion} does (no surrounding space allowed).
         *
         * @throws IllegalArgumentException with go-version's message when it is not a version
         */
        public static Version parse(String s) {
            Matcher m = VERSION_ONLY.matcher(s);
            if (!m.matches()) {
                throw new IllegalArgumentException("Malformed version: " + s);
            }
            return fromMatch(m.group(1), m.group(3) != null ? m.group(3) : m.group(5));
        }

        static Version fromMatch(String nums, String pre) {
            String[] parts = nums.split("\\.");
            long[] segs = new long[Math.max(3, parts.length)];
            for (int i = 0; i < parts.length; i++) {
                try {
                    segs[i] = Long.parseLong(parts[i]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Error parsing version: strconv.ParseInt: parsing \""
                            + parts[i] + "\": value out of range");
                }
            }
            return new Version(segs, parts.length, pre == null ? "" : pre);
        }

        @Override
        public int compareTo(Version o) {
            int n = Math.max(segments.length, o.segments.length);
            for (int i = 0; i < n; i++) {
                long a = i < segments.length ? segments[i] : 0;
                long b = i < o.segments.length ? o.segments[i] : 0;
                if (a != b) {
                    return Long.compare(a, b);
                }
            }
            if (prerelease.equals(o.prerelease)) {
                return 0;
            }
            if (prerelease.isEmpty()) {
                return 1;
            }
            if (o.prerelease.isEmpty()) {
                return -1;
            }
            return comparePrerelease(prerelease, o.prerelease);
        }

        private static int comparePrerelease(String a, String b) {
            String[] pa = a.split("\\.");
            String[] pb = b.split("\\.");
            for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
                if (i >= pa.length) {
                    return -1;
                }
                if (i >= pb.length) {
                    return 1;
                }
                boolean na = pa[i].matches("[0-9]+");
                boolean nb = pb[i].matches("[0-9]+");
                int c;
                if (na && nb) {
                    c = Long.compare(Long.parseLong(pa[i]), Long.parseLong(pb[i]));
                } else if (na) {
                    c = -1;
                } else if (nb) {
                    c = 1;
                } else {
                    c = pa[i].compareTo(pb[i]);
                }
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < segments.length; i++) {
                b.append(i == 0 ? "" : ".").append(segments[i]);
            }
            return prerelease.isEmpty() ? b.toString() : b + "-" + prerelease;
        }
    }

    private record Part(String op, Version version) {}

    private final List<Part> parts;
    private final String text;

    private VersionConstraint(List<Part> parts, String text) {
        this.parts = parts;
        this.text = text;
    }

    /** Parses a constraint; throws IllegalArgumentException with go-version's message when it is malformed. */
    public static VersionConstraint parse(String s) {
        List<Part> parts = new ArrayList<>();
        for (String single : s.split(",", -1)) {
            Matcher m = CONSTRAINT.matcher(single);
            if (!m.matches()) {
                throw new IllegalArgumentException("Malformed constraint: " + single);
            }
            String op = m.group(1) == null ? "" : m.group(1);
            String pre = m.group(5) != null ? m.group(5) : m.group(7);
            parts.add(new Part(op, Version.fromMatch(m.group(3), pre)));
        }
        return new VersionConstraint(List.copyOf(parts), s);
    }

    public boolean check(Version v) {
        for (Part p : parts) {
            if (!checkOne(p, v)) {
                return false;
            }
        }
        return true;
    }

    private static boolean checkOne(Part p, Version v) {
        Version c = p.version();
        boolean vPre = !v.prerelease().isEmpty();
        boolean cPre = !c.prerelease().isEmpty();
        if (cPre && vPre && !java.util.Arrays.equals(c.segments(), v.segments())) {
            return false;
        }
        if (!cPre && vPre) {
            return false;
        }
        int cmp = v.compareTo(c);
        return switch (p.op()) {
            case "", "=" -> cmp == 0;
            case "!=" -> cmp != 0;
            case ">" -> cmp > 0;
            case "<" -> cmp < 0;
            case ">=" -> cmp >= 0;
            case "<=" -> cmp <= 0;
            case "~>" -> pessimistic(v, c, cPre, vPre);
            default -> false;
        };
    }

    private static boolean pessimistic(Version v, Version c, boolean cPre, boolean vPre) {
        if (cPre && !vPre) {
            return false;
        }
        if (v.compareTo(c) < 0) {
            return false;
        }
        int si = c.specified();
        for (int i = 0; i < si - 1; i++) {
            if (v.segments()[i] != c.segments()[i]) {
                return false;
            }
        }
        int cs = c.segments().length;
        return cs <= v.segments().length && c.segments()[cs - 1] <= v.segments()[cs - 1];
    }

    @Override
    public String toString() {
        return text;
    }
}
