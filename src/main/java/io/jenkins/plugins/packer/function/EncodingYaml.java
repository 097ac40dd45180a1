package io.jenkins.plugins.packer.function;

import io.jenkins.plugins.packer.value.ConversionException;
import io.jenkins.plugins.packer.value.Convert;
import io.jenkins.plugins.packer.value.EvaluationCancelled;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.emitter.Emitter;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ImplicitTuple;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.events.StreamStartEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * yamldecode and yamlencode as go-cty-yaml (v1.0.1, a port of libyaml with go-yaml v2's YAML 1.1 resolution) does
 * them. SnakeYAML, also a YAML 1.1 implementation, reads and writes the event stream; how a plain scalar becomes a
 * bool, number, null, timestamp string or string is go-cty-yaml's table, not SnakeYAML's (so {@code y} is true and
 * {@code 0x1F} stays a string), and its messages are mapped to libyaml's where they differ.
 */
final class EncodingYaml {

    private static final String TAG = "tag:yaml.org,2002:";
    private static final Set<String> RESOLVABLE = Set.of("str", "bool", "int", "float", "null", "timestamp", "binary");
    private static final Map<String, Value> PLAIN = new HashMap<>();
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:([Tt ])(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,9}))?"
                    + "(Z|[+-]\\d{2}:\\d{2})?)?");
    /** Marks a "<<" merge key. */
    private static final Value MERGE = Value.string("<<merge>>");

    static {
        for (String s : List.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON")) {
            PLAIN.put(s, Value.TRUE);
        }
        for (String s : List.of("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF")) {
            PLAIN.put(s, Value.FALSE);
        }
        for (String s : List.of("", "~", "null", "Null", "NULL")) {
            PLAIN.put(s, Value.DYNAMIC_NULL);
        }
        for (String s : List.of(".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF")) {
            PLAIN.put(s, Value.POSITIVE_INFINITY);
        }
        for (String s : List.of("-.inf", "-.Inf", "-.INF")) {
            PLAIN.put(s, Value.NEGATIVE_INFINITY);
        }
    }

    private final String src;
    private final Iterator<Event> events;
    private final Map<String, Value> anchors = new HashMap<>();
    /** The nodes of each anchored value, and of the document with its aliases expanded (see {@link #MAX_NODES}). */
    private final Map<String, Long> anchorNodes = new HashMap<>();
    private long nodes;
    /**
     * The most nodes a document may stand for once its aliases are expanded: an alias costs what it stands for, so
     * a "billion laughs" document is refused at once, as go-yaml refuses excessive aliasing, instead of being walked.
     */
    static final long MAX_NODES = 10_000_000L;

    private EncodingYaml(String src) {
        this.src = src.isEmpty() ? "\n" : src;
        LoaderOptions options = new LoaderOptions();
        this.events = new EventIterator(new ParserImpl(new StreamReader(new StringReader(this.src)), options));
    }

    /** yamldecode: one document; a document that is only null decodes to an unknown value, as in cty. */
    static Value decode(String src) throws FunctionException {
        EncodingYaml y = new EncodingYaml(src);
        try {
            return y.document();
        } catch (MarkedYAMLException e) {
            throw new FunctionException(y.libyamlMessage(e));
        } catch (YAMLException e) {
            throw new FunctionException(e.getMessage());
        }
    }

    private Value document() throws FunctionException {
        Event e = events.next();
        if (!(e instanceof StreamStartEvent)) {
            throw eventError(e, "missing stream start token");
        }
        e = events.next();
        if (!(e instanceof DocumentStartEvent)) {
            throw eventError(e, "missing start of document");
        }
        Value v = value(events.next());
        e = events.next();
        if (e instanceof DocumentStartEvent) {
            throw eventError(e, "only a single document is allowed");
        }
        if (!(e instanceof DocumentEndEvent)) {
            throw eventError(e, "unexpected extra content (" + eventName(e) + ") after value");
        }
        e = events.next();
        if (e instanceof DocumentStartEvent) {
            throw eventError(e, "only a single document is allowed");
        }
        if (!(e instanceof StreamEndEvent)) {
            throw eventError(e, "unexpected extra content after value");
        }
        return v.isNull() && v.type().isDynamic() ? Value.DYNAMIC_UNKNOWN : v;
    }

    private Value value(Event e) throws FunctionException {
        long start = nodes++;
        if (e instanceof ScalarEvent s) {
            Value v = scalar(s);
            if (v == MERGE) {
                v = Value.string("<<");
            }
            return anchored(s, v, start);
        }
        if (e instanceof AliasEvent a) {
            Value v = anchors.get(a.getAnchor());
            if (v == null) {
                throw eventError(e, "reference to undefined anchor " + StringFunctions.goQuote(a.getAnchor()));
            }
            nodes += anchorNodes.get(a.getAnchor());
            if (nodes > MAX_NODES) {
                throw eventError(e, "document contains excessive aliasing");
            }
            return v;
        }
        if (e instanceof SequenceStartEvent s) {
            checkTag(s, s.getTag(), "seq", "sequence");
            List<Value> elements = new ArrayList<>();
            for (Event n = events.next(); !(n instanceof SequenceEndEvent); n = events.next()) {
                EvaluationCancelled.check();
                elements.add(value(n));
            }
            return anchored(s, Value.tuple(elements), start);
        }
        if (e instanceof MappingStartEvent m) {
            checkTag(m, m.getTag(), "map", "mapping");
            Map<String, Value> attrs = new TreeMap<>();
            for (Event n = events.next(); !(n instanceof MappingEndEvent); n = events.next()) {
                EvaluationCancelled.check();
                if (!(n instanceof ScalarEvent k)) {
                    throw eventError(n, "only strings are allowed as mapping keys");
                }
                Value key = scalar(k);
                if (key == MERGE) {
                    Event from = events.next();
                    Value merged = value(from);
                    if (!merged.type().isObject()) {
                        throw eventError(n, "cannot merge " + merged.type().friendlyName() + " into mapping");
                    }
                    attrs.putAll(merged.entries());
                    continue;
                }
                String name;
                try {
                    Value str = Convert.convert(key, Type.STRING);
                    if (str.isNull()) {
                        throw new ConversionException("null key");
                    }
                    name = str.asString();
                } catch (ConversionException ex) {
                    throw eventError(n, "only strings are allowed as mapping keys");
                }
                attrs.put(name, value(events.next()));
            }
            return anchored(m, Value.object(attrs), start);
        }
        if (e instanceof DocumentStartEvent) {
            throw eventError(e, "only a single document is allowed");
        }
        if (e instanceof StreamEndEvent) {
            throw eventError(e, "expecting value but found end of stream");
        }
        throw eventError(e, "unexpected parser event " + eventName(e));
    }

    private void checkTag(Event e, String tag, String expected, String kind) throws FunctionException {
        if (tag != null && !tag.equals("!") && !tag.equals(TAG + expected)) {
            throw eventError(e, "can't interpret " + kind + " as " + shortTag(tag));
        }
    }

    private Value anchored(NodeEvent e, Value v, long start) {
        if (e.getAnchor() != null) {
            anchors.put(e.getAnchor(), v);
            anchorNodes.put(e.getAnchor(), nodes - start);
        }
        return v;
    }

    private Value scalar(ScalarEvent s) throws FunctionException {
        String tag = s.getTag() == null || s.getTag().equals("!") ? "" : s.getTag();
        ImplicitTuple implicit = s.getImplicit();
        if (tag.isEmpty() && !implicit.canOmitTagInPlainScalar()) {
            return Value.string(s.getValue());
        }
        try {
            return resolve(tag, s.getValue(), s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN);
        } catch (ResolveException ex) {
            throw eventError(s, ex.getMessage());
        }
    }

    /** A plain scalar's resolution failed. */
    private static final class ResolveException extends Exception {
        private static final long serialVersionUID = 1L;

        ResolveException(String message) {
            super(message, null, false, false);
        }
    }

    /** go-cty-yaml's resolveScalar. */
    private static Value resolve(String tag, String src, boolean plain) throws ResolveException {
        String shortName = tag.startsWith(TAG) ? tag.substring(TAG.length()) : null;
        if (!tag.isEmpty() && (shortName == null || !RESOLVABLE.contains(shortName))) {
            throw new ResolveException("unsupported tag " + StringFunctions.goQuote(tag));
        }
        char hint = hint(src);
        boolean textual = "str".equals(shortName) || "binary".equals(shortName);
        if (hint != 0 && !textual) {
            if (!plain) {
                return Value.string(src);
            }
            Value known = PLAIN.get(src);
            if (known != null) {
                return known;
            }
            if (tag.isEmpty() && List.of(".nan", ".NaN", ".NAN").contains(src)) {
                throw new ResolveException("floating point NaN is not supported");
            }
            if (hint == '.') {
                Value n = number(src);
                if (n != null) {
                    return n;
                }
            } else if (hint == 'D' || hint == 'S') {
                if (tag.isEmpty() || "timestamp".equals(shortName)) {
                    String ts = timestamp(src);
                    if (ts != null) {
                        return Value.string(ts);
                    }
                }
                String digits = src.replace("_", "");
                Value n = number(digits);
                if (n != null) {
                    return n;
                }
                if (digits.startsWith("0b") || digits.startsWith("-0b")) {
                    shortName = "int";
                }
            }
        }
        if (tag.isEmpty() && shortName == null && src.equals("<<")) {
            return MERGE;
        }
        if (shortName == null) {
            return Value.string(src);
        }
        switch (shortName) {
            case "str" -> {
                return Value.string(src);
            }
            case "binary" -> {
                try {
                    // Go's standard encoding wants the padding, which Java's decoder lets go.
                    if (src.length() % 4 != 0) {
                        throw new IllegalArgumentException("unpadded");
                    }
                    java.util.Base64.getDecoder().decode(src);
                } catch (IllegalArgumentException e) {
                    throw new ResolveException("cannot parse " + StringFunctions.goQuote(src) + " as " + tag
                            + ": not valid base64");
                }
                return Value.string(src);
            }
            case "bool" -> {
                Value b = PLAIN.get(src);
                if (b == null || !b.type().equals(Type.BOOL)) {
                    throw new ResolveException("cannot parse " + StringFunctions.goQuote(src) + " as " + tag);
                }
                return b;
            }
            case "int", "float" -> {
                Value n = integer(src.replace("_", ""));
                if (n == null) {
                    throw new ResolveException("cannot parse " + StringFunctions.goQuote(src) + " as " + tag);
                }
                return n;
            }
            case "timestamp" -> {
                String ts = timestamp(src);
                if (ts == null) {
                    throw new ResolveException("cannot parse " + StringFunctions.goQuote(src) + " as " + tag);
                }
                return Value.string(ts);
            }
            default -> {
                return Value.DYNAMIC_NULL;
            }
        }
    }

    private static char hint(String src) {
        if (src.isEmpty()) {
            return 'N';
        }
        char c = src.charAt(0);
        if (c == '+' || c == '-') {
            return 'S';
        }
        if (c >= '0' && c <= '9') {
            return 'D';
        }
        if ("yYnNtTfFoO~".indexOf(c) >= 0) {
            return 'M';
        }
        return c == '.' ? '.' : 0;
    }

    private static Value number(String s) {
        try {
            return Value.parseNumber(s);
        } catch (ConversionException e) {
            return null;
        }
    }

    /** A number as decimal, or as Go's ParseInt/ParseUint with base prefixes (0x, 0o, 0b, leading 0), or null. */
    private static Value integer(String s) {
        Value n = number(s);
        if (n != null) {
            return n;
        }
        boolean negative = s.startsWith("-");
        String body = negative || s.startsWith("+") ? s.substring(1) : s;
        int radix = 10;
        if (body.startsWith("0x") || body.startsWith("0X")) {
            radix = 16;
            body = body.substring(2);
        } else if (body.startsWith("0b") || body.startsWith("0B")) {
            radix = 2;
            body = body.substring(2);
        } else if (body.startsWith("0o") || body.startsWith("0O")) {
            radix = 8;
            body = body.substring(2);
        } else if (body.startsWith("0") && body.length() > 1) {
            radix = 8;
            body = body.substring(1);
        }
        final int base = radix;
        if (body.isEmpty() || !body.chars().allMatch(c -> Character.digit(c, base) >= 0 && c < 128)) {
            return null;
        }
        BigInteger v = new BigInteger(body, base);
        if (negative) {
            v = v.negate();
        }
        if (v.bitLength() > 64 || negative && v.bitLength() > 63) {
            return null;
        }
        return Value.number(new java.math.BigDecimal(v));
    }

    /** go-yaml's timestamp forms, formatted as Go's time.RFC3339; null if the text is not one. */
    private static String timestamp(String s) {
        Matcher m = TIMESTAMP.matcher(s);
        if (!m.matches() || m.group(4) != null && m.group(4).equals(" ") && m.group(9) != null) {
            return null;
        }
        if (m.group(4) != null && !m.group(4).equals(" ") && m.group(9) == null) {
            return null;
        }
        try {
            int year = Integer.parseInt(m.group(1));
            int month = Integer.parseInt(m.group(2));
            int day = Integer.parseInt(m.group(3));
            if (m.group(4) == null) {
                return LocalDate.of(year, month, day).atStartOfDay().atOffset(ZoneOffset.UTC).format(RFC3339);
            }
            LocalDateTime t = LocalDateTime.of(year, month, day, Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)));
            ZoneOffset zone = m.group(9) == null || m.group(9).equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(m.group(9));
            return OffsetDateTime.of(t, zone).format(RFC3339);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private static String shortTag(String tag) {
        return tag.startsWith(TAG) ? "!!" + tag.substring(TAG.length()) : tag;
    }

    private static String eventName(Event e) {
        String name = e.getEventId().name();
        return "yaml_" + name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT) + "_EVENT";
    }

    /** go-cty-yaml's parseEventErrorf: the event's line and column, unless it is on the first line. */
    private FunctionException eventError(Event e, String msg) {
        Mark m = e.getStartMark();
        int line = libyamlLine(m);
        if (line == 0) {
            return new FunctionException(msg);
        }
        return new FunctionException("on line " + line + ", column " + (libyamlColumn(m) + 1) + ": " + msg);
    }

    /** libyaml counts the implicit line break that ends the input as a line: marks at the very end move there. */
    private int libyamlLine(Mark m) {
        if (m == null) {
            return 0;
        }
        if (m.getIndex() >= src.length() && !src.endsWith("\n")) {
            return m.getLine() + 1;
        }
        return m.getLine();
    }

    private int libyamlColumn(Mark m) {
        return m != null && m.getIndex() >= src.length() && !src.endsWith("\n") ? 0 : m == null ? 0 : m.getColumn();
    }

    /** go-cty-yaml's parserError over SnakeYAML's exception, with libyaml's wording of the common problems. */
    private String libyamlMessage(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "invalid YAML syntax" : e.getProblem();
        if (problem.startsWith("mapping values are not allowed")) {
            problem = "mapping values are not allowed in this context";
        } else if (problem.startsWith("expected ',' or ']'")) {
            problem = "did not find expected ',' or ']'";
        } else if (problem.startsWith("expected ',' or '}'")) {
            problem = "did not find expected ',' or '}'";
        } else if (problem.startsWith("expected <block end>")) {
            // libyaml names what a block sequence or mapping expected next.
            String context = e.getContext() == null ? "" : e.getContext();
            problem = context.contains("block collection") && !context.contains("mapping")
                    ? "did not find expected '-' indicator" : "did not find expected key";
        } else if (problem.startsWith("expected the node content")) {
            problem = "did not find expected node content";
        } else if (problem.startsWith("found character that cannot start any token")) {
            problem = "found character that cannot start any token";
        } else if (problem.startsWith("found undefined tag handle")) {
            problem = "found undefined tag handle";
        }
        boolean scanner = e instanceof org.yaml.snakeyaml.scanner.ScannerException;
        Mark mark = e.getProblemMark();
        int line = libyamlLine(mark);
        if (line != 0) {
            int column = libyamlColumn(mark);
            if (scanner) {
                line++;
                column = 0;
            }
            return "on line " + line + ", column " + (column + 1) + ": " + problem;
        }
        Mark context = e.getContextMark();
        if (context != null && context.getLine() != 0) {
            return "on line " + context.getLine() + ", column " + (context.getColumn() + 1) + ": " + problem;
        }
        return problem;
    }

    /** Adapts SnakeYAML's parser to an iterator that reports running off the end as "end of stream". */
    private static final class EventIterator implements Iterator<Event> {
        private final ParserImpl parser;

        EventIterator(ParserImpl parser) {
            this.parser = parser;
        }

        @Override
        public boolean hasNext() {
            return parser.peekEvent() != null;
        }

        @Override
        public Event next() {
            Event e = parser.getEvent();
            return e == null ? new StreamEndEvent(null, null) : e;
        }
    }

    /** yamlencode: block style, strings double-quoted (literal blocks when multi-line), as go-cty-yaml writes. */
    static String encode(Value v) throws FunctionException {
        DumperOptions options = new DumperOptions();
        options.setIndent(2);
        options.setAllowUnicode(true);
        options.setWidth(80);
        options.setSplitLines(true);
        StringWriter out = new StringWriter();
        Emitter emitter = new Emitter(out, options);
        try {
            emitter.emit(new StreamStartEvent(null, null));
            emitter.emit(new DocumentStartEvent(null, null, false, null, null));
            emitValue(emitter, v);
            emitter.emit(new DocumentEndEvent(null, null, false));
            emitter.emit(new StreamEndEvent(null, null));
        } catch (java.io.IOException e) {
            throw new FunctionException(e.getMessage());
        }
        String text = out.toString();
        // libyaml closes a document whose root is a plain scalar with "...", as the open end of such a document.
        boolean rootPlain = v.isNull() || v.type().equals(Type.NUMBER) || v.type().equals(Type.BOOL);
        return rootPlain && !text.endsWith("...\n") ? text + "...\n" : text;
    }

    private static void emitValue(Emitter emitter, Value v) throws java.io.IOException, FunctionException {
        ImplicitTuple implicit = new ImplicitTuple(true, true);
        if (v.isNull()) {
            emitter.emit(new ScalarEvent(null, null, implicit, "null", null, null, DumperOptions.ScalarStyle.PLAIN));
            return;
        }
        if (!v.isKnown()) {
            throw new FunctionException("cannot serialize unknown value as YAML");
        }
        Type t = v.type();
        if (t.equals(Type.STRING)) {
            String s = v.asString();
            emitter.emit(new ScalarEvent(null, null, implicit, s, null, null, s.contains("\n")
                    ? DumperOptions.ScalarStyle.LITERAL : DumperOptions.ScalarStyle.DOUBLE_QUOTED));
        } else if (t.equals(Type.NUMBER)) {
            String text = v.isInfinite() ? (v.asDouble() > 0 ? "+Inf" : "-Inf") : v.asBigDecimal().toPlainString();
            emitter.emit(new ScalarEvent(null, null, implicit, text, null, null, DumperOptions.ScalarStyle.PLAIN));
        } else if (t.equals(Type.BOOL)) {
            emitter.emit(new ScalarEvent(null, null, implicit, Boolean.toString(v.asBool()), null, null,
                    DumperOptions.ScalarStyle.PLAIN));
        } else if (t.isMap() || t.isObject()) {
            emitter.emit(new MappingStartEvent(null, null, true, null, null, DumperOptions.FlowStyle.BLOCK));
            for (Map.Entry<String, Value> e : v.entries().entrySet()) {
                EvaluationCancelled.check();
                emitValue(emitter, Value.string(e.getKey()));
                emitValue(emitter, e.getValue());
            }
            emitter.emit(new MappingEndEvent(null, null));
        } else {
            emitter.emit(new SequenceStartEvent(null, null, true, null, null, DumperOptions.FlowStyle.BLOCK));
            for (Value e : v.elements()) {
                EvaluationCancelled.check();
                emitValue(emitter, e);
            }
            emitter.emit(new SequenceEndEvent(null, null));
        }
    }
}
