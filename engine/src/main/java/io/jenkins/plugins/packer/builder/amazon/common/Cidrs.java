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
            return a.matches("[0-9A-Fa-f:.]+") && java.net.InetAddress.getByName(a) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
