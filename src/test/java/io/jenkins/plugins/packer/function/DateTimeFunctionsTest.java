package io.jenkins.plugins.packer.function;

import static io.jenkins.plugins.packer.function.ExtOracle.actual;
import static io.jenkins.plugins.packer.function.ExtOracle.assertCase;
import static io.jenkins.plugins.packer.function.ExtOracle.num;
import static io.jenkins.plugins.packer.function.ExtOracle.str;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.value.Value;
import org.junit.jupiter.api.Test;

class DateTimeFunctionsTest {

    @Test
    void formatdateOracleCases() {
        assertCase("fn-formatdate-01", "formatdate", str("YYYY-MM-DD"), str("2020-12-25T13:05:09Z"));
        assertCase("fn-formatdate-02", "formatdate", str("DD MMM YYYY hh:mm ZZZ"), str("2018-01-02T23:12:01-08:00"));
        assertCase("fn-formatdate-03", "formatdate", str("EEEE, h:mmaa"), str("2021-03-04T05:06:07Z"));
        assertCase("fn-formatdate-04", "formatdate", str("'quoted' YY"), str("2021-03-04T05:06:07Z"));
        assertCase("fn-formatdate-05", "formatdate", str("YYYY"), str("not a date"));
        assertCase("fn-formatdate-06", "formatdate", str("x'"), str("2020-01-01T00:00:00Z"));
        assertCase("fn-formatdate-07", "formatdate", str("EEE D M Y ZZZZ ZZZZZ"),
                str("2019-07-04T09:08:07.123+05:30"));
    }

    @Test
    void formatdateHasEveryVerb() {
        String t = "2019-07-04T21:08:07.123+05:30";
        assertThat(actual("formatdate", str("YY YYYY M MM MMM MMMM D DD EEE EEEE"), str(t)))
                .isEqualTo("19 2019 7 07 Jul July 4 04 Thu Thursday\n");
        assertThat(actual("formatdate", str("h hh H HH AA aa m mm s ss"), str(t)))
                .isEqualTo("21 21 9 09 PM pm 8 08 7 07\n");
        assertThat(actual("formatdate", str("Z ZZZ ZZZZ ZZZZZ"), str(t))).isEqualTo("+05:30 +0530 +0530 +05:30\n");
        assertThat(actual("formatdate", str("Z ZZZ ZZZZ ZZZZZ"), str("2019-07-04T21:08:07Z")))
                .isEqualTo("Z UTC +0000 +00:00\n");
        assertThat(actual("formatdate", str("H'h' 'it''s' ''"), str("2019-07-04T00:08:07Z"))).isEqualTo("12h it's '\n");
    }

    @Test
    void formatdateNamesTheBadVerb() {
        String t = "2019-07-04T21:08:07Z";
        assertThat(actual("formatdate", str("MMMMM"), str(t))).endsWith("\"format\" parameter: invalid date format "
                + "verb \"MMMMM\": month must be \"M\", \"MM\", \"MMM\", or \"MMMM\".");
        assertThat(actual("formatdate", str("A"), str(t)))
                .endsWith("invalid date format verb \"A\": must be \"AA\".");
        assertThat(actual("formatdate", str("ZZ"), str(t)))
                .endsWith("invalid date format verb \"ZZ\": timezone must be Z, ZZZZ, or ZZZZZ.");
        assertThat(actual("formatdate", str("YY 'open"), str(t))).endsWith("unterminated literal '.");
    }

    @Test
    void formatdateKeepsAQuotedLiteralAtTheEndUnlikePacker166() {
        // Deliberate difference: go-cty 1.4 dropped a literal closed by the last character ("20 "); later go-cty
        // fixed it, and so do we.
        assertThat(actual("formatdate", str("YY 'lit'"), str("2020-01-01T00:00:00Z"))).isEqualTo("20 lit\n");
    }

    @Test
    void timeaddOracleCases() {
        assertCase("fn-timeadd-01", "timeadd", str("2020-01-01T00:00:00Z"), str("1h30m"));
        assertCase("fn-timeadd-02", "timeadd", str("2020-01-01T00:00:00Z"), str("-24h"));
        assertCase("fn-timeadd-03", "timeadd", str("2020-02-28T23:00:00+01:00"), str("2h"));
        assertCase("fn-timeadd-04", "timeadd", str("2020"), str("1h"));
        assertCase("fn-timeadd-05", "timeadd", str("2020-01-01T00:00:00Z"), str("1d"));
        assertCase("fn-timeadd-06", "timeadd", str("2020-12-31T23:59:59Z"), str("1s"));
    }

