package io.jenkins.plugins.packer.builder.amazon.common;

/** Go's {@code net.ParseCIDR} check, worded as its error. */
final class Cidrs {

    private Cidrs() {
    }

    /** Null when {@code s} is an IPv4 or IPv6 CIDR block, else Go's {@code invalid CIDR address: S}. */
    static String parseError(String s) {
        int slash = s.indexOf('/');
        String bad = "invalid CIDR address: " + s;
        if (slash < 0) {
            return bad;
        }
        String addr = s.substring(0, slash);
        String bits = s.substring(slash + 1);
        if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)
                || bits.length() > 1 && bits.charAt(0) == '0') {
            return bad;
        }
        int n = Integer.parseInt(bits);
        if (addr.contains(":")) {
            return n <= 128 && ipv6(addr) ? null : bad;
        }
        return n <= 32 && ipv4(addr) ? null : bad;
    }

    private static boolean ipv4(String a) {
        String[] parts = a.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || p.length() > 1 && p.charAt(0) == '0' || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean ipv6(String a) {
        try {
            // An IPv6 literal (an IPv4-mapped one included); the pattern keeps host names from being looked up.
            return a.contains(":") && a.matches("[0-9A-Fa-f:.]+") && java.net.InetAddress.getByName(a) != null;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * The one-address block of the IP literal {@code s} as Go prints it ({@code 203.0.113.7/32},
     * {@code 2001:db8::1/128}; an IPv4-mapped IPv6 address as IPv4), or null when {@code s} is not an IP literal.
     */
    static String hostBlock(String s) {
        if (ipv4(s)) {
            return s + "/32";
        }
        if (!s.contains(":") || !ipv6(s)) {
            return null;
        }
        java.net.InetAddress a;
        try {
            a = java.net.InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
        if (a instanceof java.net.Inet4Address) {
            return a.getHostAddress() + "/32";
        }
        byte[] b = a.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (b[2 * i] & 0xff) << 8 | b[2 * i + 1] & 0xff;
        }
        // RFC 5952: the longest run of two or more zero groups (the first of equals) becomes "::".
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out + "/128";
    }

    /** Whether the block is IPv6. */
    static boolean isIpv6(String cidr) {
        return cidr.substring(0, cidr.indexOf('/')).contains(":");
    }
}
