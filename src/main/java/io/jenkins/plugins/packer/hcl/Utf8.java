package io.jenkins.plugins.packer.hcl;

/** Reading UTF-8 byte by byte, as HCL's scanner does: invalid sequences are reported, not replaced. */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * The length of the well-formed UTF-8 sequence starting at {@code i} and ending before {@code end}, or -1 when the
     * bytes there are not one.
     */
    public static int sequenceLength(byte[] data, int i, int end) {
        if (i >= end) {
            return -1;
        }
        int b = data[i] & 0xff;
        int len;
        if (b < 0x80) {
            return 1;
        } else if (b >= 0xC0 && b <= 0xDF) {
            len = 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            len = 3;
        } else if (b >= 0xF0 && b <= 0xF7) {
            len = 4;
        } else {
            return -1;
        }
        if (i + len > end) {
            return -1;
        }
        for (int k = 1; k < len; k++) {
            if ((data[i + k] & 0xC0) != 0x80) {
                return -1;
            }
        }
        return len;
    }
}
