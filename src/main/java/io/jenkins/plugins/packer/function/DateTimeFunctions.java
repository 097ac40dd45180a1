package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The date and time functions: go-cty's {@code formatdate timeadd}, Packer's {@code timestamp} and the newer
 * {@code legacy_isotime legacy_strftime rfc3339_parse unix_timestamp_parse}, reading the time from the context's
 * clock. See <a href="https://developer.hashicorp.com/packer/docs/templates/hcl_templates/functions/datetime/formatdate">
 * Packer's date and time functions</a>.
 */
public final class DateTimeFunctions {

    private static final String UTC = "UTC";

    private static final Type PARSED = Type.object(attributes("year", "year_day", "day", "month", "month_name",
            "weekday", "weekday_name", "hour", "minute", "second", "unix", "iso_year", "iso_week"));
    private static final Type UNIX_PARSED = Type.object(attributes("year", "year_day", "day", "month", "month_name",
            "weekday", "weekday_name", "hour", "minute", "second", "rfc3339", "iso_year", "iso_week"));

    private DateTimeFunctions() {
    }

    public static void register(Map<String, Function> all, FunctionContext ctx) {
        ExtFunction.add(all, "formatdate", Type.STRING,
                List.of(ExtFunction.string("format"), ExtFunction.string("time")), args -> {
                    DateTimeCalendar t = parseTimestamp(args.get(1).asString(), 1);
                    return Value.string(DateTimeFormatDate.format(args.get(0).asString(), t));
                });
        ExtFunction.add(all, "timeadd", Type.STRING,
                List.of(ExtFunction.string("timestamp"), ExtFunction.string("duration")), args -> {
                    DateTimeCalendar t = parseTimestamp(args.get(0).asString(), -1);
                    long nanos = DateTimeLayouts.parseDuration(args.get(1).asString());
                    return Value.string(DateTimeLayouts.format(t.plusNanos(nanos), DateTimeLayouts.RFC3339, null));
                });
        ExtFunction.add(all, "timestamp", Type.STRING, List.of(),
                args -> Value.string(DateTimeLayouts.format(now(ctx), DateTimeLayouts.RFC3339, UTC)));
        // Packer takes the time once, when it starts, for every call of the legacy functions.
        DateTimeCalendar start = now(ctx);
        ExtFunction.addVariadic(all, "legacy_isotime", Type.STRING, List.of(), ExtFunction.string("format"),
                args -> Value.string(args.isEmpty() ? DateTimeLayouts.format(start, DateTimeLayouts.RFC3339, UTC)
                        : DateTimeLayouts.format(start, single(args), UTC)));
        ExtFunction.addVariadic(all, "legacy_strftime", Type.STRING, List.of(), ExtFunction.string("format"),
                args -> Value.string(args.isEmpty() ? DateTimeLayouts.format(start, DateTimeLayouts.RFC3339, UTC)
                        : DateTimeLayouts.strftime(start, single(args), UTC)));
        ExtFunction.add(all, "rfc3339_parse", PARSED, List.of(ExtFunction.string("timestamp")), args -> {
            String ts = args.get(0).asString();
            DateTimeCalendar t = parseRfc3339Either(ts);
            if (t == null) {
                throw new FunctionException(0, ExtFunction.goQuote(ts) + " is not a valid RFC3339 timestamp");
            }
            Map<String, Value> fields = fields(t);
            fields.put("unix", Value.number(t.epochSecond()));
            return Value.object(fields);
        });
        ExtFunction.add(all, "unix_timestamp_parse", UNIX_PARSED, List.of(ExtFunction.number("unix_timestamp")),
                args -> {
                    long seconds;
                    try {
                        seconds = ExtFunction.goInt(args.get(0));
                    } catch (ExtFunction.GoIntException e) {
                        throw new FunctionException(0, "unix_timestamp must be a whole number of seconds "
                                + "representable as a 64-bit integer: " + e.getMessage());
                    }
                    DateTimeCalendar t = new DateTimeCalendar(seconds, 0, 0);
                    Map<String, Value> fields = fields(t);
                    fields.put("rfc3339", Value.string(DateTimeLayouts.format(t, DateTimeLayouts.RFC3339, UTC)));
                    return Value.object(fields);
                });
    }

    private static DateTimeCalendar now(FunctionContext ctx) {
        Instant now = ctx.clock().instant();
        return new DateTimeCalendar(now.getEpochSecond(), now.getNano(), 0);
    }

    /** The only format argument; Packer refuses more with its Go-printed argument list. */
    private static String single(List<Value> args) throws FunctionException {
        if (args.size() > 1) {
            // Go's %v of a []cty.Value of strings: each value as {type string} where a string type prints {{{} 83}}.
            String printed = args.stream().map(v -> "{{{{} 83}} " + v.asString() + "}")
                    .collect(Collectors.joining(" ", "[", "]"));
            throw new FunctionException("too many values, 1 needed: " + printed);
        }
        return args.get(0).asString();
    }

    /** cty's parseTimestamp; a failure is an error about the argument at {@code argIndex}, if not negative. */
    private static DateTimeCalendar parseTimestamp(String ts, int argIndex) throws FunctionException {
        try {
            return DateTimeLayouts.parseRfc3339(ts, 'T');
        } catch (DateTimeLayouts.ParseException e) {
            throw new FunctionException(argIndex, e.getMessage());
        }
    }

    /** Packer's two accepted layouts: RFC 3339 with a {@code T} or with a space between date and time. */
    private static DateTimeCalendar parseRfc3339Either(String ts) {
        for (char separator : new char[] {'T', ' '}) {
            try {
                return DateTimeLayouts.parseRfc3339(ts, separator);
            } catch (DateTimeLayouts.ParseException e) {
                // try the next layout
            }
        }
        return null;
    }

    private static Map<String, Value> fields(DateTimeCalendar t) {
        Map<String, Value> m = new LinkedHashMap<>();
        long[] iso = t.isoWeek();
        m.put("year", Value.number(t.year()));
        m.put("year_day", Value.number(t.yearDay()));
        m.put("day", Value.number(t.day()));
        m.put("month", Value.number(t.month()));
        m.put("month_name", Value.string(DateTimeCalendar.monthName(t.month())));
        m.put("weekday", Value.number(t.weekday()));
        m.put("weekday_name", Value.string(DateTimeCalendar.weekdayName(t.weekday())));
        m.put("hour", Value.number(t.hour()));
        m.put("minute", Value.number(t.minute()));
        m.put("second", Value.number(t.second()));
        m.put("iso_year", Value.number(iso[0]));
        m.put("iso_week", Value.number(iso[1]));
        return m;
    }

    private static Map<String, Type> attributes(String... names) {
        Map<String, Type> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, n.endsWith("_name") || n.equals("rfc3339") ? Type.STRING : Type.NUMBER);
        }
        return m;
    }
}
