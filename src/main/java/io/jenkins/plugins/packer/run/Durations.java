package io.jenkins.plugins.packer.run;

import java.time.Duration;

/**
 * Durations as Packer prints them (durafmt, first two units): {@code 1 second 15 milliseconds},
 * {@code 27 milliseconds 539 microseconds}, {@code 2 minutes 3 seconds}.
 */
public final class Durations {

    private static final String[] UNITS = {"year", "week", "day", "hour", "minute", "second", "millisecond",
            "microsecond"};

    private Durations() {
    }

    public static String format(Duration d) {
        long micros = d.toNanos() / 1000;
        long[] values = new long[UNITS.length];
        long days = micros / 86_400_000_000L;
        values[0] = days / 365;
        values[1] = days % 365 / 7;
        values[2] = days % 7;
        values[3] = micros / 3_600_000_000L % 24;
        values[4] = micros / 60_000_000L % 60;
        values[5] = micros / 1_000_000L % 60;
        values[6] = micros / 1000 % 1000;
        values[7] = micros % 1000;
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < UNITS.length && shown < 2; i++) {
            if (values[i] == 0) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(values[i]).append(' ').append(UNITS[i]).append(values[i] == 1 ? "" : "s");
            shown++;
        }
        return sb.toString();
    }

    /** Go's {@code time.Duration.String()}: {@code 1s}, {@code 1m30s}, {@code 500ms}, {@code 0s}. */
    public static String go(Duration d) {
        long n = d.toNanos();
        if (n == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (n < 0) {
            sb.append('-');
            n = -n;
        }
        if (n < 1_000_000_000L) {
            if (n < 1000) {
                return sb.append(n).append("ns").toString();
            } else if (n < 1_000_000) {
                return sb.append(decimal(n, 1000)).append("µs").toString();
            }
            return sb.append(decimal(n, 1_000_000)).append("ms").toString();
        }
        long h = n / 3_600_000_000_000L;
        long m = n / 60_000_000_000L % 60;
        long rest = n % 60_000_000_000L;
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            sb.append(m).append('m');
        }
        return sb.append(decimal(rest, 1_000_000_000L)).append('s').toString();
    }

    private static String decimal(long n, long unit) {
        long whole = n / unit;
        long frac = n % unit;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String f = Long.toString(frac + unit).substring(1).replaceAll("0+$", "");
        return whole + "." + f;
    }
}