    /** Each expectation is what packer 1.6.6 printed for the same call. */
    @Test
    void timestampsAreParsedAsGoParsesThem() {
        assertThat(timeadd("2020-13-01T00:00:00Z", "1h"))
                .endsWith("not a valid RFC3339 timestamp: cannot use \"-01T00:00:00Z\" as month.");
        assertThat(timeadd("2020-02-30T00:00:00Z", "1h")).endsWith("not a valid RFC3339 timestamp: day out of range.");
        assertThat(timeadd("2020-01-01T00:00:00Zxyz", "1h"))
                .endsWith("not a valid RFC3339 timestamp: cannot use \"xyz\" as timestamp segment.");
        assertThat(timeadd("2020-01-01 00:00:00Z", "1h"))
                .endsWith("not a valid RFC3339 timestamp: missing required time introducer 'T'.");
        assertThat(timeadd("2020-01-01T00:00:60Z", "1h"))
                .endsWith("not a valid RFC3339 timestamp: cannot use \"Z\" as second.");
        assertThat(timeadd("2020-01-01T00:00:00", "1h"))
                .endsWith("not a valid RFC3339 timestamp: end of string before UTC offset.");
        assertThat(timeadd("2020-1-01T00:00:00Z", "1h"))
                .endsWith("not a valid RFC3339 timestamp: cannot use \"1-01T00:00:00Z\" as month.");
        assertThat(actual("formatdate", str("YY"), str("2020-01-01T00:00:00+2:00"))).isEqualTo("Error: Invalid "
                + "function argument\nInvalid value for \"time\" parameter: not a valid RFC3339 timestamp: cannot use "
                + "\"+2:00\" as UTC offset.");
        assertThat(timeadd("2020-01-01T1:00:00Z", "1h")).isEqualTo("2020-01-01T02:00:00Z\n");
        assertThat(timeadd("2020-01-01T00:00:00.123456789+05:30", "1.5h")).isEqualTo("2020-01-01T01:30:00+05:30\n");
        assertThat(timeadd("2020-01-01T00:00:00+25:00", "1h")).isEqualTo("2020-01-01T01:00:00+25:00\n");
        assertThat(timeadd("2020-01-01T00:00:00,5Z", "1h")).isEqualTo("2020-01-01T01:00:00Z\n");
        assertThat(timeadd("2020-01-01T00:00:00-00:00", "0")).isEqualTo("2020-01-01T00:00:00Z\n");
        assertThat(timeadd("0000-01-01T00:00:00Z", "-1h")).isEqualTo("-0001-12-31T23:00:00Z\n");
        assertThat(timeadd("9999-12-31T23:00:00Z", "2h")).isEqualTo("10000-01-01T01:00:00Z\n");
    }

    /** Each expectation is what packer 1.6.6 printed for the same call. */
    @Test
    void durationsAreParsedAsGoParsesThem() {
        assertThat(timeadd("2020-01-01T00:00:00Z", "")).endsWith("failed: time: invalid duration \"\".");
        assertThat(timeadd("2020-01-01T00:00:00Z", "1")).endsWith("failed: time: missing unit in duration \"1\".");
        assertThat(timeadd("2020-01-01T00:00:00Z", "1µs")).isEqualTo("2020-01-01T00:00:00Z\n");
        assertThat(timeadd("2020-01-01T00:00:00Z", ".5h")).isEqualTo("2020-01-01T00:30:00Z\n");
        assertThat(timeadd("2020-01-01T00:00:00Z", "9999999999h"))
                .endsWith("failed: time: invalid duration \"9999999999h\".");
        assertThat(timeadd("2020-01-01T00:00:00Z", "1hé"))
                .endsWith("failed: time: unknown unit \"h\\xc3\\xa9\" in duration \"1h\\xc3\\xa9\".");
        assertThat(timeadd("2020-01-01T00:00:00Z", "1h-5m"))
                .endsWith("failed: time: unknown unit \"h-\" in duration \"1h-5m\".");
        assertThat(timeadd("2020-01-01T00:00:00Z", "+2m3.5s")).isEqualTo("2020-01-01T00:02:03Z\n");
    }

    private static String timeadd(String ts, String duration) {
        return actual("timeadd", str(ts), str(duration));
    }

