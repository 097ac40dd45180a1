package io.jenkins.plugins.packer.function;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * IP addresses and networks as Go's {@code net} package parses and prints them (4-byte IPv4 networks, 16-byte IPv6
 * ones, the shortest IPv6 text), with the subnet arithmetic of github.com/apparentlymart/go-cidr that Terraform's and
 * Packer's cidr functions use. The JDK's InetAddress is not used because it resolves names and prints differently.
 */
final class NetworkAddresses {

    private static final int IPV4_LEN = 4;
    private static final int IPV6_LEN = 16;
    private static final int BIG = 0xFFFFFF;
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private NetworkAddresses() {
    }

    /** A network: an address and a mask of the same family (Go's IPNet); the address need not be masked. */
    record Network(byte[] ip, byte[] mask) {

        int prefixLength() {
            return ones(mask);
        }

        int addressBits() {
            return mask.length * 8;
        }

        boolean contains(byte[] addr) {
            byte[] nn = to4(ip) != null ? to4(ip) : ip;
            byte[] m = mask.length == IPV6_LEN && nn.length == IPV4_LEN ? Arrays.copyOfRange(mask, 12, 16) : mask;
            byte[] a = to4(addr) != null ? to4(addr) : addr;
            if (a.length != nn.length || m.length != nn.length) {
                return false;
            }
            for (int i = 0; i < a.length; i++) {
                if ((nn[i] & m[i]) != (a[i] & m[i])) {
                    return false;
                }
            }
            return true;
        }

        /** Go's IPNet.String: the address as it is, then the prefix length. */
        @Override
        public String toString() {
            byte[] nn = to4(ip);
            if (nn == null) {
                nn = ip;
                if (nn.length != IPV6_LEN) {
                    return "<nil>";
                }
            }
            byte[] m = mask;
            if (m.length == IPV4_LEN && nn.length != IPV4_LEN) {
                return "<nil>";
            }
            if (m.length == IPV6_LEN && nn.length == IPV4_LEN) {
                m = Arrays.copyOfRange(m, 12, 16);
            }
            int l = simpleMaskLength(m);
            return format(nn) + "/" + (l < 0 ? hex(m) : Integer.toString(l));
        }
    }

