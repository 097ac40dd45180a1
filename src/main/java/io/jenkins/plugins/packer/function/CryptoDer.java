package io.jenkins.plugins.packer.function;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough DER to read a PKCS#1 RSA private key (a sequence of integers) and to recognise the PKCS#8 and EC key
 * formats that Go names in its error message when given one of those instead.
 */
final class CryptoDer {

    private static final int INTEGER = 0x02;
    private static final int OCTET_STRING = 0x04;
    private static final int SEQUENCE = 0x30;

    private CryptoDer() {
    }

    /** One element: its tag and where its content lies. */
    private record Element(int tag, int start, int end) {
    }

    /** The integers of a DER sequence that holds only integers and fills the input, or null. */
    static List<BigInteger> integerSequence(byte[] der) {
        List<Element> children = sequence(der);
        if (children == null) {
            return null;
        }
        List<BigInteger> out = new ArrayList<>();
        for (Element e : children) {
            if (e.tag() != INTEGER) {
                // PKCS#1 allows trailing otherPrimeInfos (a sequence); the key itself is in the leading integers.
                if (out.size() >= 9) {
                    break;
                }
                return null;
            }
            if (e.end() == e.start()) {
                return null;
            }
            byte[] bytes = new byte[e.end() - e.start()];
            System.arraycopy(der, e.start(), bytes, 0, bytes.length);
            out.add(new BigInteger(bytes));
        }
        return out;
    }

    /** A sequence of an integer, a sequence (the algorithm) and an octet string (the key). */
    static boolean looksLikePkcs8(byte[] der) {
        List<Element> c = sequence(der);
        return c != null && c.size() >= 3 && c.get(0).tag() == INTEGER && c.get(1).tag() == SEQUENCE
                && c.get(2).tag() == OCTET_STRING;
    }

    /** A sequence of an integer (the version) and an octet string (the key). */
    static boolean looksLikeEcPrivateKey(byte[] der) {
        List<Element> c = sequence(der);
        return c != null && c.size() >= 2 && c.get(0).tag() == INTEGER && c.get(1).tag() == OCTET_STRING;
    }

    /** The elements inside a sequence that spans the whole input, or null when the input is not one. */
    private static List<Element> sequence(byte[] der) {
        Element outer = element(der, 0);
        if (outer == null || outer.tag() != SEQUENCE || outer.end() != der.length) {
            return null;
        }
        List<Element> children = new ArrayList<>();
        int pos = outer.start();
        while (pos < outer.end()) {
            Element e = element(der, pos);
            if (e == null || e.end() > outer.end()) {
                return null;
            }
            children.add(e);
            pos = e.end();
        }
        return children;
    }

    private static Element element(byte[] der, int pos) {
        if (pos + 2 > der.length) {
            return null;
        }
        int tag = der[pos] & 0xff;
        int len = der[pos + 1] & 0xff;
        int start = pos + 2;
        if (len >= 0x80) {
            int n = len & 0x7f;
            if (n == 0 || n > 4 || start + n > der.length) {
                return null;
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (der[start + i] & 0xff);
            }
            start += n;
            if (len < 0) {
                return null;
            }
        }
        if ((long) start + len > der.length) {
            return null;
        }
        return new Element(tag, start, start + len);
    }
}
