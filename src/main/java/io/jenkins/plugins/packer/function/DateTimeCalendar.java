package io.jenkins.plugins.packer.function;

/**
 * A moment as Go's {@code time.Time} holds one for these functions: seconds and nanoseconds since the Unix epoch and
 * a fixed UTC offset, with the proleptic Gregorian calendar fields Go derives from them. Written by hand because
 * Go accepts offsets (up to 99:59) and years that {@code java.time} refuses.
 */
record DateTimeCalendar(long epochSecond, int nano, int offsetSeconds) {

    private static final long SECONDS_PER_DAY = 86_400;
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String[] WEEKDAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday"};

    /** The moment of a local date and time at the given offset. */
    static DateTimeCalendar of(long year, int month, int day, int hour, int minute, int second, int nano,
                               int offsetSeconds) {
        long local = daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
        return new DateTimeCalendar(local - offsetSeconds, nano, offsetSeconds);
    }

    static int daysIn(int month, long year) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    static String monthName(int month) {
        return MONTHS[month - 1];
    }

    static String weekdayName(int weekday) {
        return WEEKDAYS[weekday];
    }

    /** The same moment plus a number of nanoseconds. */
    DateTimeCalendar plusNanos(long nanos) {
        long totalNanos = nano + Math.floorMod(nanos, 1_000_000_000L);
        long seconds = epochSecond + Math.floorDiv(nanos, 1_000_000_000L) + totalNanos / 1_000_000_000L;
        return new DateTimeCalendar(seconds, (int) (totalNanos % 1_000_000_000L), offsetSeconds);
    }

    private long localSeconds() {
        return epochSecond + offsetSeconds;
    }

    private long localDays() {
        return Math.floorDiv(localSeconds(), SECONDS_PER_DAY);
    }

    private int secondOfDay() {
        return (int) Math.floorMod(localSeconds(), SECONDS_PER_DAY);
    }

    long year() {
        return civil(localDays())[0];
    }

    int month() {
        return (int) civil(localDays())[1];
    }

    int day() {
        return (int) civil(localDays())[2];
    }

    int hour() {
        return secondOfDay() / 3600;
    }

    int minute() {
        return secondOfDay() / 60 % 60;
    }

    int second() {
        return secondOfDay() % 60;
    }

    /** Sunday is 0, as in Go. */
    int weekday() {
        return (int) Math.floorMod(localDays() + 4, 7);
    }

    /** The day of the year, from 1. */
    int yearDay() {
        return (int) (localDays() - daysFromCivil(year(), 1, 1)) + 1;
    }

    /** Go's ISOWeek: the year and week of the Thursday in the same Monday-based week. */
    long[] isoWeek() {
        int mondayBased = Math.floorMod(weekday() - 1, 7);
        long thursday = localDays() - mondayBased + 3;
        long[] c = civil(thursday);
        long yday = thursday - daysFromCivil(c[0], 1, 1);
        return new long[] {c[0], yday / 7 + 1};
    }

    private static boolean isLeap(long year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    private static long daysFromCivil(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /** The {year, month, day} of a number of days since 1970-01-01. */
    private static long[] civil(long days) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        return new long[] {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
    }
}
