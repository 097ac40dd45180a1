package io.jenkins.plugins.packer.run;

import java.security.SecureRandom;
import java.time.Instant;

/** Packer's {@code uuid.TimeOrderedUUID}: the Unix time in seconds, then 12 random bytes, UUID-shaped. */
public final class TimeOrderedUuid {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedUuid() {
    }

    public static String next() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        StringBuilder sb = new StringBuilder(String.format("%08x", Instant.now().getEpochSecond() & 0xffffffffL));
        for (int i = 0; i < b.length; i++) {
            if (i == 0 || i == 2 || i == 4 || i == 6) {
                sb.append('-');
            }
            sb.append(String.format("%02x", b[i] & 0xff));
        }
        return sb.toString();
    }
}