    /**
     * Go's net.ParseCIDR as of Go 1.19 (netip underneath): the network with the address masked; null when the text
     * is not one.
     */
    static Network parseCidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String addr = s.substring(0, slash);
        String maskText = s.substring(slash + 1);
        int ipLen = IPV4_LEN;
        byte[] ip = null;
        for (int i = 0; i < addr.length() && ip == null; i++) {
            char c = addr.charAt(i);
            if (c == '.') {
                ip = parseIpv4(addr);
                break;
            }
            if (c == ':') {
                ipLen = IPV6_LEN;
                ip = parseIpv6(addr);
                break;
            }
            if (c == '%') {
                break;
            }
        }
        int[] n = decimal(maskText);
        if (ip == null || n == null || n[1] != maskText.length() || n[0] > 8 * ipLen) {
            return null;
        }
        byte[] mask = cidrMask(n[0], 8 * ipLen);
        return new Network(applyMask(ip, mask), mask);
    }

    static byte[] cidrMask(int ones, int bits) {
        byte[] m = new byte[bits / 8];
        for (int i = 0; i < m.length; i++) {
            int take = Math.max(0, Math.min(8, ones - 8 * i));
            m[i] = (byte) (0xff00 >> take);
        }
        return m;
    }

    /** Go's IP.String: dotted for IPv4 (and IPv4-mapped IPv6), else the shortest IPv6 form. */
    static String format(byte[] ip) {
        byte[] p4 = to4(ip);
        if (p4 != null) {
            return (p4[0] & 0xff) + "." + (p4[1] & 0xff) + "." + (p4[2] & 0xff) + "." + (p4[3] & 0xff);
        }
        if (ip.length != IPV6_LEN) {
            return "?" + hex(ip);
        }
        int e0 = -1;
        int e1 = -1;
        for (int i = 0; i < IPV6_LEN; i += 2) {
            int j = i;
            while (j < IPV6_LEN && ip[j] == 0 && ip[j + 1] == 0) {
                j += 2;
            }
            if (j > i && j - i > e1 - e0) {
                e0 = i;
                e1 = j;
                i = j;
            }
        }
        if (e1 - e0 <= 2) {
            e0 = -1;
            e1 = -1;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < IPV6_LEN; i += 2) {
            if (i == e0) {
                b.append("::");
                i = e1;
                if (i >= IPV6_LEN) {
                    break;
                }
            } else if (i > 0) {
                b.append(':');
            }
            b.append(Integer.toHexString(((ip[i] & 0xff) << 8) | (ip[i + 1] & 0xff)));
        }
        return b.toString();
    }

    /**
     * go-cidr 1.1's Host: the address numbered {@code num} in the network, counting back from the end when negative.
     * Its message shows the number after that adjustment, as go-cidr's does.
     */
    static byte[] host(Network base, long num) throws FunctionException {
        int parentLen = base.prefixLength();
        int hostLen = base.addressBits() - parentLen;
        BigInteger maxHostNum = BigInteger.ONE.shiftLeft(hostLen).subtract(BigInteger.ONE);
        BigInteger bigNum = BigInteger.valueOf(num);
        BigInteger magnitude = BigInteger.valueOf(goUint64(bigNum).longValue());
        if (num < 0) {
            magnitude = bigNum.negate().subtract(BigInteger.ONE);
            bigNum = maxHostNum.subtract(magnitude);
        }
        if (magnitude.compareTo(maxHostNum) > 0) {
            throw new FunctionException("prefix of " + parentLen + " does not accommodate a host numbered " + bigNum);
        }
        int bitLength = to4(base.ip()) != null ? 32 : 128;
        return insertNumber(base.ip(), bigNum, bitLength, () -> "prefix of " + parentLen
                + " does not accommodate a host numbered " + num);
    }

    /**
     * go-cidr 1.1's Subnet: the {@code num}th subnet of the network with a prefix {@code newBits} longer. Go's
     * unsigned arithmetic is kept: a negative extension admits every number, a negative number is checked by its
     * magnitude and then combined in two's complement, and a prefix shorter than zero prints as {@code <nil>}.
     */
    static String subnet(Network base, int newBits, long num) throws FunctionException {
        int parentLen = base.prefixLength();
        int addrLen = base.addressBits();
        int newPrefixLen = parentLen + newBits;
        if (newPrefixLen > addrLen) {
            throw new FunctionException("insufficient address space to extend prefix of " + parentLen + " by "
                    + newBits);
        }
        BigInteger bigNum = BigInteger.valueOf(num);
        BigInteger maxNetNum = newBits < 0 || newBits >= 64 ? UINT64_MAX
                : BigInteger.ONE.shiftLeft(newBits).subtract(BigInteger.ONE);
        if (goUint64(bigNum).compareTo(maxNetNum) > 0) {
            throw new FunctionException("prefix extension of " + newBits + " does not accommodate a subnet numbered "
                    + num);
        }
        // Where go-cidr would panic (the number does not fit the address), a plain error instead.
        byte[] ip = insertNumber(base.ip(), bigNum, newPrefixLen, () -> "prefix extension of " + newBits
                + " does not accommodate a subnet numbered " + num);
        return newPrefixLen < 0 ? "<nil>" : new Network(ip, cidrMask(newPrefixLen, addrLen)).toString();
    }

    /** go-cidr's PreviousSubnet: the subnet of the given prefix length just before the network's address. */
    static Network previousSubnet(Network network, int prefixLen) {
        byte[] start = checkIpv4(network.ip());
        byte[] mask = cidrMask(prefixLen, 8 * start.length);
        return new Network(applyMask(decrement(start), mask), mask);
    }

    /** go-cidr's NextSubnet: the subnet of the given length after the network; null when it wraps around to zero. */
    static Network nextSubnet(Network network, int prefixLen) {
        byte[] currentLast = lastAddress(network);
        byte[] mask = cidrMask(prefixLen, 8 * currentLast.length);
        Network current = new Network(applyMask(currentLast, mask), mask);
        byte[] last = increment(lastAddress(current));
        Network next = new Network(applyMask(last, mask), mask);
        return isZero(last) ? null : next;
    }

    static String format(Network n) {
        return n.toString();
    }

    private static byte[] lastAddress(Network network) {
        byte[] first = network.ip();
        int prefixLen = network.prefixLength();
        int bits = first.length * 8;
        if (prefixLen == bits) {
            return first.clone();
        }
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefixLen).subtract(BigInteger.ONE);
        return toBytes(new BigInteger(1, first).or(hostMask), bits);
    }

    /** go-cidr's insertNumIntoIP: Go's big.Int OR (two's complement), then the magnitude's bytes. */
    private static byte[] insertNumber(byte[] ip, BigInteger num, int prefixLen, Supplier<String> tooLarge)
            throws FunctionException {
        int totalBits = ip.length * 8;
        BigInteger value = new BigInteger(1, ip).or(num.shiftLeft(totalBits - prefixLen)).abs();
        if (value.bitLength() > totalBits) {
            throw new FunctionException(tooLarge.get());
        }
        return toBytes(value, totalBits);
    }

    /** Go's big.Int.Uint64: the low 64 bits of the magnitude. */
    private static BigInteger goUint64(BigInteger n) {
        return n.abs().and(UINT64_MAX);
    }

    private static byte[] toBytes(BigInteger value, int bits) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[bits / 8];
        int n = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - n, out, out.length - n, n);
        return out;
    }

    private static byte[] increment(byte[] ip) {
        byte[] out = checkIpv4(ip).clone();
        for (int j = out.length - 1; j >= 0; j--) {
            out[j]++;
            if (out[j] != 0) {
                break;
            }
        }
        return out;
    }

    private static byte[] decrement(byte[] ip) {
        byte[] out = checkIpv4(ip).clone();
        for (int j = out.length - 1; j >= 0; j--) {
            out[j]--;
            if (out[j] != (byte) 0xff) {
                break;
            }
        }
        return out;
    }

    private static boolean isZero(byte[] ip) {
        for (byte b : ip) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] checkIpv4(byte[] ip) {
        byte[] v4 = to4(ip);
        return v4 != null ? v4 : ip;
    }

    private static byte[] to4(byte[] ip) {
        if (ip.length == IPV4_LEN) {
            return ip;
        }
        if (ip.length == IPV6_LEN && (ip[10] & 0xff) == 0xff && (ip[11] & 0xff) == 0xff) {
            for (int i = 0; i < 10; i++) {
                if (ip[i] != 0) {
                    return null;
                }
            }
            return Arrays.copyOfRange(ip, 12, 16);
        }
        return null;
    }

    /** Go's IP.Mask, including its IPv4-in-IPv6 adjustments; the result is null on a length mismatch. */
    private static byte[] applyMask(byte[] ip, byte[] mask) {
        byte[] m = mask;
        byte[] a = ip;
        if (m.length == IPV6_LEN && a.length == IPV4_LEN && allFf(m, 12)) {
            m = Arrays.copyOfRange(m, 12, 16);
        }
        if (m.length == IPV4_LEN && a.length == IPV6_LEN && to4(a) != null) {
            a = Arrays.copyOfRange(a, 12, 16);
        }
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] & m[i]);
        }
        return out;
    }

    private static boolean allFf(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }

    private static int ones(byte[] mask) {
        int l = simpleMaskLength(mask);
        return Math.max(l, 0);
    }

    /** The prefix length of a canonical mask, -1 for a non-canonical one. */
    private static int simpleMaskLength(byte[] mask) {
        int n = 0;
        for (int i = 0; i < mask.length; i++) {
            int v = mask[i] & 0xff;
            if (v == 0xff) {
                n += 8;
                continue;
            }
            while (v != 0) {
                if ((v & 0x80) == 0) {
                    return -1;
                }
                n++;
                v = (v << 1) & 0xff;
            }
            for (i++; i < mask.length; i++) {
                if (mask[i] != 0) {
                    return -1;
                }
            }
            break;
        }
        return n;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x & 0xff));
        }
        return s.toString();
    }

    /** Go's net.dtoi: a decimal prefix as {value, characters used}, or null when none or too large. */
    private static int[] decimal(String s) {
        int n = 0;
        int i = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            n = n * 10 + (s.charAt(i) - '0');
            if (n >= BIG) {
                return null;
            }
            i++;
        }
        return i == 0 ? null : new int[] {n, i};
    }

    private static int[] hexadecimal(String s) {
        int n = 0;
        int i = 0;
        while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 0x80) {
            n = n * 16 + Character.digit(s.charAt(i), 16);
            if (n >= BIG) {
                return null;
            }
            i++;
        }
        return i == 0 ? null : new int[] {n, i};
    }

    /** Go's netip IPv4 parsing (Go 1.19, which built the oracle): four decimal octets, no leading zeros. */
    private static byte[] parseIpv4(String s) {
        byte[] fields = new byte[IPV4_LEN];
        int val = 0;
        int pos = 0;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 1 && val == 0) {
                    return null;
                }
                val = val * 10 + (c - '0');
                digits++;
                if (val > 0xff) {
                    return null;
                }
            } else if (c == '.') {
                if (i == 0 || i == s.length() - 1 || s.charAt(i - 1) == '.' || pos == 3) {
                    return null;
                }
                fields[pos++] = (byte) val;
                val = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        if (pos < 3) {
            return null;
        }
        fields[3] = (byte) val;
        return fields;
    }

    /** Go's parseIPv6 without zones: groups, one {@code ::}, an optional trailing dotted IPv4. */
    private static byte[] parseIpv6(String text) {
        String s = text;
        byte[] ip = new byte[IPV6_LEN];
        int ellipsis = -1;
        if (s.length() >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
            ellipsis = 0;
            s = s.substring(2);
            if (s.isEmpty()) {
                return ip;
            }
        }
        int i = 0;
        while (i < IPV6_LEN) {
            int[] n = hexadecimal(s);
            if (n == null || n[0] > 0xffff) {
                return null;
            }
            int c = n[1];
            if (c < s.length() && s.charAt(c) == '.') {
                if (ellipsis < 0 && i != IPV6_LEN - IPV4_LEN || i + IPV4_LEN > IPV6_LEN) {
                    return null;
                }
                byte[] ip4 = parseIpv4(s);
                if (ip4 == null) {
                    return null;
                }
                System.arraycopy(ip4, 0, ip, i, IPV4_LEN);
                s = "";
                i += IPV4_LEN;
                break;
            }
            ip[i] = (byte) (n[0] >> 8);
            ip[i + 1] = (byte) n[0];
            i += 2;
            s = s.substring(c);
            if (s.isEmpty()) {
                break;
            }
            if (s.charAt(0) != ':' || s.length() == 1) {
                return null;
            }
            s = s.substring(1);
            if (s.charAt(0) == ':') {
                if (ellipsis >= 0) {
                    return null;
                }
                ellipsis = i;
                s = s.substring(1);
                if (s.isEmpty()) {
                    break;
                }
            }
        }
        if (!s.isEmpty()) {
            return null;
        }
        if (i < IPV6_LEN) {
            if (ellipsis < 0) {
                return null;
            }
            int n = IPV6_LEN - i;
            for (int j = i - 1; j >= ellipsis; j--) {
                ip[j + n] = ip[j];
            }
            for (int j = ellipsis + n - 1; j >= ellipsis; j--) {
                ip[j] = 0;
            }
        } else if (ellipsis >= 0) {
            return null;
        }
        return ip;
    }
}