    @Test
    void timestampIsTheClockInRfc3339Utc() {
        // fn-timestamp-01, -02 and -04 check the length (20), success and the final Z of the real clock's time.
        assertThat(actual("timestamp")).as("fn-timestamp-01/02/04").isEqualTo("2021-03-04T05:06:07Z\n");
        assertCase("fn-timestamp-03", "timestamp", num(1));
    }

    @Test
    void legacyIsotimeFormatsTheStartTimeWithAGoLayout() {
        assertThat(actual("legacy_isotime")).isEqualTo("2021-03-04T05:06:07Z\n");
        assertThat(actual("legacy_isotime", str("2006-01-02 15:04:05.000 MST Mon Jan _2 3PM -07:00 Z07:00")))
                .isEqualTo("2021-03-04 05:06:07.123 UTC Thu Mar  4 5AM +00:00 Z\n");
        assertThat(actual("legacy_isotime", str("060102150405.999999999 January Monday 002 __2 pm .9 ,000")))
                .isEqualTo("210304050607.123456789 March Thursday 063  63 am .1 ,123\n");
        assertThat(actual("legacy_isotime", str("Janet Monet"))).isEqualTo("Janet Monet\n");
        assertThat(actual("legacy_isotime", str("a"), str("b")))
                .endsWith("failed: too many values, 1 needed: [{{{{} 83}} a} {{{{} 83}} b}].");
    }

    @Test
    void legacyStrftimeFormatsTheStartTimeWithStrftimeConversions() {
        assertThat(actual("legacy_strftime")).isEqualTo("2021-03-04T05:06:07Z\n");
        assertThat(actual("legacy_strftime", str("%Y-%m-%d %H:%M:%S%L %Z %z %a %A %b %B %d %I %p %y %% %q %")))
                .isEqualTo("2021-03-04 05:06:07.123 UTC +0000 Thu Thursday Mar March 04 05 AM 21 % %q %\n");
    }

    @Test
    void rfc3339ParseGivesTheFieldsOfTheTimestamp() throws FunctionException {
        Value v = ExtOracle.functions().get("rfc3339_parse").call(java.util.List.of(str("2023-01-01T23:43:16.5-02:00")));
        assertThat(v.getAttr("year").asLong()).isEqualTo(2023);
        assertThat(v.getAttr("day").asLong()).isEqualTo(1);
        assertThat(v.getAttr("hour").asLong()).isEqualTo(23);
        assertThat(v.getAttr("weekday").asLong()).isZero();
        assertThat(v.getAttr("weekday_name").asString()).isEqualTo("Sunday");
        assertThat(v.getAttr("month_name").asString()).isEqualTo("January");
        assertThat(v.getAttr("unix").asLong()).isEqualTo(1672623796L);
        // 2023-01-01 is a Sunday, so it belongs to the last ISO week of 2022.
        assertThat(v.getAttr("iso_year").asLong()).isEqualTo(2022);
        assertThat(v.getAttr("iso_week").asLong()).isEqualTo(52);
        assertThat(actual("rfc3339_parse", str("2023-07-25 23:43:16Z"))).contains("\"year_day\" = 206");
        assertThat(actual("rfc3339_parse", str("2023-07-25"))).isEqualTo("Error: Invalid function argument\n"
                + "Invalid value for \"timestamp\" parameter: \"2023-07-25\" is not a valid RFC3339 timestamp.");
    }

    @Test
    void unixTimestampParseGivesTheFieldsInUtc() throws FunctionException {
        Value v = ExtOracle.functions().get("unix_timestamp_parse").call(java.util.List.of(num(1690328596)));
        assertThat(v.getAttr("rfc3339").asString()).isEqualTo("2023-07-25T23:43:16Z");
        assertThat(v.getAttr("year_day").asLong()).isEqualTo(206);
        assertThat(v.getAttr("iso_week").asLong()).isEqualTo(30);
        assertThat(actual("unix_timestamp_parse", num(-1))).contains("\"rfc3339\" = \"1969-12-31T23:59:59Z\"");
        assertThat(actual("unix_timestamp_parse", Value.parseNumber("1.5"))).isEqualTo("Error: Invalid function "
                + "argument\nInvalid value for \"unix_timestamp\" parameter: unix_timestamp must be a whole number of "
                + "seconds representable as a 64-bit integer: value must be a whole number, between "
                + "-9223372036854775808 and 9223372036854775807.");
    }
}
